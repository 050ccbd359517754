using Orleans;
using Orleans.Runtime;

namespace Vigil.Orleans.Jobs;

/// <summary>
/// Polls the cluster's active silos every <see cref="Period"/> and signals each time one of them is no longer active.
/// </summary>
/// <remarks>
/// A call in flight when a silo dies is not failed by Orleans: the job may have run there, or its call (and its answer)
/// may have travelled through that silo's gateway, and either way it only ends at the response timeout. Which silo a
/// call went through is not known to the caller, so every call in flight at a loss is re-submitted (the first answer
/// counts). The signal for a loss is a task that completes when it happens.
/// </remarks>
internal sealed class SiloLossWatch : IAsyncDisposable
{
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(1);

    private readonly IGrainFactory _grains;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private TaskCompletionSource _nextLoss = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public SiloLossWatch(IGrainFactory grains)
    {
        _grains = grains;
        _loop = Task.Run(LoopAsync);
    }

    /// <summary>Completes at the next loss of a silo after this call.</summary>
    public Task NextLoss => Volatile.Read(ref _nextLoss).Task;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        _stop.Dispose();
    }

    private async Task LoopAsync()
    {
        HashSet<SiloAddress>? known = null;
        using var timer = new PeriodicTimer(Period);
        try
        {
            do
            {
                try
                {
                    var hosts = await _grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true).WaitAsync(TimeSpan.FromSeconds(3), _stop.Token).ConfigureAwait(false);
                    var active = hosts.Keys.ToHashSet();
                    if (known is not null && known.Any(s => !active.Contains(s)))
                    {
                        var lost = Interlocked.Exchange(ref _nextLoss, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
                        lost.TrySetResult();
                    }

                    known = active;
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The management grain's silo may be the one that died: ask again at the next tick.
                }
            }
            while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false));
        }
        catch (OperationCanceledException)
        {
            // Disposed.
        }
    }
}
