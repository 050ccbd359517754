namespace Vigil.Thresholds;

/// <summary>Applies a calibrator to whole score series.</summary>
public static class ScoreCalibratorExtensions
{
    /// <summary>Calibrates every score; warm-up scores become 0 and <see cref="ScoreSeries.WarmupLength"/> is kept.</summary>
    public static ScoreSeries Calibrate(this IScoreCalibrator calibrator, ScoreSeries raw)
    {
        ArgumentNullException.ThrowIfNull(calibrator);
        ArgumentNullException.ThrowIfNull(raw);
        var input = raw.Scores.Span;
        var output = new double[input.Length];
        for (int i = raw.WarmupLength; i < input.Length; i++)
        {
            output[i] = calibrator.Calibrate(input[i]);
        }

        return raw with { Scores = output };
    }

    internal static double[] ScoredValues(ScoreSeries series)
    {
        int start = Math.Min(series.WarmupLength, series.Length);
        return series.Scores.Span[start..].ToArray();
    }
}
