using Vigil.Detection;

namespace Vigil.Thresholds;

/// <summary>A detector, an optional calibrator and a thresholder: raw scores → calibrated scores → alarms.</summary>
/// <param name="Detector">A batch or streaming detector.</param>
/// <param name="Calibrator">Maps raw scores into [0, 1]; null keeps raw scores.</param>
/// <param name="Thresholder">Turns (calibrated) scores into alarms.</param>
public sealed record DetectionPipeline(IAnomalyDetector Detector, IScoreCalibrator? Calibrator, IThresholder Thresholder)
{
    /// <summary>
    /// Fits the detector on <paramref name="train"/> (batch detectors), scores it, and fits the calibrator and the
    /// thresholder on those scores (and <paramref name="truth"/> when given).
    /// </summary>
    public void Fit(TimeSeries train, LabeledSeries? truth = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(train);
        if (Detector is IBatchDetector batch)
        {
            batch.Fit(train, ct);
        }

        var raw = Score(train);
        Calibrator?.Fit(raw);
        Thresholder.Fit(Calibrate(raw), truth);
    }

    /// <summary>Raw scores of <paramref name="series"/> (streaming detectors are reset first and run over it).</summary>
    public ScoreSeries Score(TimeSeries series) => Detector switch
    {
        IBatchDetector batch => batch.ScoreSamples(series),
        IStreamingDetector streaming => ResetAndRun(streaming, series),
        _ => throw new InvalidOperationException($"{Detector.GetType().Name} implements neither IBatchDetector nor IStreamingDetector."),
    };

    /// <summary>The calibrated scores of raw scores (unchanged without a calibrator).</summary>
    public ScoreSeries Calibrate(ScoreSeries raw) => Calibrator is null ? raw : Calibrator.Calibrate(raw);

    /// <summary>Scores, calibrates and thresholds <paramref name="series"/>.</summary>
    public AlarmSeries Detect(TimeSeries series) => Thresholder.Apply(Calibrate(Score(series)));

    private static ScoreSeries ResetAndRun(IStreamingDetector streaming, TimeSeries series)
    {
        streaming.Reset();
        return StreamingRunner.Run(streaming, series);
    }
}
