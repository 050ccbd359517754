using System.Collections.Concurrent;
using Orleans;
using Orleans.Placement;
using Orleans.Runtime;
using Vigil.Detection;
using Vigil.Evaluation.Nab;
using Vigil.Orleans.Contracts.Tuning;
using Vigil.Orleans.Jobs;
using Vigil.Tuning;
using Vigil.Tuning.Objectives;
using Vigil.Tuning.Splits;

namespace Vigil.Orleans.Tuning;

/// <summary>
/// Runs one trial of a study grain with <see cref="DetectorObjective"/>, the objective local tuning runs, and
/// deactivates when done. Placed on the silo with the fewest activations, so a run's workers spread over the silos.
/// </summary>
[ActivationCountBasedPlacement]
public sealed class TrialWorkerGrain : Grain, ITrialWorkerGrain
{
    private static readonly ConcurrentDictionary<string, NabCorpus> Corpora = new(StringComparer.Ordinal);

    private readonly DetectorRegistry _registry;
    private readonly SiloJobCounters _counters;
    private readonly string _silo;

    /// <summary>Creates the grain (by the Orleans runtime).</summary>
    public TrialWorkerGrain(DetectorRegistry registry, SiloJobCounters counters, ILocalSiloDetails silo)
    {
        ArgumentNullException.ThrowIfNull(silo);
        _registry = registry;
        _counters = counters;
        _silo = silo.SiloAddress.ToParsableString();
    }

    /// <inheritdoc />
    public async Task<TicketKind> RunNextAsync(TrialWorkDto work)
    {
        ArgumentNullException.ThrowIfNull(work);
        try
        {
            var study = GrainFactory.GetGrain<IStudyGrain>(work.Study);
            var ticket = await study.AskAsync(_silo, $"{_silo}/{this.GetPrimaryKeyString()}").ConfigureAwait(true);
            if (ticket.Kind != TicketKind.Run)
            {
                return ticket.Kind;
            }

            _counters.Started();
            bool succeeded = false;
            try
            {
                var told = await Task.Run(() => Run(work, study, ticket)).ConfigureAwait(true);
                if (told is not null)
                {
                    await StudyCalls.RetryAsync(() => study.TellAsync(ticket.Number, ticket.Lease, told)).ConfigureAwait(true);
                }

                succeeded = true;
                return TicketKind.Run;
            }
            finally
            {
                _counters.Ended(succeeded);
            }
        }
        finally
        {
            DeactivateOnIdle();
        }
    }

    /// <summary>Runs the trial; null when its lease was lost meanwhile (someone else runs it now: nothing to tell).</summary>
    private TrialOutcomeDto? Run(TrialWorkDto work, IStudyGrain study, TrialTicketDto ticket)
    {
        using var trial = new LeasedTrial(study, ticket);
        string scratch = Path.Combine(Path.GetTempPath(), $"vigil-trial-{Environment.ProcessId}-{Guid.NewGuid():N}");
        NabCorpus corpus;
        NabDataFile[] files;
        try
        {
            corpus = Corpora.GetOrAdd(work.NabRoot, NabCorpus.Load);
            files = [.. work.TuneFiles.Select(corpus.Get)];
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Not the trial's fault: this silo cannot read the data. Fail the run rather than every trial in turn
            // (Vigil's exception types have no Orleans codec: send the message in a type every client can read).
            throw new InvalidOperationException($"Silo {_silo} cannot read the NAB files at {work.NabRoot} (every silo needs the corpus at the path the client names): {e.Message}");
        }

        TrialOutcome outcome;
        try
        {
            var objective = new DetectorObjective(_registry, corpus, work.Detector, TuningMetric.Parse(work.Metric), work.Folds > 0 ? new TimeSeriesSplit(work.Folds, work.Gap) : null, scratch)
            {
                DetectorSeed = work.DetectorSeed,
                Parallelism = Math.Max(1, work.Parallelism),
            };
            outcome = objective.Run(trial, files, work.Groups, trial.Lost);
        }
        catch (OperationCanceledException) when (trial.Lost.IsCancellationRequested)
        {
            return null;
        }
        catch (Exception e) when (e is not OutOfMemoryException && !OrleansJobExecutor.IsLost(e))
        {
            outcome = TrialOutcome.Failed(e.Message);   // as local tuning does: the trial fails, the study goes on
        }
        finally
        {
            if (Directory.Exists(scratch))
            {
                Directory.Delete(scratch, recursive: true);
            }
        }

        return new TrialOutcomeDto(outcome.State.ToString(), outcome.Value, outcome.Message, trial.Intermediates);
    }
}
