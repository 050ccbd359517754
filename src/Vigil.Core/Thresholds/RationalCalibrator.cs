namespace Vigil.Thresholds;

/// <summary>
/// A fixed monotone map of non-negative unbounded scores into [0, 1): x / (x + <see cref="Scale"/>), 0 for x ≤ 0.
/// Needs no training data, so it stays causal in streaming harnesses (NAB).
/// </summary>
/// <param name="scale">The score that maps to 0.5, positive; 1 by default.</param>
public sealed class RationalCalibrator(double scale = 1.0) : IScoreCalibrator
{
    /// <summary>The score that maps to 0.5.</summary>
    public double Scale { get; } = scale > 0.0 && double.IsFinite(scale) ? scale : throw new ArgumentOutOfRangeException(nameof(scale), scale, "The scale must be positive and finite.");

    /// <summary>Learns nothing: the map is fixed.</summary>
    public void Fit(ScoreSeries train)
    {
    }

    /// <inheritdoc />
    public double Calibrate(double raw) => raw > 0.0 ? (double.IsPositiveInfinity(raw) ? 1.0 : raw / (raw + Scale)) : 0.0;
}
