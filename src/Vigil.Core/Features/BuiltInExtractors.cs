using System.Globalization;
using static Vigil.Features.WindowStatistics;

namespace Vigil.Features;

/// <summary>An extractor that names its columns itself (otherwise they are <c>name</c> or <c>name-i</c>).</summary>
internal interface INamedColumns
{
    IReadOnlyList<string> ColumnNames { get; }
}

/// <summary>A one-column extractor from a static function.</summary>
internal sealed class ScalarExtractor(string name, ScalarExtractor.Compute compute) : IFeatureExtractor
{
    public delegate double Compute(ReadOnlySpan<double> window);

    public string Name => name;

    public int Width => 1;

    public void Extract(ReadOnlySpan<double> window, Span<double> destination) => destination[0] = compute(window);

    public override string ToString() => name;
}

internal sealed class QuantileExtractor : IFeatureExtractor, INamedColumns
{
    private readonly double[] _levels;

    public QuantileExtractor(double[] levels)
    {
        foreach (double q in levels)
        {
            if (!(q is >= 0.0 and <= 1.0))
            {
                throw new ArgumentOutOfRangeException(nameof(levels), q, "Quantile levels must be in [0, 1].");
            }
        }

        _levels = levels;
        ColumnNames = levels.Select(q => "quantile-" + q.ToString("0.###", CultureInfo.InvariantCulture)).ToArray();
    }

    public string Name => "quantile";

    public int Width => _levels.Length;

    public IReadOnlyList<string> ColumnNames { get; }

    public void Extract(ReadOnlySpan<double> window, Span<double> destination)
    {
        var sorted = Sorted(window);
        for (int i = 0; i < _levels.Length; i++)
        {
            destination[i] = Quantile(sorted, _levels[i]);
        }
    }
}

internal sealed class AutocorrelationExtractor : IFeatureExtractor, INamedColumns
{
    private readonly int[] _lags;

    public AutocorrelationExtractor(int[] lags)
    {
        if (lags.Any(l => l < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(lags), "Autocorrelation lags must be at least 1.");
        }

        _lags = lags;
        ColumnNames = lags.Select(l => "autocorrelation-" + l.ToString(CultureInfo.InvariantCulture)).ToArray();
    }

    public string Name => "autocorrelation";

    public int Width => _lags.Length;

    public IReadOnlyList<string> ColumnNames { get; }

    public void Extract(ReadOnlySpan<double> window, Span<double> destination)
    {
        double mean = Mean(window);
        double denominator = Variance(window, mean) * window.Length;
        for (int i = 0; i < _lags.Length; i++)
        {
            int lag = _lags[i];
            if (lag >= window.Length || denominator == 0.0)
            {
                destination[i] = 0.0;
                continue;
            }

            double sum = 0;
            for (int t = 0; t + lag < window.Length; t++)
            {
                sum += (window[t] - mean) * (window[t + lag] - mean);
            }

            destination[i] = sum / denominator;
        }
    }
}

internal sealed class BandPowerExtractor : IFeatureExtractor
{
    private readonly int _bands;

    public BandPowerExtractor(int bands)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bands, 1);
        _bands = bands;
    }

    public string Name => "band-power";

    public int Width => _bands;

    public void Extract(ReadOnlySpan<double> window, Span<double> destination)
    {
        int bins = PowerSpectrum(window, out var power);
        destination[.._bands].Clear();
        for (int k = 0; k < bins; k++)
        {
            // Bin k (frequency (k+1)/N) falls into band floor(k * bands / bins): equal-width bands up to Nyquist.
            destination[(int)((long)k * _bands / bins)] += power[k];
        }
    }
}

internal sealed class RawExtractor(int size, bool normalize) : IFeatureExtractor
{
    public string Name => normalize ? "raw-z" : "raw";

    public int Width => size;

    public void Extract(ReadOnlySpan<double> window, Span<double> destination)
    {
        if (window.Length != size)
        {
            throw new ArgumentException($"The raw extractor was built for windows of {size} values, got {window.Length}.", nameof(window));
        }

        if (!normalize)
        {
            window.CopyTo(destination);
            return;
        }

        double mean = Mean(window);
        double sd = Math.Sqrt(Variance(window, mean));
        double scale = sd > 0 ? 1.0 / sd : 1.0;   // a constant window is only centred
        for (int i = 0; i < size; i++)
        {
            destination[i] = (window[i] - mean) * scale;
        }
    }
}
