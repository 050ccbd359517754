using Orleans;

namespace Vigil.Orleans.Contracts.Tuning;

/// <summary>
/// Asks a study grain for one trial and runs it with the same objective as local tuning (key:
/// <c>&lt;run&gt;/&lt;slot&gt;/&lt;call&gt;</c>: a fresh activation per call, placed on the silo with the fewest
/// activations, so a tuning run's workers spread over the silos and a call after a lost silo lands on a live one).
/// </summary>
public interface ITrialWorkerGrain : IGrainWithStringKey
{
    /// <summary>Asks for a trial, runs it and tells the study how it ended.</summary>
    /// <returns>Run (a trial ran, or its lease was lost meanwhile), Wait or Finished, as the study grain answered the ask.</returns>
    Task<TicketKind> RunNextAsync(TrialWorkDto work);
}
