using Vigil.Numerics;

namespace Vigil.Thresholds;

/// <summary>
/// The normal distribution function fitted to the training scores: Φ((x - μ) / σ), with μ and σ the training
/// scores' mean and population standard deviation.
/// </summary>
/// <remarks>
/// Unlike <see cref="EmpiricalCdfCalibrator"/> it keeps separating scores beyond the largest training score (the
/// tail). Thread-safe after <see cref="Fit"/>.
/// </remarks>
public sealed class GaussianTailCalibrator : IScoreCalibrator
{
    /// <summary>Mean of the training scores.</summary>
    public double Mean { get; private set; }

    /// <summary>Population standard deviation of the training scores (at least 1e-12).</summary>
    public double StandardDeviation { get; private set; } = 1.0;

    /// <inheritdoc />
    public void Fit(ScoreSeries train)
    {
        ArgumentNullException.ThrowIfNull(train);
        var values = ScoreCalibratorExtensions.ScoredValues(train);
        if (values.Length == 0)
        {
            (Mean, StandardDeviation) = (0.0, 1.0);
            return;
        }

        Mean = NumpyStatistics.Mean(values);
        StandardDeviation = Math.Max(NumpyStatistics.PopulationStandardDeviation(values, Mean, new double[values.Length]), 1e-12);
    }

    /// <inheritdoc />
    public double Calibrate(double raw)
    {
        double z = (raw - Mean) / StandardDeviation;
        return Math.Clamp(0.5 * SpecialFunctions.Erfc(-z / Math.Sqrt(2.0)), 0.0, 1.0);
    }
}
