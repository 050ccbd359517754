namespace Vigil.Thresholds;

/// <summary>Linear rescaling: the training minimum maps to 0, the maximum to 1; values outside are clipped.</summary>
/// <remarks>Not thread-safe during <see cref="Fit"/>; <see cref="Calibrate"/> is thread-safe afterwards.</remarks>
public sealed class MinMaxCalibrator : IScoreCalibrator
{
    /// <summary>Smallest training score after warm-up.</summary>
    public double Min { get; private set; }

    /// <summary>Largest training score after warm-up.</summary>
    public double Max { get; private set; } = 1.0;

    /// <inheritdoc />
    public void Fit(ScoreSeries train)
    {
        ArgumentNullException.ThrowIfNull(train);
        var values = ScoreCalibratorExtensions.ScoredValues(train);
        if (values.Length == 0)
        {
            (Min, Max) = (0.0, 1.0);
            return;
        }

        (Min, Max) = (values.Min(), values.Max());
    }

    /// <inheritdoc />
    public double Calibrate(double raw)
    {
        double range = Max - Min;
        if (!(range > 0.0))
        {
            return raw > Max ? 1.0 : raw < Min ? 0.0 : 0.5;
        }

        return Math.Clamp((raw - Min) / range, 0.0, 1.0);
    }
}
