using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Orleans;
using Orleans.Runtime;
using Vigil.Orleans.Contracts.Tuning;
using Vigil.Tuning;
using Vigil.Tuning.Space;
using Vigil.Tuning.Stores;

namespace Vigil.Orleans.Tuning;

/// <summary>
/// Owns a tuning study on the cluster with Vigil.Tuning's <see cref="Study"/> (the same samplers, pruners and
/// determinism rule as local tuning) over an in-memory trial store that is rebuilt from, and written back to, the
/// grain's persisted state (<see cref="StorageName"/>; Redis on real silos) after every change.
/// </summary>
/// <remarks>
/// Calls run one at a time (a grain is single-threaded), so the study has a single writer and
/// <see cref="Study.TryAskNow"/> never waits: an ask that cannot be sampled yet is answered "wait" and asked again.
/// Leases: a handed-out trial is held by its worker's silo; when membership declares that silo dead, or the lease is
/// not renewed within <see cref="StudyGrainSettings.LeaseDuration"/>, the trial (same number, same parameters) is
/// handed out again with its intermediate values cleared. The first tell ends a trial; later tells are ignored.
/// </remarks>
public sealed class StudyGrain : Grain, IStudyGrain
{
    /// <summary>The grain storage provider the study state is kept in.</summary>
    public const string StorageName = "vigil-studies";

    private const string Writer = "study-grain";

    private readonly IPersistentState<StudyGrainState> _state;
    private readonly IClusterMembershipService _membership;
    private readonly StudyGrainSettings _settings;
    private readonly TimeProvider _time;
    private Study? _study;
    private SearchSpace? _space;

    /// <summary>Creates the grain (by the Orleans runtime).</summary>
    public StudyGrain([PersistentState("study", StorageName)] IPersistentState<StudyGrainState> state, IClusterMembershipService membership, IServiceProvider services)
    {
        _state = state;
        _membership = membership;
        _settings = services.GetService<StudyGrainSettings>() ?? new StudyGrainSettings();
        _time = services.GetService<TimeProvider>() ?? TimeProvider.System;
    }

    private StudyGrainState State => _state.State;

    /// <inheritdoc />
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (State.Spec is { } spec)
        {
            Load(spec);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task<string?> OpenAsync(StudySpecDto spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.Name != this.GetPrimaryKeyString())
        {
            return $"The study grain '{this.GetPrimaryKeyString()}' cannot open study '{spec.Name}'.";
        }

        if (State.Spec is null)
        {
            State.Created = _time.GetUtcNow();
            Load(spec);
        }
        else
        {
            try
            {
                // Opening the stored study with the asked settings checks that they agree (and throws if not).
                _ = new Study(_study!.Store, TrialMapping.ToRecord(spec, State.Created), _space!, Vigil.Tuning.Samplers.Samplers.Create(spec.Sampler), Vigil.Tuning.Pruners.Pruners.Create(spec.Pruner), worker: Writer);
            }
            catch (StudyMismatchException e)
            {
                return e.Message;
            }
        }

        State.Spec = spec;   // the budget may have been raised: the rest is equal
        await SaveAsync().ConfigureAwait(true);
        return null;
    }

    /// <inheritdoc />
    public async Task<TrialTicketDto> AskAsync(string silo, string worker)
    {
        var study = Opened();
        var now = _time.GetUtcNow();
        bool changed = Reclaim(now);
        var trials = study.Trials();
        var orphan = trials.FirstOrDefault(t => t.State == TrialState.Running && t.IsSampled && !State.Leases.ContainsKey(t.Number));
        TrialRecord? next = orphan;
        if (next is null)
        {
            next = study.TryAskNow(State.Spec!.MaxTrials, out bool full);
            if (next is null)
            {
                if (changed)
                {
                    await SaveAsync().ConfigureAwait(true);
                }

                return full && trials.All(t => t.IsFinished) ? TrialTicketDto.Finished : TrialTicketDto.Wait;
            }
        }

        next = next with { Worker = worker, Heartbeat = now, Intermediates = [] };
        study.Store.Update(study.Name, next);
        var lease = new TrialLease(Guid.NewGuid().ToString("N"), silo, now + _settings.LeaseDuration);
        State.Leases[next.Number] = lease;
        await SaveAsync().ConfigureAwait(true);
        return new TrialTicketDto(TicketKind.Run, next.Number, _space!.ToOptions(next.Parameters).ToJsonString(), lease.Id, _settings.RenewEvery);
    }

    /// <inheritdoc />
    public async Task<TrialDecision> ReportAsync(int number, string lease, int step, double value)
    {
        var study = Opened();
        if (!Holds(number, lease))
        {
            return TrialDecision.LeaseLost;
        }

        var now = _time.GetUtcNow();
        var record = study.Trials()[number];
        if (step < record.Intermediates.Count)
        {
            // A retry of a report that was recorded (its answer was lost): judge that step again, record nothing.
            // Appending it twice made the pruner judge a later step with this value (a trial pruned that ran to
            // the end locally).
            var judged = record with { Intermediates = [.. record.Intermediates.Take(step + 1)] };
            return study.ShouldPrune(judged) ? TrialDecision.Prune : TrialDecision.Continue;
        }

        if (step > record.Intermediates.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(step), step, $"Trial {number} has {record.Intermediates.Count} intermediate value(s); step {step} skips some.");
        }

        record = record with { Intermediates = [.. record.Intermediates, value], Heartbeat = now };
        study.Store.Update(study.Name, record);
        State.Leases[number] = State.Leases[number] with { Expires = now + _settings.LeaseDuration };
        await SaveAsync().ConfigureAwait(true);
        return study.ShouldPrune(record) ? TrialDecision.Prune : TrialDecision.Continue;
    }

    /// <inheritdoc />
    public Task<bool> RenewAsync(int number, string lease)
    {
        Opened();
        if (!Holds(number, lease))
        {
            return Task.FromResult(false);
        }

        // Not persisted: after a reactivation a lease simply runs for a full period again.
        State.Leases[number] = State.Leases[number] with { Expires = _time.GetUtcNow() + _settings.LeaseDuration };
        return Task.FromResult(true);
    }

    /// <inheritdoc />
    public async Task<bool> TellAsync(int number, string lease, TrialOutcomeDto outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var study = Opened();
        var trials = study.Trials();
        if (number < 0 || number >= trials.Count || trials[number].IsFinished)
        {
            return false;   // already told (by this worker's retry, or by the worker the trial was handed out to again)
        }

        // Any holder's tell counts, a former one's too: a trial's result does not depend on who ran it.
        var now = _time.GetUtcNow();
        var record = trials[number] with
        {
            State = Enum.Parse<TrialState>(outcome.State),
            Value = outcome.Value,
            Message = outcome.Message,
            Intermediates = outcome.Intermediates,
            Finished = now,
            Heartbeat = now,
        };
        study.Store.Update(study.Name, record);
        State.Leases.Remove(number);
        await SaveAsync().ConfigureAwait(true);
        return true;
    }

    /// <inheritdoc />
    public Task<StudySnapshotDto> GetSnapshotAsync()
    {
        var study = Opened();
        var trials = study.Trials();
        bool finished = trials.Count(t => t.State != TrialState.Failed) >= State.Spec!.MaxTrials && trials.All(t => t.IsFinished);
        return Task.FromResult(new StudySnapshotDto([.. trials.Select(TrialMapping.ToDto)], finished, State.Reissued));
    }

    private void Load(StudySpecDto spec)
    {
        _space = SearchSpaceJson.Read(spec.SpaceJson);
        var store = new InMemoryTrialStore();
        _study = new Study(store, TrialMapping.ToRecord(spec, State.Created), _space, Vigil.Tuning.Samplers.Samplers.Create(spec.Sampler), Vigil.Tuning.Pruners.Pruners.Create(spec.Pruner), worker: Writer);
        _study.Import(State.Trials.Select(TrialMapping.FromDto));
    }

    private Study Opened() => _study ?? throw new InvalidOperationException($"Study '{this.GetPrimaryKeyString()}' has not been opened on the cluster.");

    private bool Holds(int number, string lease) => State.Leases.TryGetValue(number, out var held) && held.Id == lease;

    /// <summary>Drops the leases of finished trials and of dead silos or expired ones; true when any was dropped.</summary>
    private bool Reclaim(DateTimeOffset now)
    {
        var trials = _study!.Trials();
        var snapshot = _membership.CurrentSnapshot;
        var lost = new List<int>();
        foreach (var (number, lease) in State.Leases)
        {
            if (trials[number].IsFinished)
            {
                lost.Add(number);
                continue;
            }

            bool dead = SiloIsDead(snapshot, lease.Silo);
            if (dead || lease.Expires < now)
            {
                lost.Add(number);
                State.Reissued++;
            }
        }

        foreach (int number in lost)
        {
            State.Leases.Remove(number);
        }

        return lost.Count > 0;
    }

    private static bool SiloIsDead(ClusterMembershipSnapshot snapshot, string silo)
    {
        try
        {
            return snapshot.GetSiloStatus(SiloAddress.FromParsableString(silo)) == SiloStatus.Dead;
        }
        catch (FormatException)
        {
            return false;   // not a silo address (a test's worker): only its lease can expire
        }
    }

    private Task SaveAsync()
    {
        State.Trials = [.. _study!.Trials().Select(TrialMapping.ToDto)];
        return _state.WriteStateAsync();
    }
}
