namespace Vigil.Features;

/// <summary>
/// Named, fixed feature sets in the spirit of tsfresh's minimal and efficient sets:
/// <c>basic</c> (location, spread, shape and trend), <c>spectral</c> (energy, autocorrelation, band powers),
/// <c>all</c> (both) and <c>raw</c> (the window's values).
/// </summary>
public static class FeatureSets
{
    /// <summary>The set names, in documentation order.</summary>
    public static IReadOnlyList<string> Names { get; } = ["basic", "spectral", "all", "raw"];

    /// <summary>
    /// mean, std, min, max, median, quantiles 0.05/0.25/0.75/0.95, range, slope, last-minus-mean, last-z,
    /// skewness, kurtosis, peaks, crossing-rate (17 columns).
    /// </summary>
    public static IReadOnlyList<IFeatureExtractor> Basic { get; } =
    [
        Features.Mean, Features.StandardDeviation, Features.Min, Features.Max, Features.Median,
        Features.Quantiles(0.05, 0.25, 0.75, 0.95), Features.Range, Features.Slope, Features.LastMinusMean,
        Features.LastZScore, Features.Skewness, Features.Kurtosis, Features.PeakCount, Features.CrossingRate,
    ];

    /// <summary>energy, autocorrelation at lags 1, 2, 5 and 10, and 4 spectral band powers (9 columns).</summary>
    public static IReadOnlyList<IFeatureExtractor> Spectral { get; } =
    [
        Features.Energy, Features.Autocorrelation(1, 2, 5, 10), Features.BandPowers(4),
    ];

    /// <summary>
    /// The set named <paramref name="name"/> (case-insensitive). <c>raw</c> needs the row window size
    /// <paramref name="rawSize"/>, and <paramref name="normalizeRaw"/> z-normalises each window.
    /// </summary>
    /// <exception cref="ArgumentException">Unknown name, or <c>raw</c> without a window size (e.g. for time windows).</exception>
    public static IReadOnlyList<IFeatureExtractor> Get(string name, int? rawSize = null, bool normalizeRaw = false)
    {
        ArgumentNullException.ThrowIfNull(name);
        switch (name.ToLowerInvariant())
        {
            case "basic":
                return Basic;
            case "spectral":
                return Spectral;
            case "all":
                return [.. Basic, .. Spectral];
            case "raw":
                if (rawSize is not { } size)
                {
                    throw new ArgumentException("The 'raw' feature set needs a fixed number of values per window: use row windows (a window size in points).", nameof(rawSize));
                }

                return [Features.Raw(size, normalizeRaw)];
            default:
                throw new ArgumentException($"Unknown feature set '{name}'; expected one of {string.Join(", ", Names)}.", nameof(name));
        }
    }
}
