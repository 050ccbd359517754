using Vigil.Numerics;

namespace Vigil.Thresholds;

/// <summary>Mean + k standard deviations (population) of the training scores after warm-up.</summary>
/// <param name="k">Number of standard deviations, finite; 3 is the classic choice.</param>
public sealed class SigmaThresholder(double k) : IThresholder
{
    /// <summary>Number of standard deviations above the mean.</summary>
    public double K { get; } = double.IsFinite(k) ? k : throw new ArgumentOutOfRangeException(nameof(k), k, "k must be finite.");

    /// <inheritdoc />
    public double Threshold { get; private set; } = double.PositiveInfinity;

    /// <summary>Points after an alarm during which no further alarm is raised (0: none).</summary>
    public int SuppressionWindow { get; init; }

    /// <inheritdoc />
    public void Fit(ScoreSeries calibrated, LabeledSeries? truth = null)
    {
        ArgumentNullException.ThrowIfNull(calibrated);
        var values = ScoreCalibratorExtensions.ScoredValues(calibrated);
        if (values.Length == 0)
        {
            Threshold = double.PositiveInfinity;
            return;
        }

        double mean = NumpyStatistics.Mean(values);
        Threshold = mean + K * NumpyStatistics.PopulationStandardDeviation(values, mean, new double[values.Length]);
    }

    /// <inheritdoc />
    public AlarmSeries Apply(ScoreSeries calibrated) => AlarmSeries.Create(calibrated, Threshold, SuppressionWindow);
}
