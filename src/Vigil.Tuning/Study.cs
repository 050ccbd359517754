using Vigil.Tuning.Pruners;
using Vigil.Tuning.Samplers;
using Vigil.Tuning.Space;
using Vigil.Tuning.Stores;

namespace Vigil.Tuning;

/// <summary>
/// An ask/tell optimisation over a <see cref="SearchSpace"/>, with its state in an <see cref="ITrialStore"/> so that
/// several workers, threads or processes can share it and a killed run can resume.
/// </summary>
/// <remarks>
/// <para>
/// Determinism rule: trial <c>k</c> is sampled with the random source <see cref="TrialSeed.Random"/>(seed, k) from
/// a history made of the finished trials numbered below <c>k − W</c> (as they ended) and the trials
/// <c>k − W .. k − 1</c> as pending (parameters, no value), where W is the study's fixed
/// <see cref="StudyRecord.SyncWindow"/>. <see cref="Ask"/> waits until that history exists. The pruner likewise sees
/// only the trials below <c>k − W</c>. So the trials, their values and pruning decisions are the same with 1 or N
/// workers in any number of processes, as long as no trial fails.
/// </para>
/// <para>
/// Liveness: a running trial records its worker (<see cref="WorkerIdentity"/>) and a heartbeat; when another worker
/// finds that process gone (same host) or the heartbeat older than <see cref="StaleAfter"/>, it marks the trial
/// failed. Failed trials do not count towards the trial budget, so a resumed study still reaches it.
/// </para>
/// </remarks>
public sealed class Study
{
    private readonly ISampler _sampler;
    private readonly IPruner _pruner;
    private readonly TimeProvider _time;
    private readonly string _worker;

    /// <summary>Opens the study in <paramref name="store"/>, creating it when absent.</summary>
    /// <exception cref="StudyMismatchException">The stored study of that name has other settings.</exception>
    public Study(ITrialStore store, StudyRecord settings, SearchSpace space, ISampler sampler, IPruner pruner, TimeProvider? time = null, string? worker = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(space);
        ArgumentNullException.ThrowIfNull(sampler);
        ArgumentNullException.ThrowIfNull(pruner);
        Store = store;
        Space = space;
        _sampler = sampler;
        _pruner = pruner;
        _time = time ?? TimeProvider.System;
        _worker = worker ?? WorkerIdentity.Current;
        var stored = store.OpenOrCreate(settings);
        CheckSame(stored, settings);
        Record = stored;
    }

    /// <summary>The stored study settings.</summary>
    public StudyRecord Record { get; }

    /// <summary>The study's name.</summary>
    public string Name => Record.Name;

    /// <summary>The search space.</summary>
    public SearchSpace Space { get; }

    /// <summary>The store.</summary>
    public ITrialStore Store { get; }

    /// <summary>A running trial whose heartbeat is older than this is taken for dead.</summary>
    public TimeSpan StaleAfter { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>How often a running trial's heartbeat is written.</summary>
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>How often <see cref="Ask"/> looks again while it waits for earlier trials.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(20);

    /// <summary>Every trial, by number.</summary>
    public IReadOnlyList<TrialRecord> Trials() => Store.List(Name);

    /// <summary>The best complete trial, or null.</summary>
    public TrialRecord? Best() => BestOf(Trials(), Record.Direction);

    /// <summary>The best complete trial of <paramref name="trials"/> (ties: the lower number), or null.</summary>
    public static TrialRecord? BestOf(IEnumerable<TrialRecord> trials, StudyDirection direction)
    {
        ArgumentNullException.ThrowIfNull(trials);
        var complete = trials.Where(t => t.State == TrialState.Complete && t.Value is { } v && double.IsFinite(v));
        return (direction == StudyDirection.Minimize
                ? complete.OrderBy(t => t.Value).ThenBy(t => t.Number)
                : complete.OrderByDescending(t => t.Value).ThenBy(t => t.Number))
            .FirstOrDefault();
    }

    /// <summary>
    /// Claims and samples the next trial, or returns null when the study already has <paramref name="maxTrials"/>
    /// complete, pruned or running trials. May wait for earlier trials (see the determinism rule).
    /// </summary>
    public Trial? Ask(int maxTrials, CancellationToken ct = default)
    {
        FailDeadTrials();
        var created = Store.Create(Name, maxTrials, _worker, Now());
        if (created is null)
        {
            return null;
        }

        int k = created.Number;
        IReadOnlyList<TrialRecord> all;
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            all = Store.List(Name);
            if (IsReady(all, k))
            {
                break;
            }

            FailDeadTrials();
            Thread.Sleep(PollInterval);
        }

        return new Trial(this, Sample(created, all));
    }

    /// <summary>
    /// Creates and samples the next trial at once when the determinism rule allows it now, for a store with a single
    /// writer (e.g. a study grain, whose calls run one at a time): returns the sampled record, or null when the study
    /// must wait for earlier trials to finish (<paramref name="full"/> false) or already holds
    /// <paramref name="maxTrials"/> complete, pruned or running trials (<paramref name="full"/> true). Never waits.
    /// </summary>
    public TrialRecord? TryAskNow(int maxTrials, out bool full)
    {
        var all = Store.List(Name);
        full = all.Count(t => t.State != TrialState.Failed) >= maxTrials;
        if (full || !IsReady(all, all.Count))
        {
            return null;
        }

        var created = Store.Create(Name, maxTrials, _worker, Now())
            ?? throw new InvalidOperationException($"Study '{Name}' was changed by another writer; TryAskNow needs a single writer.");
        return Sample(created, Store.List(Name));
    }

    /// <summary>Whether trial <paramref name="k"/> may be sampled: the trials below k − W finished, k − W .. k − 1 sampled.</summary>
    private bool IsReady(IReadOnlyList<TrialRecord> all, int k)
    {
        int w = Record.SyncWindow;
        for (int j = 0; j < k; j++)
        {
            var t = all[j];
            if (!(j < k - w ? t.IsFinished : t.IsSampled || t.IsFinished))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Samples trial <paramref name="created"/> from the history the determinism rule gives it, and stores the parameters.</summary>
    private TrialRecord Sample(TrialRecord created, IReadOnlyList<TrialRecord> all)
    {
        int k = created.Number;
        int w = Record.SyncWindow;
        var history = new List<TrialRecord>(k);
        for (int j = 0; j < k; j++)
        {
            var t = all[j];
            if (j >= k - w && t.IsSampled)
            {
                t = t with { State = TrialState.Running, Value = null, Intermediates = [], Finished = null };
            }

            history.Add(t);
        }

        var parameters = _sampler.Sample(Space, history, Record.Direction, TrialSeed.Random(Record.Seed, k));
        var record = created with { Parameters = parameters, Heartbeat = Now() };
        Store.Update(Name, record);
        return record;
    }

    /// <summary>Ends <paramref name="trial"/> with <paramref name="outcome"/>; returns its final record.</summary>
    public TrialRecord Tell(Trial trial, TrialOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(trial);
        ArgumentNullException.ThrowIfNull(outcome);
        return trial.Finish(outcome);
    }

    /// <summary>
    /// Runs trials until the study holds <paramref name="maxTrials"/> complete or pruned ones (or the time runs out),
    /// on <paramref name="workers"/> threads; each trial's record is passed to <paramref name="finished"/> as it ends.
    /// An exception from the objective fails that trial (with its message) and the study goes on.
    /// </summary>
    public void Optimize(Func<Trial, CancellationToken, TrialOutcome> objective, int maxTrials, int workers = 1, TimeSpan? timeout = null,
        Action<TrialRecord>? finished = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(objective);
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1);
        var deadline = timeout is { } t ? Now() + t : DateTimeOffset.MaxValue;
        void Work()
        {
            while (!ct.IsCancellationRequested && Now() < deadline)
            {
                var trial = Ask(maxTrials, ct);
                if (trial is null)
                {
                    return;
                }

                using var beat = _time.CreateTimer(_ => trial.Beat(), null, HeartbeatInterval, HeartbeatInterval);
                TrialOutcome outcome;
                try
                {
                    outcome = objective(trial, ct);
                }
                catch (OperationCanceledException) when (ct.IsCancellationRequested)
                {
                    Tell(trial, TrialOutcome.Failed("cancelled"));
                    throw;
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    outcome = TrialOutcome.Failed(ex.Message);
                }

                beat.Dispose();
                var record = Tell(trial, outcome);   // not inside finished?.Invoke(...): a null callback would skip the Tell
                finished?.Invoke(record);
            }
        }

        if (workers == 1)
        {
            Work();
            return;
        }

        var threads = Enumerable.Range(0, workers).Select(_ => Task.Factory.StartNew(Work, ct, TaskCreationOptions.LongRunning, TaskScheduler.Default)).ToArray();
        Task.WaitAll(threads, CancellationToken.None);
    }

    /// <summary>
    /// Adds trials that ran elsewhere (another store, a study grain) to this study's store, in number order: a trial
    /// whose number the store already holds is skipped when it has the same parameters; the others are appended, so their
    /// numbers must follow on from the store's. Returns how many were added.
    /// </summary>
    /// <exception cref="StudyMismatchException">A number is held with other parameters, or the numbers leave a gap.</exception>
    public int Import(IEnumerable<TrialRecord> trials)
    {
        ArgumentNullException.ThrowIfNull(trials);
        int added = 0;
        foreach (var t in trials.OrderBy(t => t.Number))
        {
            var stored = Store.List(Name);
            if (t.Number < stored.Count)
            {
                var mine = stored[t.Number];
                if (mine.IsSampled && !SameParameters(mine.Parameters, t.Parameters))
                {
                    throw new StudyMismatchException($"Study '{Name}' already holds a trial {t.Number} with other parameters ({Space.Format(mine.Parameters)}, not {Space.Format(t.Parameters)}); use another --study name.");
                }

                continue;
            }

            if (t.Number != stored.Count)
            {
                throw new StudyMismatchException($"Study '{Name}' holds {stored.Count} trials; trial {t.Number} cannot follow them.");
            }

            var created = Store.Create(Name, int.MaxValue, t.Worker, t.Started)!;
            Store.Update(Name, t with { Number = created.Number });
            added++;
        }

        return added;
    }

    /// <summary>Marks running trials of dead workers failed; returns how many.</summary>
    public int FailDeadTrials()
    {
        int failed = 0;
        var now = Now();
        foreach (var t in Store.List(Name))
        {
            if (t.State != TrialState.Running || t.Worker == _worker)
            {
                continue;
            }

            bool dead = WorkerIdentity.IsDeadOnThisHost(t.Worker) || now - t.Heartbeat > StaleAfter;
            if (dead)
            {
                try
                {
                    Store.Update(Name, t with { State = TrialState.Failed, Finished = now, Message = $"worker {t.Worker} stopped without finishing the trial" });
                    failed++;
                }
                catch (InvalidOperationException)
                {
                    // Finished meanwhile, by its own worker or another process's check.
                }
            }
        }

        return failed;
    }

    internal DateTimeOffset Now() => _time.GetUtcNow();

    /// <summary>
    /// Whether the pruner stops <paramref name="running"/> after its last intermediate value, judged against the
    /// finished trials numbered below its number − W only (so the decision is the same with 1 or N workers).
    /// </summary>
    public bool ShouldPrune(TrialRecord running)
    {
        ArgumentNullException.ThrowIfNull(running);
        int k = running.Number, w = Record.SyncWindow;
        var history = Store.List(Name).Where(t => t.Number < k - w && t.IsFinished).ToArray();
        return _pruner.ShouldPrune(running, history, Record.Direction);
    }

    private static bool SameParameters(IReadOnlyDictionary<string, double> a, IReadOnlyDictionary<string, double> b) =>
        a.Count == b.Count && a.All(kv => b.TryGetValue(kv.Key, out double v) && v.Equals(kv.Value));

    private static void CheckSame(StudyRecord stored, StudyRecord wanted)
    {
        var differences = new List<string>();
        void Compare(string what, object a, object b)
        {
            if (!Equals(a, b))
            {
                differences.Add($"{what} {a} (asked: {b})");
            }
        }

        Compare("detector", stored.Detector, wanted.Detector);
        Compare("metric", stored.Metric, wanted.Metric);
        Compare("space", stored.Space, wanted.Space);
        Compare("sampler", stored.Sampler, wanted.Sampler);
        Compare("pruner", stored.Pruner, wanted.Pruner);
        Compare("seed", stored.Seed, wanted.Seed);
        Compare("sync window", stored.SyncWindow, wanted.SyncWindow);
        Compare("data", stored.Data, wanted.Data);
        if (differences.Count > 0)
        {
            throw new StudyMismatchException($"Study '{stored.Name}' already exists with other settings: {string.Join("; ", differences)}. Use another --study name, or the same settings to resume it.");
        }
    }
}
