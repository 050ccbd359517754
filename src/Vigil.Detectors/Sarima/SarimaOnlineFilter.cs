namespace Vigil.Detectors.Sarima;

/// <summary>
/// One-point-at-a-time filtering of a raw series under a <see cref="SarimaModel"/>: differencing through a ring buffer,
/// trend removal, then the ARMA <see cref="KalmanFilter"/>. O(states) per point, no allocation per point.
/// </summary>
/// <remarks>Not thread-safe: one instance per series.</remarks>
internal sealed class SarimaOnlineFilter
{
    private readonly KalmanFilter _filter;
    private readonly double[] _diff;
    private readonly double[] _history;
    private readonly double _mean;
    private readonly double _drift;
    private int _count;
    private long _time;

    public SarimaOnlineFilter(SarimaModel model)
    {
        var spec = model.Specification;
        _filter = new KalmanFilter(spec.States);
        var theta = model.ReducedMa.Select(v => v).ToArray();
        if (!_filter.Configure(model.ReducedAr, theta, model.Sigma2))
        {
            throw new ArgumentException("The model cannot be initialised (not stationary).");
        }

        _diff = model.DifferencingCoefficients;
        _history = new double[Math.Max(1, _diff.Length - 1)];
        var trend = model.TrendCoefficients;
        _mean = trend.Length > 0 ? trend[0] : 0.0;
        _drift = trend.Length > 1 ? trend[1] : 0.0;
    }

    /// <summary>Observations consumed before the first forecast (d + D·s).</summary>
    public int DifferencingLength => _diff.Length - 1;

    /// <summary>Scores y against the forecast from the past, then absorbs it: returns the error, writes its variance (+∞ during differencing warm-up).</summary>
    public double Step(double y, out double variance)
    {
        int m = _diff.Length - 1;
        if (m > 0)
        {
            if (_count < m)
            {
                _history[_count % m] = y;
                _count++;
                variance = double.PositiveInfinity;
                return 0.0;
            }

            // w_t = Σ c_j y_{t−j}; history holds y_{t−m}..y_{t−1} in a ring ordered by absolute index.
            double w = y;
            for (int j = 1; j <= m; j++)
            {
                w += _diff[j] * _history[(_count - j) % m];
            }

            _history[_count % m] = y;
            _count++;
            y = w;
        }

        double residual = y - _mean - _drift * _time;
        _time++;
        return _filter.Step(residual, out variance);
    }
}
