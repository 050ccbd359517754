using System.Text.Json;
using System.Text.Json.Nodes;
using Vigil.Detection;
using Vigil.Evaluation.Metrics;
using Vigil.Evaluation.Nab;
using Vigil.Tuning.Splits;

namespace Vigil.Tuning.Objectives;

/// <summary>
/// Scores one set of detector options on NAB files: runs the detector causally through <see cref="NabRunner"/> (so a
/// row's score depends only on earlier rows, and a batch detector trains only on rows before those it scores) and
/// computes the metric over the files, or — with <see cref="Folds"/> — over each expanding-window validation block of
/// every file (rows after the probationary period), averaged over the folds.
/// </summary>
/// <remarks>
/// Thresholds come from the files scored, never from elsewhere: NAB's threshold is optimised on them, best-F1 picks
/// its threshold on them, percentile F1 takes each file's threshold from its own training rows.
/// </remarks>
public sealed class DetectorObjective
{
    private readonly DetectorRegistry _registry;
    private readonly string _scratch;

    /// <summary>Creates the objective.</summary>
    /// <param name="registry">Detector registry.</param>
    /// <param name="corpus">The corpus the files belong to.</param>
    /// <param name="detector">Registry name.</param>
    /// <param name="metric">The metric.</param>
    /// <param name="folds">Time-series folds per file; null scores whole files.</param>
    /// <param name="scratch">Folder for the runner's results files (each run writes under its own subfolder and removes it).</param>
    public DetectorObjective(DetectorRegistry registry, NabCorpus corpus, string detector, TuningMetric metric, TimeSeriesSplit? folds, string scratch)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(corpus);
        ArgumentNullException.ThrowIfNull(metric);
        _registry = registry;
        Corpus = corpus;
        Detector = registry.Get(detector).Name;
        Metric = metric;
        Folds = folds;
        _scratch = scratch;
    }

    /// <summary>The corpus.</summary>
    public NabCorpus Corpus { get; }

    /// <summary>The detector's registry name.</summary>
    public string Detector { get; }

    /// <summary>The metric.</summary>
    public TuningMetric Metric { get; }

    /// <summary>Folds per file, or null.</summary>
    public TimeSeriesSplit? Folds { get; }

    /// <summary>Files scored at once within one evaluation; 0 = one per core.</summary>
    public int Parallelism { get; init; } = 1;

    /// <summary>
    /// Runs a trial: the files in <paramref name="groups"/> round-robin groups; after each group the metric over every
    /// file so far is reported (step 0, 1, ...) and the pruner consulted. The last report is the trial's value.
    /// </summary>
    public TrialOutcome Run(IRunningTrial trial, IReadOnlyList<NabDataFile> files, int groups, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(trial);
        ArgumentNullException.ThrowIfNull(files);
        groups = Math.Clamp(groups, 1, files.Count);
        var options = WithSeed(trial.Options);
        var done = new Dictionary<NabDataFile, double[]>();
        double value = double.NaN;
        for (int g = 0; g < groups; g++)
        {
            var group = files.Where((_, i) => i % groups == g).ToArray();
            foreach (var (file, scores) in Scores(options, group, ct))
            {
                done[file] = scores;
            }

            value = Value(done);
            if (!double.IsFinite(value))
            {
                return TrialOutcome.Failed($"the metric {Metric.Name} is undefined on these files (no anomaly window in a validation block?)");
            }

            trial.Report(value);
            if (g < groups - 1 && trial.ShouldPrune())
            {
                return TrialOutcome.Pruned;
            }
        }

        return TrialOutcome.Complete(value);
    }

    /// <summary>The study seed the detector runs with: every trial the same, so parameters are compared on equal terms.</summary>
    public int DetectorSeed { get; init; }

    /// <summary>Runs <paramref name="options"/> on <paramref name="files"/>: each file's scores (for the loss metric, each fold's loss).</summary>
    public IReadOnlyDictionary<NabDataFile, double[]> Score(JsonObject options, IReadOnlyList<NabDataFile> files, CancellationToken ct = default) =>
        Scores(WithSeed(options), files, ct);

    /// <summary>The metric as a trial computes it, from <see cref="Score"/>'s output.</summary>
    public double Evaluate(IReadOnlyDictionary<NabDataFile, double[]> scores) => Value(scores);

    /// <summary>
    /// The metric on held-out files' scores with whatever threshold the metric needs taken from the tuning files'
    /// scores (NAB's optimised threshold, the best-F1 threshold); whole files, no folds.
    /// </summary>
    public double EvaluateHeldOut(IReadOnlyDictionary<NabDataFile, double[]> tuned, IReadOnlyDictionary<NabDataFile, double[]> held)
    {
        ArgumentNullException.ThrowIfNull(tuned);
        ArgumentNullException.ThrowIfNull(held);
        switch (Metric.Kind)
        {
            case TuningMetricKind.Nab:
            {
                var threshold = NabThresholdOptimizer.Optimize(Corpus, Results(tuned), Metric.Profile!).Threshold;
                return NabEvaluator.Score(Corpus, Results(held), _ => threshold).First(r => r.Profile.Name == Metric.Profile!.Name).NormalizedScore;
            }

            case TuningMetricKind.BestF1:
            {
                double threshold = F1Evaluator.Evaluate(tuned.Select(kv => (kv.Key, kv.Value)), null, Metric.Mode).Threshold;
                return F1Evaluator.Evaluate(held.Select(kv => (kv.Key, kv.Value)), threshold, Metric.Mode).Total.F1;
            }

            default:
                return WholeFileValue(held);
        }
    }

    private JsonObject WithSeed(JsonObject options)
    {
        var copy = (JsonObject)options.DeepClone();
        copy["seed"] ??= DetectorSeed;
        return copy;
    }

    private Dictionary<NabDataFile, double[]> Scores(JsonObject options, IReadOnlyList<NabDataFile> files, CancellationToken ct)
    {
        if (Metric.Kind == TuningMetricKind.Loss)
        {
            return Losses(options, files, ct);
        }

        string folder = Path.Combine(_scratch, Guid.NewGuid().ToString("N"));
        try
        {
            var runs = new NabRunner(_registry).Run(Detector, JsonSerializer.SerializeToElement(options), files, folder, Parallelism, NabRunner.NabScoreDigits, null, ct);
            return runs.ToDictionary(r => r.File, r => r.Scores);
        }
        finally
        {
            try
            {
                if (Directory.Exists(folder))
                {
                    Directory.Delete(folder, recursive: true);
                }
            }
            catch (IOException)
            {
                // Scratch left behind: harmless, removed with the scratch folder.
            }
        }
    }

    // The loss metric: per file and fold, a fresh detector fitted on the training rows; one "score" per fold, its last
    // reported loss (validation loss when there is one).
    private Dictionary<NabDataFile, double[]> Losses(JsonObject options, IReadOnlyList<NabDataFile> files, CancellationToken ct)
    {
        var element = JsonSerializer.SerializeToElement(options);
        var result = new Dictionary<NabDataFile, double[]>();
        foreach (var file in files)
        {
            var series = file.LoadSeries();
            var folds = (Folds ?? new TimeSeriesSplit(1)).Folds(file.ProbationLength, series.Length);
            var losses = new double[folds.Count];
            for (int i = 0; i < folds.Count; i++)
            {
                ct.ThrowIfCancellationRequested();
                var created = _registry.Create(Detector, element);
                try
                {
                    if (created is not IBatchDetector batch || created is not IReportsTrainingProgress reporting)
                    {
                        throw new ArgumentException($"The metric 'loss' needs a detector that trains and reports a loss; '{Detector}' does not.");
                    }

                    TrainingEpoch? last = null;
                    reporting.TrainingProgress = new Progress(e => last = e);
                    batch.Fit(series.Slice(0, folds[i].TrainEnd), ct);
                    losses[i] = last is null ? double.NaN : double.IsFinite(last.ValidationLoss) ? last.ValidationLoss : last.TrainingLoss;
                }
                finally
                {
                    (created as IDisposable)?.Dispose();
                }
            }

            result[file] = losses;
        }

        return result;
    }

    private double Value(IReadOnlyDictionary<NabDataFile, double[]> scores)
    {
        if (Metric.Kind == TuningMetricKind.Loss)
        {
            return scores.Values.SelectMany(v => v).Average();
        }

        return Folds is null ? WholeFileValue(scores) : FoldValue(scores);
    }

    private double WholeFileValue(IReadOnlyDictionary<NabDataFile, double[]> scores)
    {
        var pairs = scores.Select(kv => (kv.Key, kv.Value)).ToArray();
        return Metric.Kind switch
        {
            TuningMetricKind.Nab => NabEvaluator.Score(Corpus, Results(scores), null).First(r => r.Profile.Name == Metric.Profile!.Name).NormalizedScore,
            TuningMetricKind.BestF1 => F1Evaluator.Evaluate(pairs, null, Metric.Mode).Total.F1,
            TuningMetricKind.PercentileF1 => F1Evaluator.EvaluateAtProbationPercentile(pairs, Metric.Percentile, Metric.Mode).Total.F1,
            _ => scores.Values.SelectMany(v => v).Average(),
        };
    }

    private NabDetectorResults Results(IReadOnlyDictionary<NabDataFile, double[]> scores) =>
        NabDetectorResults.FromScores(Corpus, Detector, scores.Select(kv => KeyValuePair.Create(kv.Key.RelativePath, kv.Value)));

    // Mean over folds of the metric on the validation blocks (rows after each file's probationary period).
    private double FoldValue(IReadOnlyDictionary<NabDataFile, double[]> scores)
    {
        var folds = scores.Keys.ToDictionary(f => f, f => Folds!.Folds(f.ProbationLength, f.RowCount));
        int count = Folds!.Splits;
        var values = new List<double>(count);
        double nabThreshold = Metric.Kind == TuningMetricKind.Nab ? NabThresholdOptimizer.Optimize(Corpus, Results(scores), Metric.Profile!).Threshold : 0;
        var scorer = Metric.Kind == TuningMetricKind.Nab ? new NabScorer(Metric.Profile!) : null;
        var contributions = scorer is null ? null : scores.ToDictionary(kv => kv.Key, kv => scorer.Contributions(kv.Key, kv.Value, nabThreshold));
        for (int i = 0; i < count; i++)
        {
            double v = Metric.Kind switch
            {
                TuningMetricKind.Nab => NabFold(scores.Keys, folds, i, contributions!),
                TuningMetricKind.PercentileF1 => F1Fold(scores, folds, i, (file, fold) => Math.BitIncrement(F1Evaluator.ProbationPercentile(scores[file], fold.TrainEnd, Metric.Percentile))),
                _ => BestF1Fold(scores, folds, i),
            };
            if (double.IsFinite(v))
            {
                values.Add(v);
            }
        }

        return values.Count == 0 ? double.NaN : values.Average();
    }

    // NAB on one fold: each row's contribution at the threshold (a window's term sits on its first row), summed over
    // the validation rows, normalised against null and perfect detectors over the windows starting in them.
    private double NabFold(IEnumerable<NabDataFile> files, Dictionary<NabDataFile, IReadOnlyList<SplitFold>> folds, int i, Dictionary<NabDataFile, double[]> contributions)
    {
        var profile = Metric.Profile!;
        double raw = 0, nullScore = 0, perfect = 0;
        foreach (var file in files)
        {
            var fold = folds[file][i];
            var c = contributions[file];
            for (int row = fold.TestStart; row < fold.TestEnd; row++)
            {
                raw += c[row];
            }

            foreach (var w in file.Windows)
            {
                if (w.FirstRow >= fold.TestStart && w.FirstRow < fold.TestEnd)
                {
                    nullScore -= profile.FnWeight;
                    perfect += profile.TpWeight;
                }
            }
        }

        return perfect == nullScore ? double.NaN : 100 * (raw - nullScore) / (perfect - nullScore);
    }

    private double F1Fold(IReadOnlyDictionary<NabDataFile, double[]> scores, Dictionary<NabDataFile, IReadOnlyList<SplitFold>> folds, int i, Func<NabDataFile, SplitFold, double> threshold)
    {
        var total = ConfusionCounts.Empty;
        foreach (var (file, s) in scores)
        {
            var fold = folds[file][i];
            total = total.Combine(CountFold(file, s, fold, threshold(file, fold)));
        }

        return total.F1;
    }

    // Best F1 of one fold over 64 candidate thresholds: quantiles of the validation rows' scores.
    private double BestF1Fold(IReadOnlyDictionary<NabDataFile, double[]> scores, Dictionary<NabDataFile, IReadOnlyList<SplitFold>> folds, int i)
    {
        var pooled = scores.SelectMany(kv => kv.Value[folds[kv.Key][i].TestStart..folds[kv.Key][i].TestEnd]).Order().ToArray();
        if (pooled.Length == 0)
        {
            return double.NaN;
        }

        double best = 0;
        foreach (double candidate in Enumerable.Range(0, 64).Select(q => pooled[(int)((long)q * (pooled.Length - 1) / 63)]).Distinct())
        {
            best = Math.Max(best, F1Fold(scores, folds, i, (_, _) => candidate));
        }

        return best;
    }

    private ConfusionCounts CountFold(NabDataFile file, double[] scores, SplitFold fold, double threshold)
    {
        var windows = file.Windows
            .Where(w => w.LastRow >= fold.TestStart && w.FirstRow < fold.TestEnd)
            .Select(w => new AnomalyWindow(Math.Max(w.FirstRow, fold.TestStart), Math.Min(w.LastRow, fold.TestEnd - 1)))
            .ToArray();
        return F1Evaluator.Count(windows, fold.TestStart, scores.AsSpan(0, fold.TestEnd), threshold, Metric.Mode);
    }

    private sealed class Progress(Action<TrainingEpoch> report) : IProgress<TrainingEpoch>
    {
        public void Report(TrainingEpoch value) => report(value);
    }
}
