using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Orleans;
using Orleans.Runtime;
using Vigil.Evaluation.Execution;
using Vigil.Orleans.Cluster;
using Vigil.Orleans.Contracts.Jobs;
using Vigil.Orleans.Hosting;

namespace Vigil.Orleans.Jobs;

/// <summary>
/// Runs jobs on an Orleans cluster: each job goes to a <see cref="IJobWorkerGrain"/> activation placed on the least
/// loaded silo, with a bounded number in flight; results are handed over as they arrive.
/// </summary>
/// <remarks>
/// Faults: Orleans does not retry a call whose silo died; the call fails (the connection broke, the silo is unavailable)
/// or times out. Such a job is re-submitted under a new attempt key, so it is placed again among the live silos. Jobs are
/// idempotent and each job yields exactly one result: an attempt's result is only taken when no earlier attempt's was.
/// A job that fails on its own (the detector threw) is not retried: the run fails with its message.
/// </remarks>
public sealed class OrleansJobExecutor : IJobExecutor, IAsyncDisposable
{
    private readonly IGrainFactory _grains;
    private readonly OrleansJobExecutorOptions _options;
    private readonly ClusterConnection? _owned;
    private int _resubmitted;

    /// <summary>Creates an executor over a connected client or a silo's grain factory.</summary>
    /// <param name="grains">The cluster's grain factory.</param>
    /// <param name="options">Spreading and re-submission (null = defaults).</param>
    public OrleansJobExecutor(IGrainFactory grains, OrleansJobExecutorOptions? options = null)
        : this(grains, options, null)
    {
    }

    private OrleansJobExecutor(IGrainFactory grains, OrleansJobExecutorOptions? options, ClusterConnection? owned)
    {
        ArgumentNullException.ThrowIfNull(grains);
        _grains = grains;
        _options = options ?? new OrleansJobExecutorOptions();
        _owned = owned;
    }

    /// <summary>Jobs re-submitted so far because the silo running them was lost.</summary>
    public int Resubmitted => Volatile.Read(ref _resubmitted);

    /// <summary>Connects to a cluster and returns an executor that owns the connection (dispose it to disconnect).</summary>
    /// <param name="connection">The cluster.</param>
    /// <param name="options">Spreading and re-submission (null = defaults).</param>
    /// <param name="ct">Stops connecting.</param>
    /// <exception cref="ClusterConnectionException">The cluster cannot be reached or joined.</exception>
    public static async Task<OrleansJobExecutor> ConnectAsync(ClusterConnectionOptions connection, OrleansJobExecutorOptions? options = null, CancellationToken ct = default)
    {
        options ??= new OrleansJobExecutorOptions();
        var connected = await ClusterConnection.ConnectAsync(connection, options.JobTimeout + TimeSpan.FromSeconds(30), ct).ConfigureAwait(false);
        return new OrleansJobExecutor(connected.Client, options, connected);
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<DetectorJobResult> RunAsync(IReadOnlyList<DetectorJob> jobs, IProgress<DetectorJobProgress>? progress = null, [EnumeratorCancellation] CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        if (jobs.Count == 0)
        {
            yield break;
        }

        int inFlight = _options.MaxInFlight > 0 ? _options.MaxInFlight : await ClusterCoresAsync().ConfigureAwait(false);
        string run = Guid.NewGuid().ToString("N");
        var results = Channel.CreateUnbounded<DetectorJobResult>(new UnboundedChannelOptions { SingleReader = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var dispatch = Task.Run(() => DispatchAsync(run, jobs, inFlight, results.Writer, stop.Token), CancellationToken.None);
        try
        {
            while (await results.Reader.WaitToReadAsync(CancellationToken.None).ConfigureAwait(false))
            {
                while (results.Reader.TryRead(out var result))
                {
                    yield return result;
                }
            }

            ct.ThrowIfCancellationRequested();
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await dispatch.ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_owned is not null)
        {
            await _owned.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task DispatchAsync(string run, IReadOnlyList<DetectorJob> jobs, int inFlight, ChannelWriter<DetectorJobResult> results, CancellationToken ct)
    {
        using var slots = new SemaphoreSlim(inFlight);
        var running = new List<Task>(jobs.Count);
        Exception? failure = null;
        try
        {
            foreach (var job in jobs)
            {
                await slots.WaitAsync(ct).ConfigureAwait(false);
                running.Add(RunOneAsync(run, job, results, slots, ct));
            }

            await Task.WhenAll(running).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            failure = running.Where(t => t.IsFaulted).Select(t => t.Exception!.InnerException!).FirstOrDefault(x => x is not OperationCanceledException) ?? e;
        }

        results.TryComplete(failure);
    }

    private async Task RunOneAsync(string run, DetectorJob job, ChannelWriter<DetectorJobResult> results, SemaphoreSlim slots, CancellationToken ct)
    {
        try
        {
            var dto = DetectorJobMapping.ToDto(job);
            for (int attempt = 1; ; attempt++)
            {
                var worker = _grains.GetGrain<IJobWorkerGrain>($"{run}/{job.Id}/{attempt}");
                try
                {
                    var result = await worker.RunAsync(dto).WaitAsync(_options.JobTimeout, ct).ConfigureAwait(false);
                    results.TryWrite(DetectorJobMapping.FromDto(result));
                    return;
                }
                catch (Exception e) when (IsLost(e) && !ct.IsCancellationRequested && attempt < _options.MaxAttempts)
                {
                    Interlocked.Increment(ref _resubmitted);
                    var wait = _options.RetryDelay * Math.Min(8, 1 << (attempt - 1));
                    await Task.Delay(wait, ct).ConfigureAwait(false);
                }
                catch (Exception e) when (IsLost(e) && !ct.IsCancellationRequested)
                {
                    throw new InvalidOperationException($"Job {job.Id} ({job.Series.Id}) was lost {attempt} times (silos unavailable or timed out); last: {e.Message}", e);
                }
            }
        }
        catch (Exception) when (!ct.IsCancellationRequested)
        {
            // This job failed the run: stop starting others.
            throw;
        }
        finally
        {
            slots.Release();
        }
    }

    /// <summary>Whether <paramref name="e"/> means the job's silo (or the way to it) was lost rather than the job failing.</summary>
    internal static bool IsLost(Exception e) => e is SiloUnavailableException or TimeoutException or OrleansMessageRejectionException
        or GatewayTooBusyException or global::Orleans.Runtime.Messaging.ConnectionFailedException or ClientNotAvailableException
        || (e is OrleansException && e.GetType() == typeof(OrleansException));

    /// <summary>The cluster's cores as its silos report them; two per active silo before any reported.</summary>
    private async Task<int> ClusterCoresAsync()
    {
        var silos = await ClusterStatus.GetAsync(_grains).ConfigureAwait(false);
        int reported = silos.Where(s => s.Status == nameof(SiloStatus.Active)).Sum(s => s.Cores ?? 2);
        return Math.Max(2, reported);
    }
}
