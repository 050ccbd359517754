using Orleans;

namespace Vigil.Orleans.Contracts.Jobs;

/// <summary>A detector job's scores on their way back from a silo.</summary>
/// <param name="Id">The job's id.</param>
/// <param name="Scores">One score per row.</param>
/// <param name="Elapsed">Time the job function ran on the silo.</param>
/// <param name="Silo">The silo that ran it.</param>
[GenerateSerializer, Immutable]
public sealed record DetectorJobResultDto(
    [property: Id(0)] string Id,
    [property: Id(1)] double[] Scores,
    [property: Id(2)] TimeSpan Elapsed,
    [property: Id(3)] string Silo);
