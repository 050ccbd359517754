using Orleans;

namespace Vigil.Orleans.Contracts.Cluster;

/// <summary>
/// Collects the silos' job reports for <c>vigil cluster status</c> (key <see cref="Key"/>). Its state is only the latest
/// reports, so it holds nothing worth persisting: when its silo dies it is re-activated elsewhere and refilled within one
/// reporting period.
/// </summary>
public interface IClusterStatusGrain : IGrainWithStringKey
{
    /// <summary>The one key the cluster uses.</summary>
    const string Key = "cluster";

    /// <summary>Records a silo's latest report.</summary>
    /// <param name="report">The report.</param>
    Task ReportAsync(SiloReportDto report);

    /// <summary>The latest report of every silo that reported.</summary>
    Task<SiloReportDto[]> GetReportsAsync();
}
