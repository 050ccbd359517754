namespace Vigil.Thresholds;

/// <summary>A threshold given up front; <see cref="Fit"/> learns nothing.</summary>
/// <param name="threshold">The threshold; scores strictly above it alarm.</param>
public sealed class FixedThresholder(double threshold) : IThresholder
{
    /// <inheritdoc />
    public double Threshold { get; } = threshold;

    /// <summary>Points after an alarm during which no further alarm is raised (0: none).</summary>
    public int SuppressionWindow { get; init; }

    /// <inheritdoc />
    public void Fit(ScoreSeries calibrated, LabeledSeries? truth = null)
    {
    }

    /// <inheritdoc />
    public AlarmSeries Apply(ScoreSeries calibrated) => AlarmSeries.Create(calibrated, Threshold, SuppressionWindow);
}
