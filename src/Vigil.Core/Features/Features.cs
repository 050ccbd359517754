using static Vigil.Features.WindowStatistics;

namespace Vigil.Features;

/// <summary>
/// The built-in feature extractors. Unless stated otherwise, statistics are population statistics over the
/// window's values in time order, and degenerate windows (one value, or all values equal) give 0 where a
/// ratio would divide by zero, never NaN.
/// </summary>
public static class Features
{
    /// <summary>Arithmetic mean.</summary>
    public static IFeatureExtractor Mean { get; } = new ScalarExtractor("mean", WindowStatistics.Mean);

    /// <summary>Population standard deviation (ddof = 0).</summary>
    public static IFeatureExtractor StandardDeviation { get; } = new ScalarExtractor("std", x => Math.Sqrt(Variance(x, WindowStatistics.Mean(x))));

    /// <summary>Smallest value.</summary>
    public static IFeatureExtractor Min { get; } = new ScalarExtractor("min", x => { double m = x[0]; foreach (double v in x) { m = Math.Min(m, v); } return m; });

    /// <summary>Largest value.</summary>
    public static IFeatureExtractor Max { get; } = new ScalarExtractor("max", x => { double m = x[0]; foreach (double v in x) { m = Math.Max(m, v); } return m; });

    /// <summary>Median (NumPy's linear interpolation between the two middle values).</summary>
    public static IFeatureExtractor Median { get; } = new ScalarExtractor("median", x => Quantile(Sorted(x), 0.5));

    /// <summary>Largest minus smallest value.</summary>
    public static IFeatureExtractor Range { get; } = new ScalarExtractor("range", x =>
    {
        double lo = x[0], hi = x[0];
        foreach (double v in x)
        {
            lo = Math.Min(lo, v);
            hi = Math.Max(hi, v);
        }

        return hi - lo;
    });

    /// <summary>Least-squares slope of the values against their position 0..n-1 (per row); 0 for one value.</summary>
    public static IFeatureExtractor Slope { get; } = new ScalarExtractor("slope", x =>
    {
        int n = x.Length;
        if (n < 2)
        {
            return 0.0;
        }

        double meanT = (n - 1) / 2.0, meanX = WindowStatistics.Mean(x), sxy = 0, stt = 0;
        for (int t = 0; t < n; t++)
        {
            double dt = t - meanT;
            sxy += dt * (x[t] - meanX);
            stt += dt * dt;
        }

        return sxy / stt;
    });

    /// <summary>Last value minus the window's mean.</summary>
    public static IFeatureExtractor LastMinusMean { get; } = new ScalarExtractor("last-minus-mean", x => x[^1] - WindowStatistics.Mean(x));

    /// <summary>z-score of the last value under the window's mean and population deviation; 0 when the deviation is 0.</summary>
    public static IFeatureExtractor LastZScore { get; } = new ScalarExtractor("last-z", x =>
    {
        double mean = WindowStatistics.Mean(x);
        double sd = Math.Sqrt(Variance(x, mean));
        return sd > 0 ? (x[^1] - mean) / sd : 0.0;
    });

    /// <summary>Population skewness <c>m3 / m2^1.5</c> (SciPy's <c>skew</c>, biased); 0 when the deviation is 0.</summary>
    public static IFeatureExtractor Skewness { get; } = new ScalarExtractor("skewness", x =>
    {
        var (m2, m3, _) = CentralMoments(x);
        return m2 > 0 ? m3 / Math.Pow(m2, 1.5) : 0.0;
    });

    /// <summary>Excess kurtosis <c>m4 / m2² − 3</c> (SciPy's Fisher <c>kurtosis</c>, biased); 0 when the deviation is 0.</summary>
    public static IFeatureExtractor Kurtosis { get; } = new ScalarExtractor("kurtosis", x =>
    {
        var (m2, _, m4) = CentralMoments(x);
        return m2 > 0 ? m4 / (m2 * m2) - 3.0 : 0.0;
    });

    /// <summary>Energy: the sum of squared values (tsfresh's <c>abs_energy</c>).</summary>
    public static IFeatureExtractor Energy { get; } = new ScalarExtractor("energy", x =>
    {
        double sum = 0;
        foreach (double v in x)
        {
            sum += v * v;
        }

        return sum;
    });

    /// <summary>Number of strict local maxima: values greater than both neighbours (tsfresh's <c>number_peaks</c> with n = 1).</summary>
    public static IFeatureExtractor PeakCount { get; } = new ScalarExtractor("peaks", x =>
    {
        int peaks = 0;
        for (int i = 1; i < x.Length - 1; i++)
        {
            if (x[i] > x[i - 1] && x[i] > x[i + 1])
            {
                peaks++;
            }
        }

        return peaks;
    });

    /// <summary>Mean-crossing rate: the fraction of consecutive pairs that lie on opposite sides of the window's mean.</summary>
    public static IFeatureExtractor CrossingRate { get; } = new ScalarExtractor("crossing-rate", x =>
    {
        if (x.Length < 2)
        {
            return 0.0;
        }

        double mean = WindowStatistics.Mean(x);
        int crossings = 0;
        for (int i = 1; i < x.Length; i++)
        {
            if ((x[i - 1] > mean) != (x[i] > mean))
            {
                crossings++;
            }
        }

        return crossings / (double)(x.Length - 1);
    });

    /// <summary>Quantiles at the given levels in [0, 1] (NumPy's linear interpolation); one column per level.</summary>
    public static IFeatureExtractor Quantiles(params double[] levels)
    {
        ArgumentNullException.ThrowIfNull(levels);
        return new QuantileExtractor((double[])levels.Clone());
    }

    /// <summary>Autocorrelation at the given lags (each ≥ 1): <c>Σ(x_t−m)(x_{t+k}−m) / Σ(x_t−m)²</c>; 0 for a lag ≥ the window or a constant window.</summary>
    public static IFeatureExtractor Autocorrelation(params int[] lags)
    {
        ArgumentNullException.ThrowIfNull(lags);
        return new AutocorrelationExtractor((int[])lags.Clone());
    }

    /// <summary>
    /// Spectral band powers: the one-sided power spectrum (FFT) of the mean-removed window, zero-padded to a power
    /// of two, summed over <paramref name="bands"/> equal-width frequency bands up to Nyquist. The bands sum to the
    /// window's population variance (Parseval).
    /// </summary>
    public static IFeatureExtractor BandPowers(int bands) => new BandPowerExtractor(bands);

    /// <summary>The raw window values (<paramref name="size"/> of them), optionally z-normalised within the window (a constant window is only centred).</summary>
    public static IFeatureExtractor Raw(int size, bool normalize = false)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        return new RawExtractor(size, normalize);
    }

    /// <summary>Column names of <paramref name="extractor"/>: its own, else <c>name</c> or <c>name-0..name-(w-1)</c>.</summary>
    public static IReadOnlyList<string> ColumnNames(IFeatureExtractor extractor)
    {
        ArgumentNullException.ThrowIfNull(extractor);
        if (extractor is INamedColumns named)
        {
            return named.ColumnNames;
        }

        return extractor.Width == 1 ? [extractor.Name] : Enumerable.Range(0, extractor.Width).Select(i => $"{extractor.Name}-{i}").ToArray();
    }

    private static (double M2, double M3, double M4) CentralMoments(ReadOnlySpan<double> x)
    {
        double mean = WindowStatistics.Mean(x), m2 = 0, m3 = 0, m4 = 0;
        foreach (double v in x)
        {
            double d = v - mean, d2 = d * d;
            m2 += d2;
            m3 += d2 * d;
            m4 += d2 * d2;
        }

        return (m2 / x.Length, m3 / x.Length, m4 / x.Length);
    }
}
