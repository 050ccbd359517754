using Orleans;
using Orleans.Placement;
using Orleans.Runtime;
using Vigil.Detection;
using Vigil.Evaluation.Execution;
using Vigil.Orleans.Contracts.Jobs;

namespace Vigil.Orleans.Jobs;

/// <summary>
/// Runs one attempt of one detector job with <see cref="DetectorJobFunction"/>, the function the local executor calls, and
/// deactivates when done. Placed on the silo with the fewest activations, so concurrent jobs spread over the silos.
/// </summary>
/// <remarks>
/// The job runs on the thread pool, not on the grain's scheduler turn, so a long job does not hold up the silo's other
/// grains (membership probes, status reports).
/// </remarks>
[ActivationCountBasedPlacement]
public sealed class JobWorkerGrain : Grain, IJobWorkerGrain
{
    private readonly DetectorRegistry _registry;
    private readonly SiloJobCounters _counters;
    private readonly string _silo;

    /// <summary>Creates the grain (by the Orleans runtime).</summary>
    /// <param name="registry">The detectors this silo can build.</param>
    /// <param name="counters">This silo's job counts.</param>
    /// <param name="silo">This silo.</param>
    public JobWorkerGrain(DetectorRegistry registry, SiloJobCounters counters, ILocalSiloDetails silo)
    {
        ArgumentNullException.ThrowIfNull(silo);
        _registry = registry;
        _counters = counters;
        _silo = silo.SiloAddress.ToParsableString();
    }

    /// <inheritdoc />
    public async Task<DetectorJobResultDto> RunAsync(DetectorJobDto job)
    {
        ArgumentNullException.ThrowIfNull(job);
        _counters.Started();
        bool succeeded = false;
        try
        {
            var result = await Task.Run(() => DetectorJobFunction.Run(_registry, DetectorJobMapping.FromDto(job), _silo)).ConfigureAwait(true);
            succeeded = true;
            return DetectorJobMapping.ToDto(result);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Vigil's own exception types have no Orleans codec: send the message in a type every client can read.
            throw new InvalidOperationException($"Job {job.Id} ({job.SeriesId}) failed on silo {_silo}: {e.Message}");
        }
        finally
        {
            _counters.Ended(succeeded);
            DeactivateOnIdle();
        }
    }
}
