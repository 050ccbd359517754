using Microsoft.Extensions.Hosting;
using Orleans;
using Orleans.Runtime;
using Vigil.Orleans.Contracts.Cluster;
using Vigil.Orleans.Jobs;

namespace Vigil.Orleans.Cluster;

/// <summary>Sends this silo's job counts to the <see cref="IClusterStatusGrain"/> every <see cref="Period"/>.</summary>
internal sealed class SiloStatusReporter(IGrainFactory grains, ILocalSiloDetails silo, SiloJobCounters counters) : BackgroundService
{
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                var report = new SiloReportDto(silo.SiloAddress.ToParsableString(), Environment.ProcessorCount, counters.Running, counters.Completed, counters.Failed, TimeProvider.System.GetUtcNow());
                await grains.GetGrain<IClusterStatusGrain>(IClusterStatusGrain.Key).ReportAsync(report).WaitAsync(Period, stoppingToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                // The status grain is re-activated elsewhere when its silo died; the next report reaches it.
            }
        }
    }
}
