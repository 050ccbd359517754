namespace Vigil.Thresholds;

/// <summary>
/// Assumes a known fraction of the training points are anomalous: the threshold is the (1 - fraction) quantile of
/// the training scores (scikit-learn's <c>contamination</c>), computed as <see cref="Percentile"/>.
/// </summary>
/// <param name="fraction">In [0, 1). 0.01 flags about 1% of training points.</param>
public sealed class ContaminationThresholder(double fraction) : IThresholder
{
    private readonly PercentileThresholder _inner = new(100.0 * (1.0 - (fraction is >= 0.0 and < 1.0 ? fraction : throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "The contamination must lie in [0, 1)."))));

    /// <summary>The assumed fraction of anomalies.</summary>
    public double Fraction { get; } = fraction;

    /// <inheritdoc />
    public double Threshold => _inner.Threshold;

    /// <summary>Points after an alarm during which no further alarm is raised (0: none).</summary>
    public int SuppressionWindow { get; init; }

    /// <inheritdoc />
    public void Fit(ScoreSeries calibrated, LabeledSeries? truth = null) => _inner.Fit(calibrated);

    /// <inheritdoc />
    public AlarmSeries Apply(ScoreSeries calibrated) => AlarmSeries.Create(calibrated, Threshold, SuppressionWindow);
}
