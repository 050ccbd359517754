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
/// Faults: Orleans does not retry a call whose silo died, and does not fail it either: it ends at the response timeout.
/// The executor watches the cluster's membership (<see cref="SiloLossWatch"/>, about every second) and, when a silo is
/// declared dead (seconds, with <see cref="Hosting.MembershipTimings"/>), re-submits every job in flight under a new
/// attempt key, so it is placed again among the live silos; a call that fails because its silo is unavailable is
/// re-submitted too. Jobs are idempotent and each job yields exactly one result: the first attempt to answer.
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

    /// <summary>The cluster's grain factory, for other work on the same connection (e.g. distributed training).</summary>
    public IGrainFactory Grains => _grains;

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

        int inFlight = _options.MaxInFlight > 0 ? _options.MaxInFlight : await ClusterStatus.CoresAsync(_grains).ConfigureAwait(false);
        string run = Guid.NewGuid().ToString("N");
        var results = Channel.CreateUnbounded<DetectorJobResult>(new UnboundedChannelOptions { SingleReader = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var dispatch = Task.Run(() => DispatchAsync(run, jobs, inFlight, results.Writer, stop.Token), CancellationToken.None);
        await foreach (var result in JobResultStream.ReadAsync(results.Reader, dispatch, stop, ct).ConfigureAwait(false))
        {
            yield return result;
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
        await using var watch = new SiloLossWatch(_grains);
        var running = new List<Task>(jobs.Count);
        Exception? failure = null;
        try
        {
            foreach (var job in jobs)
            {
                await slots.WaitAsync(ct).ConfigureAwait(false);
                if (running.Exists(t => t.IsFaulted))
                {
                    break;   // a job failed the run: start no more
                }

                running.Add(RunOneAsync(run, job, watch, results, slots, ct));
            }

            await Task.WhenAll(running).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            failure = running.Where(t => t.IsFaulted).Select(t => t.Exception!.InnerException!).FirstOrDefault(x => x is not OperationCanceledException) ?? e;
        }

        results.TryComplete(failure);
    }

    private async Task RunOneAsync(string run, DetectorJob job, SiloLossWatch watch, ChannelWriter<DetectorJobResult> results, SemaphoreSlim slots, CancellationToken ct)
    {
        try
        {
            var dto = DetectorJobMapping.ToDto(job);
            var attempts = new List<Task<DetectorJobResultDto>>();
            int attempt = 0;
            Task Start()
            {
                attempt++;
                var loss = watch.NextLoss;   // taken before the call starts, so that a loss during it is seen
                attempts.Add(_grains.GetGrain<IJobWorkerGrain>($"{run}/{job.Id}/{attempt}").RunAsync(dto));
                return loss;
            }

            var nextLoss = Start();
            var deadline = Task.Delay(_options.JobTimeout, ct);
            while (true)
            {
                var finished = await Task.WhenAny([.. attempts, nextLoss, deadline]).ConfigureAwait(false);
                ct.ThrowIfCancellationRequested();
                if (finished is Task<DetectorJobResultDto> call)
                {
                    attempts.Remove(call);
                    if (call.IsCompletedSuccessfully)
                    {
                        results.TryWrite(DetectorJobMapping.FromDto(call.Result));   // the first answer counts; later ones are dropped
                        return;
                    }

                    var error = call.Exception!.InnerException!;
                    if (!IsLost(error))
                    {
                        throw error;   // the job itself failed: the same job would fail again anywhere
                    }

                    if (attempts.Count > 0)
                    {
                        continue;   // another attempt of this job is still running
                    }

                    if (attempt >= _options.MaxAttempts)
                    {
                        throw new InvalidOperationException($"Job {job.Id} ({job.Series.Id}) was lost {attempt} times (silos unavailable); last: {FirstLine(error)}", error);
                    }

                    await Task.Delay(_options.RetryDelay * Math.Min(8, 1 << Math.Min(3, attempt - 1)), ct).ConfigureAwait(false);
                }
                else if (finished == deadline)
                {
                    if (attempt >= _options.MaxAttempts)
                    {
                        throw new TimeoutException($"Job {job.Id} ({job.Series.Id}) gave no answer within {_options.JobTimeout} in {attempt} attempts.");
                    }

                    attempts.Clear();   // given up on: their answers, should they come, are ignored
                    deadline = Task.Delay(_options.JobTimeout, ct);
                }
                else if (attempt >= _options.MaxAttempts)
                {
                    nextLoss = Task.Delay(Timeout.Infinite, ct);   // no attempts left to spend: wait for the running ones
                    continue;
                }

                // A silo was lost while this job was in flight (or its attempt failed or timed out): run it again.
                Interlocked.Increment(ref _resubmitted);
                nextLoss = Start();
            }
        }
        finally
        {
            slots.Release();
        }
    }

    /// <summary>Whether <paramref name="e"/> means the job's silo (or the way to it) was lost rather than the job failing.</summary>
    internal static bool IsLost(Exception e)
    {
        // Orleans' own exceptions (unavailable silo, rejected or undeliverable message, broken connection, timeout) say
        // the call did not complete; a job that throws comes back as its own exception type (never an Orleans one).
        for (Exception? x = e; x is not null; x = x.InnerException)
        {
            if (x is OrleansException or TimeoutException or global::Orleans.Runtime.Messaging.ConnectionFailedException or ClientNotAvailableException)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The first line of an exception's message (Orleans puts stack traces into some messages).</summary>
    internal static string FirstLine(Exception e)
    {
        string message = e.Message;
        int end = message.IndexOfAny(['\r', '\n']);
        return end < 0 ? message : message[..end];
    }
}
