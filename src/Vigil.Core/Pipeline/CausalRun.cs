using Vigil.Detection;
using Vigil.Thresholds;

namespace Vigil.Pipeline;

/// <summary>
/// The one causal run of a detector over a series — used by <c>vigil detect</c>, the NAB runner and tuning — so every
/// entry point trains, refits, calibrates and thresholds the same way: detector → calibrator → thresholder.
/// </summary>
/// <remarks>
/// <list type="number">
/// <item>Training length: <see cref="CausalRunRequest.TrainLength"/>, else <see cref="Probation.TrainingLengthFor"/>.</item>
/// <item>
/// Raw scores: a streaming detector is told the <see cref="SeriesContext"/> and stepped row by row; an unfitted batch
/// detector runs under <see cref="RefitPolicy.For"/> its options (<see cref="CausalBatchScorer"/>, equal to
/// <see cref="BatchAsStreaming"/> row for row); an already fitted (restored) batch detector continues through
/// <see cref="BatchAsStreaming"/>.
/// </item>
/// <item>
/// Calibration: each row's raw score (mapped into [0, 1] by <see cref="RationalCalibrator"/> when the detector's scores are
/// unbounded) through the <see cref="ICausalCalibrator"/> of the spec, row by row; the calibrator's probationary
/// period is the training length.
/// </item>
/// <item>Alarms: the threshold rule's thresholder fitted on the training rows' scores and applied after them.</item>
/// </list>
/// The score of row t depends on no row after t, except batch training rows under <see cref="CausalRunRequest.ScoreTrainingRows"/>.
/// </remarks>
public static class CausalRun
{
    /// <summary>Runs <paramref name="detector"/> (fresh, or restored to continue) over the request's series.</summary>
    /// <param name="detector">The detector; it learns on the way.</param>
    /// <param name="request">Series, training length, calibration, threshold.</param>
    /// <param name="rowsDone">Called with the number of rows whose raw scores are final.</param>
    /// <param name="ct">Cancels between rows or model calls.</param>
    /// <exception cref="InvalidOperationException">The detector returned a non-finite score, or implements no protocol.</exception>
    public static CausalRunResult Execute(IAnomalyDetector detector, CausalRunRequest request, Action<int>? rowsDone = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(detector);
        ArgumentNullException.ThrowIfNull(request);
        var series = request.Series;
        int train = request.TrainLength ?? Probation.TrainingLengthFor(series.Length);
        if (train < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(request), train, "The training length must be at least 1.");
        }

        var calibration = request.Calibration ?? detector.Options.Calibration ?? CalibrationSpec.None;
        double[] raw;
        double[]? trainingScores = null;
        switch (detector)
        {
            case IBatchDetector { IsFitted: false } batch:
                raw = CausalBatchScorer.Score(batch, series, RefitPolicy.For(batch.Options, train), scoreTrainingRows: true, rowsDone, ct);
                if (!request.ScoreTrainingRows)
                {
                    // Kept for thresholds fitted on training errors; the output shows 0 for rows nothing was scored on.
                    trainingScores = raw[..Math.Min(train, raw.Length)];
                    Array.Clear(raw, 0, Math.Min(train, raw.Length));
                }

                break;
            case IBatchDetector batch:
                raw = StreamingRunner.Run(new BatchAsStreaming(batch, RefitPolicy.For(batch.Options, train)), series, null, rowsDone, ct).Scores.ToArray();
                break;
            case IStreamingDetector streaming:
                // A batch detector first fitted inside this run through its adapter (`vigil detect --save-model`) hands
                // over its in-sample training scores as the unfitted-batch case above does, so that calibration, thresholds
                // and a later --load-model continuation are the same as in a run that is not saved.
                var firstFit = streaming is BatchAsStreaming { Inner.IsFitted: false, RowsSeen: 0 } adapter && adapter.Policy.TrainLength == train ? adapter : null;
                if (firstFit is not null)
                {
                    firstFit.KeepFirstFitScores = true;
                }

                var context = request.PrepareDetector ? new SeriesContext(train, request.InputMin, request.InputMax, series.Length) : null;
                raw = StreamingRunner.Run(streaming, series, context, rowsDone, ct).Scores.ToArray();
                if (firstFit?.FirstFitScores is { } inSample)
                {
                    if (request.ScoreTrainingRows)
                    {
                        inSample.AsSpan(0, Math.Min(inSample.Length, raw.Length)).CopyTo(raw);
                    }
                    else
                    {
                        trainingScores = inSample;
                    }
                }

                break;
            default:
                throw new InvalidOperationException($"Detector '{detector.Descriptor.Name}' implements neither IStreamingDetector nor IBatchDetector.");
        }

        if (BoundsRawScores(detector.Descriptor, calibration, request.UnitInterval))
        {
            Bound(raw);
            if (trainingScores is not null)
            {
                Bound(trainingScores);
            }
        }

        double[] scores = raw;
        ICausalCalibrator? calibrator = null;
        if (!calibration.IsNone || request.Calibrator is not null)
        {
            calibrator = request.Calibrator ?? calibration.Create(train);
            scores = Calibrate(calibrator, series.Values.Span, raw, trainingScores);
            trainingScores = null;   // the calibrated training rows are in scores
        }

        AlarmSeries? alarms = null;
        if (request.Threshold.Kind != ThresholdKind.None)
        {
            int fitted = Math.Min(train, scores.Length);
            var thresholder = request.Threshold.CreateThresholder(fitted)!;
            thresholder.Fit(new ScoreSeries(trainingScores ?? scores[..fitted], 0));
            alarms = thresholder.Apply(new ScoreSeries(scores, fitted));
        }

        return new CausalRunResult(scores, raw, train, calibration, alarms, calibrator);
    }

    /// <summary>
    /// Calibrates raw scores row by row. Batch training rows whose output is 0 still feed the calibrator their
    /// in-sample scores (<paramref name="trainingScores"/>), as NAB's runs do, so calibration is the same either way.
    /// </summary>
    private static double[] Calibrate(ICausalCalibrator calibrator, ReadOnlySpan<double> values, double[] raw, double[]? trainingScores)
    {
        var scores = new double[raw.Length];
        for (int t = 0; t < raw.Length; t++)
        {
            double input = trainingScores is not null && t < trainingScores.Length ? trainingScores[t] : raw[t];
            scores[t] = calibrator.Step(values[t], input);
        }

        return scores;
    }

    /// <summary>
    /// Whether a detector's raw scores are mapped into [0, 1) by <see cref="RationalCalibrator"/> before calibration:
    /// only unbounded scores, and then as the calibrator's spec says (<see cref="CalibrationSpec.BoundRawScores"/>);
    /// without a calibrator (at most smoothing) whenever the output must lie in [0, 1] or is smoothed.
    /// </summary>
    internal static bool BoundsRawScores(DetectorDescriptor descriptor, CalibrationSpec calibration, bool unitInterval) =>
        descriptor.UnboundedScores
        && (calibration.Method == CalibrationMethod.None ? unitInterval || !calibration.IsNone : calibration.BoundRawScores);

    private static void Bound(double[] scores)
    {
        var rational = new RationalCalibrator();
        for (int t = 0; t < scores.Length; t++)
        {
            scores[t] = rational.Calibrate(scores[t]);
        }
    }
}
