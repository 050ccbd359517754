namespace Vigil.Evaluation.Execution;

/// <summary>
/// Decides where <see cref="DetectorJob"/>s run: on this machine's cores (<see cref="LocalJobExecutor"/>) or on a
/// cluster (the Orleans executor in <c>Vigil.Orleans</c>). Every executor runs the same <see cref="DetectorJobFunction"/>,
/// so the scores do not depend on where a job ran.
/// </summary>
public interface IJobExecutor
{
    /// <summary>
    /// Runs <paramref name="jobs"/> and yields each result as it finishes (in completion order), each job exactly once.
    /// Jobs are started in the order given (put the longest first).
    /// </summary>
    /// <param name="jobs">Jobs with distinct ids.</param>
    /// <param name="progress">Receives rows scored inside running jobs, where the executor can see them; from any thread.</param>
    /// <param name="ct">Stops the run: no new job starts and the enumeration throws <see cref="OperationCanceledException"/>.</param>
    /// <exception cref="InvalidOperationException">A job failed (the detector threw or produced invalid scores); the message names the job.</exception>
    IAsyncEnumerable<DetectorJobResult> RunAsync(IReadOnlyList<DetectorJob> jobs, IProgress<DetectorJobProgress>? progress = null, CancellationToken ct = default);
}
