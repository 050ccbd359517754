using Orleans;
using Vigil.Orleans.Contracts.Cluster;

namespace Vigil.Orleans.Cluster;

/// <summary>Keeps the latest report of every silo (in memory: silos re-send theirs every few seconds).</summary>
public sealed class ClusterStatusGrain : Grain, IClusterStatusGrain
{
    private readonly Dictionary<string, SiloReportDto> _reports = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public Task ReportAsync(SiloReportDto report)
    {
        ArgumentNullException.ThrowIfNull(report);
        _reports[report.Silo] = report;
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<SiloReportDto[]> GetReportsAsync() => Task.FromResult(_reports.Values.OrderBy(r => r.Silo, StringComparer.Ordinal).ToArray());
}
