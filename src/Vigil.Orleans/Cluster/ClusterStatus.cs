using Orleans;
using Orleans.Runtime;
using Vigil.Orleans.Contracts.Cluster;

namespace Vigil.Orleans.Cluster;

/// <summary>Reads the cluster's silos (membership), their load (runtime statistics) and their jobs (silo reports).</summary>
public static class ClusterStatus
{
    /// <summary>Every silo that is not long dead: active ones first.</summary>
    /// <param name="grains">A connected client or a silo's grain factory.</param>
    /// <param name="includeDead">Include silos the membership table lists as dead.</param>
    public static async Task<IReadOnlyList<SiloStatusRow>> GetAsync(IGrainFactory grains, bool includeDead = false)
    {
        ArgumentNullException.ThrowIfNull(grains);
        var management = grains.GetGrain<IManagementGrain>(0);
        var hosts = await management.GetHosts(onlyActive: !includeDead).ConfigureAwait(false);
        var active = hosts.Where(h => h.Value == SiloStatus.Active).Select(h => h.Key).ToArray();
        var load = new Dictionary<SiloAddress, SiloRuntimeStatistics>();
        try
        {
            var statistics = active.Length == 0 ? [] : await management.GetRuntimeStatistics(active).WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
            load = active.Zip(statistics).ToDictionary(p => p.First, p => p.Second);
        }
        catch (Exception e) when (e is OrleansException or TimeoutException)
        {
            // A silo that just died is still listed as active until it is declared dead: show no load this time.
        }

        var reports = (await grains.GetGrain<IClusterStatusGrain>(IClusterStatusGrain.Key).GetReportsAsync().ConfigureAwait(false))
            .ToDictionary(r => r.Silo, StringComparer.Ordinal);
        return hosts
            .OrderBy(h => h.Value == SiloStatus.Active ? 0 : 1).ThenBy(h => h.Key.ToParsableString(), StringComparer.Ordinal)
            .Select(h =>
            {
                string address = h.Key.ToParsableString();
                var report = reports.GetValueOrDefault(address);
                var stats = load.GetValueOrDefault(h.Key);
                return new SiloStatusRow(address, h.Value.ToString(), report?.Cores, stats?.EnvironmentStatistics.FilteredCpuUsagePercentage, stats?.ActivationCount, report?.JobsRunning, report?.JobsCompleted, report?.JobsFailed);
            })
            .ToArray();
    }

    /// <summary>The cluster's cores as its silos report them; two per active silo before any reported.</summary>
    /// <param name="grains">A connected client or a silo's grain factory.</param>
    public static async Task<int> CoresAsync(IGrainFactory grains)
    {
        try
        {
            var silos = await GetAsync(grains).WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
            int reported = silos.Where(s => s.Status == nameof(SiloStatus.Active)).Sum(s => s.Cores ?? 2);
            return Math.Max(2, reported);
        }
        catch (Exception e) when (Jobs.OrleansJobExecutor.IsLost(e))
        {
            return Environment.ProcessorCount * 2;   // the cluster is changing right now: a guess, the run does not depend on it
        }
    }
}
