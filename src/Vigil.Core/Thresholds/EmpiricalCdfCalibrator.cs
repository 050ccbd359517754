namespace Vigil.Thresholds;

/// <summary>The empirical distribution function of the training scores: the fraction of training scores at or below a value.</summary>
/// <remarks>A calibrated 0.99 means "higher than 99% of the training scores". Thread-safe after <see cref="Fit"/>.</remarks>
public sealed class EmpiricalCdfCalibrator : IScoreCalibrator
{
    private double[] _sorted = [];

    /// <inheritdoc />
    public void Fit(ScoreSeries train)
    {
        ArgumentNullException.ThrowIfNull(train);
        var values = ScoreCalibratorExtensions.ScoredValues(train);
        Array.Sort(values);
        _sorted = values;
    }

    /// <inheritdoc />
    public double Calibrate(double raw)
    {
        if (_sorted.Length == 0 || double.IsNaN(raw))
        {
            return 0.0;
        }

        // Count of training scores <= raw: upper bound by binary search.
        int lo = 0, hi = _sorted.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (_sorted[mid] <= raw)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return (double)lo / _sorted.Length;
    }
}
