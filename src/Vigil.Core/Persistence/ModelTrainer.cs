using System.Text.Json.Nodes;
using Vigil.Detection;
using Vigil.Thresholds;

namespace Vigil.Persistence;

/// <summary>
/// Trains any registered detector on a series the same way, for <c>vigil model train</c> and <c>vigil train</c>: a
/// batch detector is fitted on every row and scores them in-sample; a streaming detector steps through every row
/// (learning; NAB's probation rule tells it how many rows are probation). The alarm threshold is the 99th percentile
/// of the training scores after warm-up/probation (the second half of the training rows when all of them are a
/// streaming detector's probation).
/// </summary>
public static class ModelTrainer
{
    /// <summary>The percentile of training scores used as the saved threshold.</summary>
    public const double ThresholdPercent = 99.0;

    /// <summary>The fewest training rows <paramref name="detector"/> can learn from (a batch detector's window).</summary>
    public static int MinimumRows(IAnomalyDetector detector) =>
        detector is IBatchDetector { ContextLength: > 1 and < int.MaxValue } batch && !batch.IsFitted ? batch.ContextLength : 1;

    /// <summary>Trains <paramref name="detector"/> on <paramref name="train"/>.</summary>
    /// <param name="detector">A fresh detector.</param>
    /// <param name="train">The training rows.</param>
    /// <param name="source">Where they came from (file path, <c>nab:</c> or <c>synth:</c> id), for the manifest.</param>
    /// <param name="firstRow">Index of <paramref name="train"/>'s first row in its source.</param>
    /// <param name="clock">Stamps the manifest.</param>
    /// <param name="metric">Receives each metric as it is measured (name, value, step), e.g. for experiment tracking; may be null.</param>
    /// <param name="probationRows">A streaming detector's probation (default: NAB's rule on the training rows).</param>
    /// <param name="ct">Cancels training.</param>
    /// <param name="fit">Fits a batch detector somewhere else (e.g. across a cluster's silos) and returns the fitted
    /// instance, which replaces <paramref name="detector"/> from then on; null fits in this process. Scoring, the
    /// threshold and the manifest are the same either way.</param>
    /// <exception cref="ArgumentException">Fewer rows than <see cref="MinimumRows"/>.</exception>
    public static TrainedModel Train(IAnomalyDetector detector, TimeSeries train, string source, int firstRow, TimeProvider clock,
        Action<string, double, long>? metric = null, int? probationRows = null, CancellationToken ct = default,
        Func<IBatchDetector, TimeSeries, CancellationToken, IBatchDetector>? fit = null)
    {
        ArgumentNullException.ThrowIfNull(detector);
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(clock);
        int minimum = MinimumRows(detector);
        if (train.Length < minimum)
        {
            throw new ArgumentException($"{detector.Descriptor.Name} needs at least {minimum} training rows (its window); got {train.Length}.", nameof(train));
        }

        var metrics = new SortedDictionary<string, double>(StringComparer.Ordinal) { ["trainRows"] = train.Length };
        void Record(string name, double value, long step)
        {
            metrics[name] = value;
            metric?.Invoke(name, value, step);
        }

        IProgress<TrainingEpoch>? previous = null;
        var reporting = detector as IReportsTrainingProgress;   // the instance given, even when a remote fit replaces it
        if (reporting is not null)
        {
            previous = reporting.TrainingProgress;
            reporting.TrainingProgress = new EpochRecorder(previous, e =>
            {
                Record("loss", e.TrainingLoss, e.Epoch);
                if (double.IsFinite(e.ValidationLoss))
                {
                    Record("validationLoss", e.ValidationLoss, e.Epoch);
                }

                metrics["epochs"] = e.Epoch;
            });
        }

        double[] scores;
        int warmup;
        BatchAsStreaming? runner = null;
        int probation;
        try
        {
            switch (detector)
            {
                case IBatchDetector batch:
                    if (fit is null)
                    {
                        batch.Fit(train, ct);
                    }
                    else
                    {
                        batch = fit(batch, train, ct);
                        detector = batch;
                    }

                    var scored = batch.ScoreSamples(train);
                    scores = scored.Scores.ToArray();
                    warmup = Math.Min(scored.WarmupLength, scores.Length);
                    probation = train.Length;
                    var refits = batch.Options as IRefitOptions;
                    runner = new BatchAsStreaming(batch, new RefitPolicy(Math.Max(1, train.Length), refits?.RefitEvery ?? 0, refits?.TrainWindow ?? 0));
                    runner.Absorb(train);
                    break;
                case IStreamingDetector streaming:
                    probation = Math.Max(1, probationRows ?? Math.Min(15 * train.Length / 100, 750));
                    scores = StreamingRunner.Run(streaming, train, new SeriesContext(probation), ct: ct).Scores.ToArray();
                    // When every training row is probation, the threshold comes from the second half of them (the
                    // first half is where a streaming detector is still settling).
                    warmup = probation < scores.Length ? probation : scores.Length / 2;
                    break;
                default:
                    throw new ArgumentException($"Detector '{detector.Descriptor.Name}' has no runnable protocol.", nameof(detector));
            }
        }
        finally
        {
            if (reporting is not null)
            {
                reporting.TrainingProgress = previous;
            }
        }

        var tail = scores.AsSpan(warmup);
        double threshold = tail.IsEmpty ? double.PositiveInfinity : Percentile.Of(tail, ThresholdPercent);
        if (!tail.IsEmpty)
        {
            Record("trainScoreP99", threshold, 0);
        }

        var details = new ModelManifest
        {
            Detector = detector.Descriptor.Name,
            Options = [],
            CreatedUtc = clock.GetUtcNow(),
            TrainingData = new TrainingDataInfo(source, firstRow, train.Length, DataFingerprint.Of(train)),
            Threshold = double.IsFinite(threshold) ? new JsonObject { ["kind"] = "p99", ["value"] = threshold } : null,
            Metrics = metrics,
            Harness = new HarnessContext(probation, double.NaN, double.NaN, runner?.Policy.RefitEvery ?? 0, runner?.Policy.TrainWindow ?? 0, train.Length),
        };
        return new TrainedModel(detector, runner, details, scores);
    }

    /// <summary>Reports epochs synchronously to a recorder and to the progress that was attached before.</summary>
    private sealed class EpochRecorder(IProgress<TrainingEpoch>? next, Action<TrainingEpoch> record) : IProgress<TrainingEpoch>
    {
        public void Report(TrainingEpoch value)
        {
            record(value);
            next?.Report(value);
        }
    }
}
