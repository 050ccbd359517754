namespace Vigil.Detectors.Htm.Encoders;

/// <summary>
/// NuPIC's Random Distributed Scalar Encoder (RDSE): each bucket of width <c>resolution</c> gets w random bits
/// out of n, adjacent buckets share w − 1 bits and distant buckets at most <c>maxOverlap</c> bits.
/// </summary>
/// <remarks>
/// Specified in docs htm.md §4.2. Buckets are created lazily, one step outward from the current range, each
/// a copy of its neighbour with one slot (index mod w) redrawn until the overlap rules hold; the first value
/// seen becomes the centre bucket. The random draws happen only when the range grows, so the stream depends
/// on the order in which new extremes appear. Not thread-safe.
/// </remarks>
public sealed class RandomDistributedScalarEncoder
{
    private const int MaxBuckets = 1000;
    private readonly int _n;
    private readonly int _w;
    private readonly int _maxOverlap;
    private readonly NupicRandom _rng;
    private readonly int[]?[] _buckets = new int[MaxBuckets][];
    private readonly bool[] _scratchMember;
    private int _minIndex;
    private int _maxIndex;
    private double _offset = double.NaN;

    /// <summary>Creates the encoder and its centre bucket.</summary>
    /// <param name="resolution">Value width of a bucket (positive, finite).</param>
    /// <param name="n">Total bits (NAB: 400).</param>
    /// <param name="w">Active bits, odd (NAB: 21).</param>
    /// <param name="seed">Seed of the encoder's <see cref="NupicRandom"/> (NAB: 42).</param>
    /// <param name="maxOverlap">Most bits buckets at least w apart may share (NAB: 2).</param>
    public RandomDistributedScalarEncoder(double resolution, int n = 400, int w = 21, ulong seed = 42, int maxOverlap = 2)
    {
        if (!(resolution > 0) || !double.IsFinite(resolution))
        {
            throw new ArgumentOutOfRangeException(nameof(resolution), resolution, "The resolution must be positive and finite.");
        }

        if (w < 1 || w % 2 == 0 || n <= 6 * w)
        {
            throw new ArgumentOutOfRangeException(nameof(n), n, "The RDSE needs an odd w and n > 6·w.");
        }

        Resolution = resolution;
        _n = n;
        _w = w;
        _maxOverlap = maxOverlap;
        _rng = new NupicRandom(seed);
        _scratchMember = new bool[n];
        _minIndex = _maxIndex = MaxBuckets / 2;
        var perm = new int[n];
        for (int i = 0; i < n; i++)
        {
            perm[i] = i;
        }

        _rng.Shuffle(perm);
        _buckets[MaxBuckets / 2] = perm[..w];
    }

    /// <summary>Value width of one bucket.</summary>
    public double Resolution { get; }

    /// <summary>Total bits of an encoding.</summary>
    public int Size => _n;

    /// <summary>Active bits of an encoding.</summary>
    public int Width => _w;

    /// <summary>The bucket index <paramref name="value"/> falls in; the first value ever seen fixes the centre.</summary>
    public int BucketIndex(double value)
    {
        if (double.IsNaN(_offset))
        {
            _offset = value;
        }

        // Python 2 round(): half away from zero on the exact double quotient.
        double rounded = Math.Round((value - _offset) / Resolution, MidpointRounding.AwayFromZero);
        double index = (MaxBuckets / 2) + rounded;
        return index < 0 ? 0 : index > MaxBuckets - 1 ? MaxBuckets - 1 : (int)index;
    }

    /// <summary>The bit positions of bucket <paramref name="index"/> in creation order, creating it if needed.</summary>
    public ReadOnlySpan<int> Bucket(int index)
    {
        if (_buckets[index] is null)
        {
            Create(index);
        }

        return _buckets[index];
    }

    /// <summary>Writes the w active bits (plus <paramref name="offset"/>) of <paramref name="value"/>.</summary>
    public void Encode(double value, Span<int> destination, int offset = 0)
    {
        var bits = Bucket(BucketIndex(value));
        for (int i = 0; i < bits.Length; i++)
        {
            destination[i] = bits[i] + offset;
        }
    }

    /// <summary>Writes the encoder's state: offset, bucket range and every bucket.</summary>
    public void WriteState(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        _rng.WriteState(writer);
        writer.Write(_offset);
        writer.Write(_minIndex);
        writer.Write(_maxIndex);
        for (int i = _minIndex; i <= _maxIndex; i++)
        {
            foreach (int b in _buckets[i]!)
            {
                writer.Write(b);
            }
        }
    }

    /// <summary>Reads state written by <see cref="WriteState"/> into an encoder built with the same parameters.</summary>
    public void ReadState(BinaryReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        _rng.ReadState(reader);
        _offset = reader.ReadDouble();
        _minIndex = reader.ReadInt32();
        _maxIndex = reader.ReadInt32();
        Array.Clear(_buckets);
        for (int i = _minIndex; i <= _maxIndex; i++)
        {
            var bits = new int[_w];
            for (int k = 0; k < _w; k++)
            {
                bits[k] = reader.ReadInt32();
            }

            _buckets[i] = bits;
        }
    }

    private void Create(int index)
    {
        // Implementation note: iterative form of the reference's recursion; it creates the same buckets in
        // the same order (one step outward from the current edge at a time).
        while (index < _minIndex)
        {
            int next = _minIndex - 1;
            _buckets[next] = NewRepresentation(_minIndex, next);
            _minIndex = next;
        }

        while (index > _maxIndex)
        {
            int next = _maxIndex + 1;
            _buckets[next] = NewRepresentation(_maxIndex, next);
            _maxIndex = next;
        }
    }

    private int[] NewRepresentation(int from, int newIndex)
    {
        var source = _buckets[from]!;
        var rep = (int[])source.Clone();
        int slot = newIndex % _w;
        foreach (int b in source)
        {
            _scratchMember[b] = true;
        }

        try
        {
            while (true)
            {
                int b = (int)_rng.GetUInt32((uint)_n);
                rep[slot] = b;
                if (!_scratchMember[b] && OverlapsOk(rep, newIndex))
                {
                    return rep;
                }
            }
        }
        finally
        {
            foreach (int b in source)
            {
                _scratchMember[b] = false;
            }
        }
    }

    private bool OverlapsOk(int[] rep, int newIndex)
    {
        for (int j = _minIndex; j <= _maxIndex; j++)
        {
            int overlap = 0;
            foreach (int b in _buckets[j]!)
            {
                if (Array.IndexOf(rep, b) >= 0)
                {
                    overlap++;
                }
            }

            int distance = Math.Abs(j - newIndex);
            if (distance < _w ? overlap != _w - distance : overlap > _maxOverlap)
            {
                return false;
            }
        }

        return true;
    }
}
