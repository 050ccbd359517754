namespace Vigil.Thresholds;

/// <summary>
/// A dynamic threshold: exponentially weighted mean + k exponentially weighted standard deviations of the previous
/// scores. Causal: a point's own score enters the statistics only after it has been judged.
/// </summary>
/// <remarks>
/// With weight α: m ← m + α(x - m) and v ← (1 - α)(v + α(x - m_old)²) (West's incremental EW variance). <see cref="Fit"/>
/// runs the recursion over the training scores; <see cref="Apply"/> continues from there and keeps no state between calls.
/// </remarks>
/// <param name="alpha">Weight of the newest score, in (0, 1]; 0.01 remembers about the last 100 points.</param>
/// <param name="k">Number of standard deviations above the mean, finite; 3 to 5 are typical.</param>
public sealed class EwmaSigmaThresholder(double alpha, double k) : IThresholder
{
    private double _mean = double.NaN;
    private double _variance;

    /// <summary>Weight of the newest score.</summary>
    public double Alpha { get; } = alpha is > 0.0 and <= 1.0 ? alpha : throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "alpha must lie in (0, 1].");

    /// <summary>Number of standard deviations above the mean.</summary>
    public double K { get; } = double.IsFinite(k) ? k : throw new ArgumentOutOfRangeException(nameof(k), k, "k must be finite.");

    /// <inheritdoc />
    public double Threshold => double.IsNaN(_mean) ? double.PositiveInfinity : _mean + K * Math.Sqrt(_variance);

    /// <summary>Points after an alarm during which no further alarm is raised (0: none).</summary>
    public int SuppressionWindow { get; init; }

    /// <inheritdoc />
    public void Fit(ScoreSeries calibrated, LabeledSeries? truth = null)
    {
        ArgumentNullException.ThrowIfNull(calibrated);
        (_mean, _variance) = (double.NaN, 0.0);
        foreach (double x in ScoreCalibratorExtensions.ScoredValues(calibrated))
        {
            (_mean, _variance) = Update(_mean, _variance, x);
        }
    }

    /// <inheritdoc />
    public AlarmSeries Apply(ScoreSeries calibrated)
    {
        ArgumentNullException.ThrowIfNull(calibrated);
        var values = calibrated.Scores.Span;
        var thresholds = new double[values.Length];
        double mean = _mean, variance = _variance;
        for (int i = 0; i < values.Length; i++)
        {
            thresholds[i] = double.IsNaN(mean) ? double.PositiveInfinity : mean + K * Math.Sqrt(variance);
            if (i >= calibrated.WarmupLength)
            {
                (mean, variance) = Update(mean, variance, values[i]);
            }
        }

        return AlarmSeries.Create(calibrated, thresholds, SuppressionWindow);
    }

    private (double Mean, double Variance) Update(double mean, double variance, double x)
    {
        if (double.IsNaN(mean))
        {
            return (x, 0.0);
        }

        double delta = x - mean;
        return (mean + Alpha * delta, (1.0 - Alpha) * (variance + Alpha * delta * delta));
    }
}
