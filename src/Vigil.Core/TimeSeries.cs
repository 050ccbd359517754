namespace Vigil;

/// <summary>
/// An immutable, columnar, univariate time series. Values are always finite. Rows keep the order in
/// which they were read: Vigil never sorts a series, because corpora such as NAB contain repeated and
/// backward timestamps and are scored by row index.
/// </summary>
public sealed class TimeSeries
{
    private readonly DateTimeOffset[] _timestamps;
    private readonly double[] _values;
    private readonly int _offset;

    /// <summary>Creates a series from parallel arrays (copied).</summary>
    /// <param name="id">A name for the series, e.g. its file path relative to a corpus root.</param>
    /// <param name="timestamps">One timestamp per value.</param>
    /// <param name="values">Finite values.</param>
    /// <exception cref="ArgumentException">Lengths differ or a value is NaN or infinite.</exception>
    public TimeSeries(string id, ReadOnlySpan<DateTimeOffset> timestamps, ReadOnlySpan<double> values)
        : this(id, timestamps.ToArray(), values.ToArray(), validate: true)
    {
    }

    private TimeSeries(string id, DateTimeOffset[] timestamps, double[] values, bool validate, int offset = 0, int length = -1)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (timestamps.Length != values.Length)
        {
            throw new ArgumentException($"Series '{id}': {timestamps.Length} timestamps but {values.Length} values.");
        }

        if (validate)
        {
            for (int i = 0; i < values.Length; i++)
            {
                if (!double.IsFinite(values[i]))
                {
                    throw new ArgumentException($"Series '{id}': value at row {i} is {values[i]}; values must be finite.");
                }
            }
        }

        Id = id;
        _timestamps = timestamps;
        _values = values;
        _offset = offset;
        Length = length < 0 ? values.Length : length;
    }

    /// <summary>Wraps arrays the caller hands over and will never modify again (no copy).</summary>
    /// <remarks>Used by readers that already validated every value.</remarks>
    internal static TimeSeries Adopt(string id, DateTimeOffset[] timestamps, double[] values) =>
        new(id, timestamps, values, validate: false);

    /// <summary>A name for the series, e.g. <c>realKnownCause/nyc_taxi.csv</c>.</summary>
    public string Id { get; }

    /// <summary>Number of points.</summary>
    public int Length { get; }

    /// <summary>Timestamps in file order.</summary>
    public ReadOnlyMemory<DateTimeOffset> Timestamps => new(_timestamps, _offset, Length);

    /// <summary>Values in file order; all finite.</summary>
    public ReadOnlyMemory<double> Values => new(_values, _offset, Length);

    /// <summary>The point at <paramref name="index"/>.</summary>
    public Observation this[int index]
    {
        get
        {
            if ((uint)index >= (uint)Length)
            {
                throw new ArgumentOutOfRangeException(nameof(index), index, $"Series '{Id}' has {Length} points.");
            }

            return new Observation(_timestamps[_offset + index], _values[_offset + index]);
        }
    }

    /// <summary>A view of <paramref name="length"/> points starting at <paramref name="start"/> (no copy).</summary>
    public TimeSeries Slice(int start, int length)
    {
        if (start < 0 || length < 0 || start + length > Length)
        {
            throw new ArgumentOutOfRangeException(nameof(start), $"Slice [{start}, {start + length}) is outside series '{Id}' of length {Length}.");
        }

        return new TimeSeries(Id, _timestamps, _values, validate: false, _offset + start, length);
    }

    /// <summary>The smallest value, or NaN for an empty series.</summary>
    public double Min()
    {
        var span = Values.Span;
        double min = span.Length == 0 ? double.NaN : span[0];
        foreach (double v in span)
        {
            min = Math.Min(min, v);
        }

        return min;
    }

    /// <summary>The largest value, or NaN for an empty series.</summary>
    public double Max()
    {
        var span = Values.Span;
        double max = span.Length == 0 ? double.NaN : span[0];
        foreach (double v in span)
        {
            max = Math.Max(max, v);
        }

        return max;
    }

    /// <summary>Enumerates the points in order.</summary>
    public IEnumerable<Observation> Observations()
    {
        for (int i = 0; i < Length; i++)
        {
            yield return new Observation(_timestamps[_offset + i], _values[_offset + i]);
        }
    }
}
