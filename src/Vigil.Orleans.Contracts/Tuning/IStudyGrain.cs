using Orleans;

namespace Vigil.Orleans.Contracts.Tuning;

/// <summary>
/// Owns one tuning study on a cluster (key: the study name): hands out trials (ask), takes intermediate values and
/// answers with the pruner's decision, and records how trials end (tell). Its state is persisted after every change,
/// so the study survives the silo that hosts it.
/// </summary>
/// <remarks>
/// A trial is handed out under a lease held by the worker's silo. When that silo is declared dead, or the lease is not
/// renewed in time, the same trial (number and parameters) is handed out again. A tell for a trial that has already
/// finished is ignored, so a trial is never counted twice.
/// </remarks>
public interface IStudyGrain : IGrainWithStringKey
{
    /// <summary>Creates the study, or checks that the stored one has the same settings; raises its trial budget to <see cref="StudySpecDto.MaxTrials"/>.</summary>
    /// <returns>Null when opened; otherwise why the stored study differs.</returns>
    Task<string?> OpenAsync(StudySpecDto spec);

    /// <summary>The next trial to run, or the word to wait (earlier trials must finish first) or to stop (the study is finished).</summary>
    /// <param name="silo">The silo of the worker that will run it (its lease is lost when that silo dies).</param>
    /// <param name="worker">The worker, for the trial record.</param>
    Task<TrialTicketDto> AskAsync(string silo, string worker);

    /// <summary>
    /// Records intermediate value number <paramref name="step"/> (0-based) of a leased trial and answers with the
    /// pruner's decision. Idempotent per step: a retried call (its first answer lost in transit) records nothing more
    /// and gets the same decision.
    /// </summary>
    Task<TrialDecision> ReportAsync(int number, string lease, int step, double value);

    /// <summary>Renews a lease; false when the lease was lost (the trial was handed out again or has finished).</summary>
    Task<bool> RenewAsync(int number, string lease);

    /// <summary>Ends a trial; false when it had already ended (the tell is ignored).</summary>
    Task<bool> TellAsync(int number, string lease, TrialOutcomeDto outcome);

    /// <summary>Every trial so far, and whether the study is finished.</summary>
    Task<StudySnapshotDto> GetSnapshotAsync();
}
