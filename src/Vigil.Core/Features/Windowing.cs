using Vigil.Windows;

namespace Vigil.Features;

/// <summary>Cuts a series into right-aligned, causal windows and extracts features from each.</summary>
/// <remarks>
/// <code>FeatureMatrix m = Windowing.Featurize(series, new WindowSpec(32), [Features.Mean, Features.Slope]);</code>
/// The window ending at row <c>t</c> covers rows <c>t-Size+1..t</c> and its row carries <c>Timestamps[t]</c>; no
/// window ever sees a point after its end. A series shorter than one window gives a matrix with no rows.
/// Thread-safe; the extraction itself allocates nothing per window.
/// </remarks>
public static class Windowing
{
    /// <summary>Features of every row window of <paramref name="series"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Size or stride below 1.</exception>
    /// <exception cref="ArgumentException">No extractors, or a raw extractor whose width differs from the window size.</exception>
    public static FeatureMatrix Featurize(TimeSeries series, WindowSpec spec, IReadOnlyList<IFeatureExtractor> extractors)
    {
        ArgumentNullException.ThrowIfNull(series);
        return Featurize(series.Values.Span, series.Timestamps.Span, spec, extractors);
    }

    /// <summary>
    /// Features of every row window of raw <paramref name="values"/>; row timestamps are <c>default</c>.
    /// Unlike a <see cref="TimeSeries"/>, a span may hold NaN or infinities: they are rejected with the index of the first.
    /// </summary>
    /// <exception cref="ArgumentException">A value is not finite, or as <see cref="Featurize(TimeSeries, WindowSpec, IReadOnlyList{IFeatureExtractor})"/>.</exception>
    public static FeatureMatrix Featurize(ReadOnlySpan<double> values, WindowSpec spec, IReadOnlyList<IFeatureExtractor> extractors)
    {
        for (int i = 0; i < values.Length; i++)
        {
            if (!double.IsFinite(values[i]))
            {
                throw new ArgumentException($"Value at index {i} is {values[i]}; windows need finite values (NaN inside a window has no defined features).", nameof(values));
            }
        }

        return Featurize(values, ReadOnlySpan<DateTimeOffset>.Empty, spec, extractors);
    }

    /// <summary>Features of every time window of <paramref name="series"/>, under the skip gap policy of <see cref="TimeWindowSpec"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A non-positive window or step.</exception>
    /// <exception cref="ArgumentException">No extractors, a fixed-width raw extractor, or a backward timestamp.</exception>
    public static FeatureMatrix Featurize(TimeSeries series, TimeWindowSpec spec, IReadOnlyList<IFeatureExtractor> extractors)
    {
        ArgumentNullException.ThrowIfNull(series);
        var names = ColumnNames(extractors);
        if (extractors.Any(e => e is RawExtractor))
        {
            throw new ArgumentException("Raw window values need a fixed number of points per window; use row windows for the 'raw' features.", nameof(extractors));
        }

        var bounds = TimeWindows(series, spec);
        var values = series.Values.Span;
        var data = new double[bounds.Count * names.Length];
        var timestamps = new DateTimeOffset[bounds.Count];
        var ends = new int[bounds.Count];
        for (int r = 0; r < bounds.Count; r++)
        {
            var (start, end, time) = bounds[r];
            Extract(values[start..(end + 1)], extractors, data.AsSpan(r * names.Length, names.Length));
            timestamps[r] = time;
            ends[r] = end;
        }

        return new FeatureMatrix(names, timestamps, ends, data);
    }

    /// <summary>
    /// The time windows of <paramref name="series"/>: for each emitted window, the first and last row it holds
    /// (inclusive) and its end on the grid. See <see cref="TimeWindowSpec"/> for the grid and the gap policy.
    /// </summary>
    public static IReadOnlyList<(int Start, int End, DateTimeOffset EndTime)> TimeWindows(TimeSeries series, TimeWindowSpec spec)
    {
        ArgumentNullException.ThrowIfNull(series);
        spec.EnsureValid();
        var t = series.Timestamps.Span;
        for (int i = 1; i < t.Length; i++)
        {
            if (t[i] < t[i - 1])
            {
                throw new ArgumentException($"Series '{series.Id}': timestamp at row {i} ({t[i]:O}) is before the previous one; time windows need non-decreasing timestamps.", nameof(series));
            }
        }

        var result = new List<(int, int, DateTimeOffset)>();
        if (t.Length == 0)
        {
            return result;
        }

        var first = t[0];
        var last = t[^1];
        int start = 0, end = -1;   // rows in (e - Window, e] are start..end
        for (long k = 0; ; k++)
        {
            var e = first + TimeSpan.FromTicks(checked(spec.Step.Ticks * k));
            if (e > last)
            {
                break;
            }

            while (end + 1 < t.Length && t[end + 1] <= e)
            {
                end++;
            }

            var windowStart = e - spec.Window;
            while (start <= end && t[start] <= windowStart)
            {
                start++;
            }

            if (windowStart >= first && end - start + 1 >= spec.MinPoints)
            {
                result.Add((start, end, e));
            }
        }

        return result;
    }

    private static FeatureMatrix Featurize(ReadOnlySpan<double> values, ReadOnlySpan<DateTimeOffset> timestamps, WindowSpec spec, IReadOnlyList<IFeatureExtractor> extractors)
    {
        spec.EnsureValid();
        var names = ColumnNames(extractors);
        foreach (var extractor in extractors)
        {
            if (extractor is RawExtractor && extractor.Width != spec.Size)
            {
                throw new ArgumentException($"The raw extractor writes {extractor.Width} values but windows hold {spec.Size}.", nameof(extractors));
            }
        }

        int rows = spec.Count(values.Length);
        var data = new double[rows * names.Length];
        var stamps = new DateTimeOffset[rows];
        var ends = new int[rows];
        for (int r = 0; r < rows; r++)
        {
            int end = spec.EndOf(r);
            Extract(values.Slice(spec.StartOf(r), spec.Size), extractors, data.AsSpan(r * names.Length, names.Length));
            stamps[r] = timestamps.IsEmpty ? default : timestamps[end];
            ends[r] = end;
        }

        return new FeatureMatrix(names, stamps, ends, data);
    }

    private static string[] ColumnNames(IReadOnlyList<IFeatureExtractor> extractors)
    {
        ArgumentNullException.ThrowIfNull(extractors);
        if (extractors.Count == 0)
        {
            throw new ArgumentException("At least one feature extractor is needed.", nameof(extractors));
        }

        return extractors.SelectMany(Features.ColumnNames).ToArray();
    }

    private static void Extract(ReadOnlySpan<double> window, IReadOnlyList<IFeatureExtractor> extractors, Span<double> row)
    {
        // Indexing, not foreach: enumerating an IReadOnlyList through the interface allocates.
        int offset = 0;
        for (int i = 0; i < extractors.Count; i++)
        {
            var extractor = extractors[i];
            extractor.Extract(window, row.Slice(offset, extractor.Width));
            offset += extractor.Width;
        }
    }
}
