namespace Vigil.Thresholds;

/// <summary>
/// The <see cref="Percent"/>-th percentile of the training scores (after warm-up), computed as
/// <c>scipy.stats.scoreatpercentile</c>: <c>new PercentileThresholder(99)</c> is the usual "p99 of training errors".
/// </summary>
/// <param name="percent">In [0, 100]. Higher means fewer alarms; 99 flags about 1% of points that look like the training data.</param>
public sealed class PercentileThresholder(double percent) : IThresholder
{
    /// <summary>The percentile, in [0, 100].</summary>
    public double Percent { get; } = percent is >= 0.0 and <= 100.0 ? percent : throw new ArgumentOutOfRangeException(nameof(percent), percent, "The percentile must lie in [0, 100].");

    /// <inheritdoc />
    public double Threshold { get; private set; } = double.PositiveInfinity;

    /// <summary>Points after an alarm during which no further alarm is raised (0: none).</summary>
    public int SuppressionWindow { get; init; }

    /// <inheritdoc />
    public void Fit(ScoreSeries calibrated, LabeledSeries? truth = null)
    {
        ArgumentNullException.ThrowIfNull(calibrated);
        var values = ScoreCalibratorExtensions.ScoredValues(calibrated);
        Threshold = values.Length == 0 ? double.PositiveInfinity : Percentile.Of(values, Percent);
    }

    /// <inheritdoc />
    public AlarmSeries Apply(ScoreSeries calibrated) => AlarmSeries.Create(calibrated, Threshold, SuppressionWindow);
}
