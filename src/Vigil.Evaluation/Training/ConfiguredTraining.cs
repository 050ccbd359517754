using System.Text.Json;
using Vigil.Detection;
using Vigil.Evaluation.Metrics;
using Vigil.Persistence;

namespace Vigil.Evaluation.Training;

/// <summary>
/// <c>vigil train --config</c>: trains every configured detector on every series and saves each model, with its
/// metrics, to a <see cref="ModelRepository"/>. Each series is run as a harness runs it: the detector learns from the
/// probationary rows (NAB's rule), is saved with the p99 threshold of its training scores, and scores the remaining
/// rows causally; where labels exist, precision, recall and F1 at that threshold are measured on the rows after the
/// probation (labels are never used for training or for the threshold). The saved model holds the state after the
/// whole series, so it continues from there.
/// </summary>
public static class ConfiguredTraining
{
    /// <summary>Trains every (detector, series) pair, several at once.</summary>
    /// <param name="detectors">Detector names with their options (JSON object or null for defaults).</param>
    /// <param name="data">The series.</param>
    /// <param name="registry">Creates the detectors.</param>
    /// <param name="repository">Where models are saved: as <c>DETECTOR</c> for one series, <c>DETECTOR-SERIES</c> for several.</param>
    /// <param name="clock">Stamps the manifests.</param>
    /// <param name="parallel">Pairs trained at once (0 = processor count).</param>
    /// <param name="metric">Receives every metric (model name, metric, value, step) as it is measured, e.g. for an experiment tracker; may be null.</param>
    /// <param name="trackingRunId">Gives the tracking run id to record in a model's manifest (by model name); may be null.</param>
    /// <param name="ct">Cancels the remaining work.</param>
    /// <returns>One outcome per pair, in input order.</returns>
    public static IReadOnlyList<TrainingOutcome> Run(
        IReadOnlyList<(string Detector, JsonElement? Options)> detectors, IReadOnlyList<TrainingSeries> data, DetectorRegistry registry,
        ModelRepository repository, TimeProvider clock, int parallel = 0, Action<string, string, double, long>? metric = null,
        Func<string, string?>? trackingRunId = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(detectors);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(repository);
        var pairs = detectors.SelectMany(d => data.Select(s => (d.Detector, d.Options, Series: s))).ToList();
        var outcomes = new TrainingOutcome[pairs.Count];
        var options = new ParallelOptions { MaxDegreeOfParallelism = parallel > 0 ? parallel : Environment.ProcessorCount, CancellationToken = ct };
        Parallel.For(0, pairs.Count, options, i =>
        {
            var (name, json, series) = pairs[i];
            string modelName = data.Count == 1 ? name : $"{name}-{series.Name}";
            outcomes[i] = TrainOne(registry.Create(name, json), series, modelName, repository, clock, metric, trackingRunId?.Invoke(modelName), ct);
        });
        return outcomes;
    }

    private static TrainingOutcome TrainOne(IAnomalyDetector detector, TrainingSeries data, string modelName, ModelRepository repository, TimeProvider clock,
        Action<string, string, double, long>? metric, string? runId, CancellationToken ct)
    {
        try
        {
            var series = data.Series.Series;
            int probation = Math.Clamp(data.Series.ProbationLength, 1, series.Length);
            var trained = ModelTrainer.Train(detector, series.Slice(0, probation), data.Source, 0, clock,
                metric is null ? null : (n, v, s) => metric(modelName, n, v, s), probation, ct);
            var streaming = trained.Runner ?? (IStreamingDetector)detector;
            var rest = StreamingRunner.Run(streaming, series.Slice(probation, series.Length - probation), ct: ct).Scores.ToArray();
            double[] scores = [.. trained.TrainingScores, .. rest];
            var metrics = new SortedDictionary<string, double>(trained.Details.Metrics.ToDictionary(), StringComparer.Ordinal);
            double threshold = trained.Details.ThresholdValue ?? double.PositiveInfinity;
            if (data.Labeled)
            {
                foreach (var (mode, key) in new[] { (F1Mode.Pointwise, "pointwise"), (F1Mode.PointAdjusted, "pointAdjusted"), (F1Mode.Event, "event"), (F1Mode.Composite, "composite") })
                {
                    var counts = F1Evaluator.Count(data.Series.Windows, probation, scores, threshold, mode);
                    Add(metrics, metric, modelName, $"f1.{key}", counts.F1);
                    Add(metrics, metric, modelName, $"precision.{key}", counts.Precision);
                    Add(metrics, metric, modelName, $"recall.{key}", counts.Recall);
                }
            }

            var details = trained.Details with
            {
                Metrics = metrics,
                TrainingData = new TrainingDataInfo(data.Source, 0, series.Length, DataFingerprint.Of(series)),
                Harness = trained.Details.Harness! with { RowsSeen = series.Length },
                TrackingRunId = runId,
            };
            var stored = repository.SaveNewVersion(modelName, s => ModelStore.Save(s, detector, details, trained.Runner));
            return new TrainingOutcome(detector.Descriptor.Name, data.Source, stored, metrics);
        }
        finally
        {
            (detector as IDisposable)?.Dispose();
        }
    }

    private static void Add(SortedDictionary<string, double> metrics, Action<string, string, double, long>? sink, string model, string name, double value)
    {
        metrics[name] = value;
        sink?.Invoke(model, name, value, 0);
    }
}
