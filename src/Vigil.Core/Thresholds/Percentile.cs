namespace Vigil.Thresholds;

/// <summary>Percentiles computed as <c>scipy.stats.scoreatpercentile</c> (and NumPy's default "linear" method) compute them.</summary>
/// <remarks>
/// The values are sorted; the virtual index is <c>p / 100 * (n - 1)</c>; the result interpolates linearly between the
/// two neighbouring order statistics as <c>a + (b - a) * fraction</c> (scipy's <c>_interpolate</c>). Pure functions: thread-safe.
/// </remarks>
public static class Percentile
{
    /// <summary>The <paramref name="percent"/>-th percentile of <paramref name="values"/>.</summary>
    /// <param name="values">The data, any order; left unchanged. Must not be empty or contain NaN.</param>
    /// <param name="percent">In [0, 100]; 99 gives the 99th percentile.</param>
    public static double Of(ReadOnlySpan<double> values, double percent)
    {
        if (values.IsEmpty)
        {
            throw new ArgumentException("The percentile of no values is undefined.", nameof(values));
        }

        var sorted = values.ToArray();
        Array.Sort(sorted);
        return OfSorted(sorted, percent);
    }

    /// <summary>The <paramref name="percent"/>-th percentile of values already sorted ascending.</summary>
    /// <param name="sorted">Ascending values; must not be empty.</param>
    /// <param name="percent">In [0, 100].</param>
    public static double OfSorted(ReadOnlySpan<double> sorted, double percent)
    {
        if (sorted.IsEmpty)
        {
            throw new ArgumentException("The percentile of no values is undefined.", nameof(sorted));
        }

        if (!(percent >= 0.0 && percent <= 100.0))
        {
            throw new ArgumentOutOfRangeException(nameof(percent), percent, "The percentile must lie in [0, 100].");
        }

        double index = percent / 100.0 * (sorted.Length - 1);
        int lower = (int)Math.Floor(index);
        if (lower >= sorted.Length - 1)
        {
            return sorted[^1];
        }

        double fraction = index - lower;
        double a = sorted[lower];
        double b = sorted[lower + 1];
        return fraction == 0.0 ? a : a + (b - a) * fraction;
    }
}
