using Orleans;
using Vigil.Orleans.Cluster;
using Vigil.Orleans.Contracts.Tuning;
using Vigil.Orleans.Hosting;
using Vigil.Orleans.Jobs;
using Vigil.Tuning;
using Vigil.Tuning.Space;

namespace Vigil.Orleans.Tuning;

/// <summary>
/// Runs a tuning request on an Orleans cluster: the study lives in a study grain (<see cref="IStudyGrain"/>), trial
/// workers on every silo pull trials from it and run them with the local objective, and at the end the trials are
/// written to the local study store and summarised exactly as a local run is (best, held-out comparison).
/// </summary>
/// <remarks>
/// <para>
/// The client keeps <c>slots</c> worker calls going, each a fresh worker activation placed on the least loaded silo
/// that runs one trial. When a silo is lost every call in flight is abandoned and made again (it is not known which
/// went through the lost silo); the study grain hands the dead silo's trials out again (same number and parameters),
/// and ignores a second tell of a trial, so each trial is recorded once.
/// </para>
/// <para>
/// Determinism: trial k is sampled by the study grain under the rule of <see cref="Study"/> (seeded from (seed, k), from
/// the trials below k − W as they ended), so a study on a cluster has the same trials as the same study run locally.
/// </para>
/// </remarks>
public sealed class DistributedTuning(TuningSession session, TimeProvider? time = null)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan WaitInterval = TimeSpan.FromMilliseconds(200);
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <summary>Longest one trial may take on a silo (the client's response timeout).</summary>
    public TimeSpan TrialTimeout { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Trials the study grain handed out again in the last run (their silo died or their lease ran out).</summary>
    public int Reissued { get; private set; }

    private int _resubmitted;

    /// <summary>Worker calls made again in the last run because a silo was lost.</summary>
    public int Resubmitted => Volatile.Read(ref _resubmitted);

    /// <summary>
    /// Connects to <paramref name="cluster"/>, runs the study there, adds its trials to the local store and returns the
    /// same report as <see cref="TuningSession.Run"/>.
    /// </summary>
    /// <param name="cluster">The cluster.</param>
    /// <param name="request">The tuning request (the NAB corpus must be at the same path on every silo).</param>
    /// <param name="slots">Trials at once on the cluster; 0 = the cluster's cores.</param>
    /// <param name="finished">Receives each trial as it ends.</param>
    /// <param name="ct">Stops the run (the study stays on the cluster, ready to resume).</param>
    /// <exception cref="ClusterConnectionException">The cluster cannot be reached or joined.</exception>
    /// <exception cref="StudyMismatchException">The study exists (locally or on the cluster) with other settings or trials.</exception>
    public async Task<TuningReport> RunAsync(ClusterConnectionOptions cluster, TuningRequest request, int slots, Action<TrialRecord>? finished = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(request);
        var study = session.Open(request);   // fails fast on a local study of that name with other settings
        IReadOnlyList<TrialRecord> trials;
        await using (var connection = await ClusterConnection.ConnectAsync(cluster, TrialTimeout, ct).ConfigureAwait(false))
        {
            trials = await RunOnClusterAsync(connection.Client, request, slots, finished, ct).ConfigureAwait(false);
        }

        study.Import(trials);
        return session.Summarize(study, request, ct);
    }

    /// <summary>
    /// Runs the study on the cluster <paramref name="grains"/> belongs to until it is finished (or the request's timeout
    /// passes: then no more trials are started) and returns its finished trials, by number, up to the first unfinished one.
    /// </summary>
    public async Task<IReadOnlyList<TrialRecord>> RunOnClusterAsync(IGrainFactory grains, TuningRequest request, int slots, Action<TrialRecord>? finished = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentNullException.ThrowIfNull(request);
        var study = grains.GetGrain<IStudyGrain>(request.StudyName);
        var spec = TrialMapping.ToSpec(session.Settings(request), SearchSpaceJson.Write(request.Space), TuningSession.TrialBudget(request));
        if (await StudyCalls.RetryAsync(() => study.OpenAsync(spec), ct).ConfigureAwait(false) is { } mismatch)
        {
            throw new StudyMismatchException(mismatch);
        }

        var work = new TrialWorkDto(request.StudyName, request.Detector, request.Metric.Name, request.Corpus.Root, [.. request.Split.Tune.Select(f => f.RelativePath)],
            request.Folds?.Splits ?? 0, request.Folds?.Gap ?? 0, request.Groups, request.Seed, 1);
        if (slots <= 0)
        {
            slots = await ClusterStatus.CoresAsync(grains).ConfigureAwait(false);
        }

        Reissued = 0;
        _resubmitted = 0;
        string run = Guid.NewGuid().ToString("N");
        var deadline = request.Timeout is { } t ? _time.GetUtcNow() + t : DateTimeOffset.MaxValue;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        await using var watch = new SiloLossWatch(grains);
        var workers = Enumerable.Range(0, slots).Select(i => Task.Run(() => SlotAsync(grains, work, $"{run}/{i}", watch, deadline, stop.Token), CancellationToken.None)).ToArray();
        var reported = new HashSet<int>();
        StudySnapshotDto snapshot;
        try
        {
            while (true)
            {
                snapshot = await StudyCalls.RetryAsync(() => study.GetSnapshotAsync(), ct).ConfigureAwait(false);
                foreach (var trial in snapshot.Trials.Where(x => x.State != nameof(TrialState.Running) && reported.Add(x.Number)))
                {
                    finished?.Invoke(TrialMapping.FromDto(trial));
                }

                if (snapshot.Finished || workers.All(w => w.IsCompleted))
                {
                    break;
                }

                await Task.Delay(PollInterval, ct).ConfigureAwait(false);
            }
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            try
            {
                await Task.WhenAll(workers).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                // Stopped because the study finished (or the caller cancelled: rethrown below).
            }
        }

        ct.ThrowIfCancellationRequested();
        Reissued = snapshot.Reissued;
        return [.. snapshot.Trials.Select(TrialMapping.FromDto).TakeWhile(x => x.IsFinished)];
    }

    /// <summary>One worker slot: asks worker grains for trials, one call at a time, until the study is finished.</summary>
    private async Task SlotAsync(IGrainFactory grains, TrialWorkDto work, string slot, SiloLossWatch watch, DateTimeOffset deadline, CancellationToken ct)
    {
        var never = Task.Delay(Timeout.Infinite, ct);
        for (int call = 0; !ct.IsCancellationRequested && _time.GetUtcNow() < deadline; call++)
        {
            var loss = watch.NextLoss;   // taken before the call starts, so that a loss during it is seen
            var running = grains.GetGrain<ITrialWorkerGrain>($"{slot}/{call}").RunNextAsync(work);
            var first = await Task.WhenAny(running, loss, never).ConfigureAwait(false);
            if (first == never)
            {
                Observe(running);
                return;
            }

            if (first == loss)
            {
                // The call may have gone to (or through) the lost silo: make it again, elsewhere. If it was on a live
                // silo its trial still ends and is told; the study grain keeps the first tell.
                Observe(running);
                Interlocked.Increment(ref _resubmitted);
                continue;
            }

            if (!running.IsCompletedSuccessfully)
            {
                var error = running.Exception!.InnerException!;
                if (!OrleansJobExecutor.IsLost(error))
                {
                    throw new InvalidOperationException($"A trial worker failed: {OrleansJobExecutor.FirstLine(error)}", error);
                }

                // The call failed with its silo (placed there before the cluster had declared it dead): made again
                // like a call abandoned on a detected loss, so it counts the same.
                Interlocked.Increment(ref _resubmitted);
                await Task.Delay(TimeSpan.FromSeconds(1), ct).ConfigureAwait(false);
                continue;
            }

            switch (running.Result)
            {
                case TicketKind.Finished:
                    return;
                case TicketKind.Wait:
                    await Task.Delay(WaitInterval, ct).ConfigureAwait(false);
                    break;
            }
        }
    }

    /// <summary>Observes an abandoned call's failure, so that it is not reported as unobserved.</summary>
    private static void Observe(Task call) => call.ContinueWith(t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
}
