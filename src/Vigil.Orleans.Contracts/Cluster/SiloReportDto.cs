using Orleans;

namespace Vigil.Orleans.Contracts.Cluster;

/// <summary>What one silo says about itself, every few seconds, to the <see cref="IClusterStatusGrain"/>.</summary>
/// <param name="Silo">The silo's address (host:port@generation).</param>
/// <param name="Cores">Processor count of its machine.</param>
/// <param name="JobsRunning">Jobs running on it now.</param>
/// <param name="JobsCompleted">Jobs it finished since it started.</param>
/// <param name="JobsFailed">Jobs that threw on it since it started.</param>
/// <param name="ReportedAt">When it sent the report (its clock).</param>
[GenerateSerializer, Immutable]
public sealed record SiloReportDto(
    [property: Id(0)] string Silo,
    [property: Id(1)] int Cores,
    [property: Id(2)] int JobsRunning,
    [property: Id(3)] long JobsCompleted,
    [property: Id(4)] long JobsFailed,
    [property: Id(5)] DateTimeOffset ReportedAt);
