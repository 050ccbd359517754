using Vigil.Numerics;

namespace Vigil.Thresholds;

/// <summary>
/// NuPIC's anomaly likelihood: turns raw anomaly scores into the probability that the recent average raw
/// score is unusual, under a normal distribution fitted to the history of averaged raw scores.
/// </summary>
/// <remarks>
/// <para>
/// Used by htm for its own raw scores and, through <see cref="LikelihoodCalibrator"/>, for any detector's raw score
/// (the generalisation keeps NuPIC's arithmetic; only the averaging window becomes a parameter).
/// </para>
/// <para>
/// Specified in docs htm.md §8 (NuPIC <c>anomaly_likelihood.py</c>): 0.5 during the probationary period; then
/// the distribution is re-estimated every <c>reestimationPeriod</c> rows from up to <c>historicWindowSize</c>
/// records (skipping the learning period), the raw score enters a 10-row moving average, and the result is
/// one minus the Gaussian tail of that average; two very small tails in a row are raised to 0.001.
/// Statistics use NumPy's pairwise summation (<see cref="NumpyStatistics"/>); the tail uses the full-precision
/// <see cref="SpecialFunctions.Erfc"/>. Per row O(1) except every re-estimation (O(history)); no allocation
/// after construction. Not thread-safe.
/// </para>
/// </remarks>
public sealed class AnomalyLikelihood
{
    /// <summary>NuPIC's moving-average length of the raw scores.</summary>
    public const int DefaultAveragingWindow = 10;

    private const double NullMean = 0.5;
    private const double NullStdev = 1000.0;
    private const double RedThreshold = 1.0 - 0.99999;
    private const double YellowThreshold = 1.0 - 0.999;

    private readonly int _probation;
    private readonly int _learningPeriod;
    private readonly int _historicWindow;
    private readonly int _reestimationPeriod;
    private readonly bool _twoSided;
    private readonly int _averagingWindow;

    private readonly double[] _histValue;
    private readonly double[] _histRaw;
    private int _histStart;
    private int _histCount;
    private readonly double[] _scratchA;
    private readonly double[] _scratchB;
    private readonly double[] _scratchC;

    private bool _hasParams;
    private double _mean;
    private double _stdev;
    private readonly double[] _window;
    private int _windowStart;
    private int _windowCount;
    private double _total;
    private double _previousTail;
    private bool _hasPreviousTail;
    private int _iteration;

    /// <summary>Creates the estimator with NAB's arrangement of its periods.</summary>
    /// <param name="probationaryPeriod">Rows scored 0.5 (NAB: the file's probationary length); the first half is the learning period skipped by the fit.</param>
    /// <param name="historicWindowSize">Records kept for re-estimation (NAB: 8640).</param>
    /// <param name="reestimationPeriod">Rows between re-estimations (NAB: 100).</param>
    /// <param name="twoSided">R1's mirrored tail (true) or R0's one-sided tail (false).</param>
    /// <param name="averagingWindow">Raw scores in the moving average (NuPIC: 10), at least 1; longer windows react later but to sustained changes only.</param>
    public AnomalyLikelihood(int probationaryPeriod, int historicWindowSize = 8640, int reestimationPeriod = 100, bool twoSided = true, int averagingWindow = DefaultAveragingWindow)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(averagingWindow, 1);
        _averagingWindow = averagingWindow;
        _window = new double[averagingWindow];
        ArgumentOutOfRangeException.ThrowIfNegative(probationaryPeriod);
        ArgumentOutOfRangeException.ThrowIfLessThan(historicWindowSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(reestimationPeriod, 1);
        _probation = probationaryPeriod;
        _learningPeriod = probationaryPeriod / 2;
        _historicWindow = historicWindowSize;
        _reestimationPeriod = reestimationPeriod;
        _twoSided = twoSided;
        _histValue = new double[historicWindowSize];
        _histRaw = new double[historicWindowSize];
        _scratchA = new double[historicWindowSize];
        _scratchB = new double[historicWindowSize];
        _scratchC = new double[historicWindowSize];
    }

    /// <summary>The likelihood that <paramref name="rawScore"/> (with its metric <paramref name="value"/>) is anomalous; records both.</summary>
    public double AnomalyProbability(double value, double rawScore)
    {
        double likelihood;
        if (_iteration < _probation)
        {
            likelihood = 0.5;
        }
        else
        {
            if (!_hasParams || _iteration % _reestimationPeriod == 0)
            {
                int shifted = Math.Max(0, _iteration - _historicWindow);
                int skip = Math.Min(_iteration, Math.Max(0, _learningPeriod - shifted));
                Estimate(skip);
            }

            likelihood = 1.0 - Update(rawScore);
        }

        int slot = (_histStart + _histCount) % _historicWindow;
        if (_histCount == _historicWindow)
        {
            _histStart = (_histStart + 1) % _historicWindow;
        }
        else
        {
            _histCount++;
        }

        _histValue[slot] = value;
        _histRaw[slot] = rawScore;
        _iteration++;
        return likelihood;
    }

    /// <summary>
    /// Probability of an average at least as far out as <paramref name="x"/>: 0.5·erfc(z / 1.4142) above the
    /// mean; below it R1 mirrors, R0 returns the complement of the mirrored tail.
    /// </summary>
    public static double Tail(double x, double mean, double stdev, bool twoSided)
    {
        if (x < mean)
        {
            if (!twoSided)
            {
                return 1.0 - Tail((2 * mean) - x, mean, stdev, twoSided);
            }

            x = (2 * mean) - x;
        }

        double z = (x - mean) / stdev;
        return 0.5 * SpecialFunctions.Erfc(z / 1.4142);
    }

    /// <summary>Writes the estimator's state.</summary>
    public void WriteState(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(_iteration);
        writer.Write(_histCount);
        for (int i = 0; i < _histCount; i++)
        {
            int slot = (_histStart + i) % _historicWindow;
            writer.Write(_histValue[slot]);
            writer.Write(_histRaw[slot]);
        }

        writer.Write(_hasParams);
        writer.Write(_mean);
        writer.Write(_stdev);
        writer.Write(_windowCount);
        for (int i = 0; i < _windowCount; i++)
        {
            writer.Write(_window[(_windowStart + i) % _averagingWindow]);
        }

        writer.Write(_total);
        writer.Write(_hasPreviousTail);
        writer.Write(_previousTail);
    }

    /// <summary>Reads state written by <see cref="WriteState"/> into an estimator built with the same parameters.</summary>
    public void ReadState(BinaryReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        _iteration = reader.ReadInt32();
        _histCount = reader.ReadInt32();
        _histStart = 0;
        for (int i = 0; i < _histCount; i++)
        {
            _histValue[i] = reader.ReadDouble();
            _histRaw[i] = reader.ReadDouble();
        }

        _hasParams = reader.ReadBoolean();
        _mean = reader.ReadDouble();
        _stdev = reader.ReadDouble();
        _windowCount = reader.ReadInt32();
        _windowStart = 0;
        for (int i = 0; i < _windowCount; i++)
        {
            _window[i] = reader.ReadDouble();
        }

        _total = reader.ReadDouble();
        _hasPreviousTail = reader.ReadBoolean();
        _previousTail = reader.ReadDouble();
    }

    private double MovingAverageStep(double x)
    {
        if (_windowCount == _averagingWindow)
        {
            _total -= _window[_windowStart];
            _window[_windowStart] = x;
            _windowStart = (_windowStart + 1) % _averagingWindow;
        }
        else
        {
            _window[(_windowStart + _windowCount) % _averagingWindow] = x;
            _windowCount++;
        }

        _total += x;
        return _total / _windowCount;
    }

    private void Estimate(int skip)
    {
        _windowStart = 0;
        _windowCount = 0;
        _total = 0.0;
        int n = _histCount;
        var averages = _scratchA.AsSpan(0, n);
        for (int i = 0; i < n; i++)
        {
            averages[i] = MovingAverageStep(_histRaw[(_histStart + i) % _historicWindow]);
        }

        bool isNull = true;
        if (n > skip)
        {
            var (mean, variance) = FitNormal(averages[skip..], _scratchC);
            _mean = Math.Max(mean, 0.03);
            variance = Math.Max(variance, 0.0003);
            _stdev = variance > 0 ? Math.Sqrt(variance) : 0.0;
            var values = _scratchB.AsSpan(0, n);
            for (int i = 0; i < n; i++)
            {
                values[i] = _histValue[(_histStart + i) % _historicWindow];
            }

            var (_, valueVariance) = FitNormal(values[skip..], _scratchC);
            isNull = valueVariance < 1.5e-5;
        }

        if (isNull)
        {
            _mean = NullMean;
            _stdev = NullStdev;
        }

        // Only the last tail ("previous" of the next update) matters for the output.
        _hasPreviousTail = n > 0;
        _previousTail = n > 0 ? Tail(averages[n - 1], _mean, _stdev, _twoSided) : 0.0;
        _hasParams = true;
    }

    // Population mean and variance as NumPy computes them (two passes, pairwise sums).
    private static (double Mean, double Variance) FitNormal(ReadOnlySpan<double> x, double[] scratch)
    {
        double mean = NumpyStatistics.Mean(x);
        var squares = scratch.AsSpan(0, x.Length);
        for (int i = 0; i < x.Length; i++)
        {
            double d = x[i] - mean;
            squares[i] = d * d;
        }

        return (mean, NumpyStatistics.Sum(squares) / x.Length);
    }

    private double Update(double raw)
    {
        double a = MovingAverageStep(raw);
        double p = Tail(a, _mean, _stdev, _twoSided);
        bool previousRed = _hasPreviousTail && !(_previousTail > RedThreshold);
        _previousTail = p;
        _hasPreviousTail = true;
        return p <= RedThreshold && previousRed ? YellowThreshold : p;
    }
}
