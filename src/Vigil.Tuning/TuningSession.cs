using System.Text.Json.Nodes;
using Vigil.Detection;
using Vigil.Tuning.Objectives;
using Vigil.Tuning.Stores;

namespace Vigil.Tuning;

/// <summary>
/// Runs a tuning request end to end: opens (or resumes) the study, runs trials on the tuning files, then scores the
/// best parameters and the defaults on the tuning files and on the held-out files. The CLI only parses and renders.
/// </summary>
public sealed class TuningSession(DetectorRegistry registry, ITrialStore store, TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <summary>Opens the study the request describes (creating it if new).</summary>
    /// <exception cref="StudyMismatchException">A study of that name exists with other settings.</exception>
    public Study Open(TuningRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new Study(store, Settings(request), request.Space, Samplers.Samplers.Create(request.Sampler), Pruners.Pruners.Create(request.Pruner), _time);
    }

    /// <summary>The study settings the request describes (what is stored once and checked by every worker that joins).</summary>
    public StudyRecord Settings(TuningRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new StudyRecord(request.StudyName, registry.Get(request.Detector).Name, request.Metric.Name, request.Metric.Direction,
            request.Space.Describe(), Samplers.Samplers.Create(request.Sampler).Name, Pruners.Pruners.Create(request.Pruner).Name,
            request.Seed, request.SyncWindow, request.DataDescription, _time.GetUtcNow());
    }

    /// <summary>The number of complete or pruned trials the request asks for (a grid's size at most).</summary>
    public static int TrialBudget(TuningRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Sampler == "grid" ? (int)Math.Min(request.Trials, request.Space.GridSize()) : request.Trials;
    }

    /// <summary>Runs the study; <paramref name="finished"/> receives each trial as it ends.</summary>
    public TuningReport Run(TuningRequest request, Action<TrialRecord>? finished = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var study = Open(request);
        var objective = Objective(request);
        study.Optimize((trial, token) => objective.Run(trial, request.Split.Tune, request.Groups, token), TrialBudget(request), request.Workers, request.Timeout, finished, ct);
        return Summarize(study, request, ct);
    }

    /// <summary>
    /// The report of a study whose trials have run (here or elsewhere): its trials and best, and the best parameters
    /// against the defaults on the tuning and held-out files (scored here, on all cores).
    /// </summary>
    public TuningReport Summarize(Study study, TuningRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(request);
        var all = study.Trials();
        var best = Study.BestOf(all, study.Record.Direction);
        HeldOutComparison? comparison = null;
        if (best is not null)
        {
            var bestOptions = request.Space.ToOptions(best.Parameters);
            var defaults = new JsonObject();
            var full = Objective(request, parallelism: 0);
            var defaultTune = full.Score(defaults, request.Split.Tune, ct);
            var defaultHeld = full.Score(defaults, request.Split.Holdout, ct);
            var bestTune = full.Score(bestOptions, request.Split.Tune, ct);
            var bestHeld = full.Score(bestOptions, request.Split.Holdout, ct);
            comparison = new HeldOutComparison(
                request.Metric.Name,
                full.Evaluate(defaultTune),
                best.Value!.Value,
                full.EvaluateHeldOut(defaultTune, defaultHeld),
                full.EvaluateHeldOut(bestTune, bestHeld));
        }

        return new TuningReport(study.Record, all, best, comparison);
    }

    /// <summary>The objective of the request; by default the cores are shared among the workers.</summary>
    public DetectorObjective Objective(TuningRequest request, int? parallelism = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new DetectorObjective(registry, request.Corpus, request.Detector, request.Metric, request.Folds, request.Scratch)
        {
            DetectorSeed = request.Seed,
            Parallelism = parallelism ?? Math.Max(1, Environment.ProcessorCount / Math.Max(1, request.Workers)),
        };
    }
}
