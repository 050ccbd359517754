using Orleans;

namespace Vigil.Orleans.Contracts.Jobs;

/// <summary>
/// Runs one attempt of one detector job (key: <c>&lt;run&gt;/&lt;job&gt;/&lt;attempt&gt;</c>). A fresh activation per
/// attempt is placed on the silo with the fewest activations, which spreads a run's jobs over the silos; a retried job
/// gets a new key, so it is placed again among the live silos instead of being sent after its dead activation.
/// </summary>
/// <remarks>
/// Implementation note: architecture §3.11 sketches a stateless worker. A stateless worker is activated on the silo
/// whose gateway received the call, and a client sends its calls through one gateway, so every job of a run would land
/// on one silo; per-attempt activations placed by activation count spread them instead.
/// </remarks>
public interface IJobWorkerGrain : IGrainWithStringKey
{
    /// <summary>Runs the job with the same function as the local executor and returns its scores.</summary>
    /// <param name="job">The job.</param>
    Task<DetectorJobResultDto> RunAsync(DetectorJobDto job);
}
