namespace Vigil.Thresholds;

/// <summary>The last N raw scores in arrival order and sorted, for the rolling calibrators.</summary>
/// <remarks>
/// Mean and variance come from running sums of the scores minus a shift (the first score), recomputed from the ring
/// once per N additions so rounding never accumulates.
/// </remarks>
internal sealed class RollingHistory
{
    private readonly double[] _ring;
    private readonly List<double> _sorted;
    private int _start;
    private double _shift = double.NaN;
    private double _sum;
    private double _sumSquares;
    private int _sinceRecompute;

    public RollingHistory(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _ring = new double[capacity];
        _sorted = new List<double>(capacity);
    }

    public int Capacity => _ring.Length;

    public int Count { get; private set; }

    public void Add(double x)
    {
        if (double.IsNaN(_shift))
        {
            _shift = x;
        }

        double d = x - _shift;
        _sum += d;
        _sumSquares += d * d;
        if (Count == _ring.Length)
        {
            double gone = _ring[_start];
            double g = gone - _shift;
            _sum -= g;
            _sumSquares -= g * g;
            _sorted.RemoveAt(_sorted.BinarySearch(gone) is var at && at >= 0 ? at : ~at);
            _ring[_start] = x;
            _start = (_start + 1) % _ring.Length;
        }
        else
        {
            _ring[(_start + Count) % _ring.Length] = x;
            Count++;
        }

        int i = _sorted.BinarySearch(x);
        _sorted.Insert(i >= 0 ? i : ~i, x);
        if (++_sinceRecompute >= _ring.Length)
        {
            Recompute();
        }
    }

    /// <summary>Number of kept scores ≤ x (upper bound by binary search).</summary>
    public int CountAtOrBelow(double x)
    {
        int lo = 0, hi = _sorted.Count;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (_sorted[mid] <= x)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    public (double Mean, double StandardDeviation) MeanAndStandardDeviation()
    {
        double m = _sum / Count;
        double variance = Math.Max(0.0, (_sumSquares / Count) - (m * m));
        return (_shift + m, Math.Sqrt(variance));
    }

    private void Recompute()
    {
        _sinceRecompute = 0;
        (_sum, _sumSquares) = (0.0, 0.0);
        for (int i = 0; i < Count; i++)
        {
            double d = _ring[(_start + i) % _ring.Length] - _shift;
            _sum += d;
            _sumSquares += d * d;
        }
    }

    public void WriteState(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(Count);
        for (int i = 0; i < Count; i++)
        {
            writer.Write(_ring[(_start + i) % _ring.Length]);
        }
    }

    public void ReadState(BinaryReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        int count = reader.ReadInt32();
        if (count < 0 || count > _ring.Length)
        {
            throw new InvalidDataException($"Calibrator history holds {count} scores; this calibrator keeps at most {_ring.Length}.");
        }

        (_start, Count, _shift, _sum, _sumSquares, _sinceRecompute) = (0, 0, double.NaN, 0.0, 0.0, 0);
        _sorted.Clear();
        for (int i = 0; i < count; i++)
        {
            Add(reader.ReadDouble());
        }
    }
}
