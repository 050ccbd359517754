namespace Vigil.Thresholds;

/// <summary>
/// The rise of each score above the smallest of the previous N: <c>max(0, x_t − min(x_{t−N}, …, x_{t−1}))</c>, 0 for
/// the first score. Causal, row by row; one instance per series; not thread-safe.
/// </summary>
/// <remarks>
/// A detector that scores the window ending at t keeps every window holding an anomaly unusual, so its raw score stays
/// high for a window's length after the anomaly appears (and for good after a level that stays unusual). The rise keeps
/// the step up and lets a plateau fall back to 0: the trailing minimum is the score's own recent floor. The last N
/// scores are kept in a ring and scanned for the minimum, O(N) per row, which for the windows this is used with (tens of
/// rows) costs less than a branchy monotone queue.
/// </remarks>
internal sealed class ScoreRise
{
    private readonly double[] _ring;
    private int _next;
    private int _count;

    /// <summary>A rise over the previous <paramref name="window"/> scores.</summary>
    public ScoreRise(int window)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(window, 1);
        _ring = new double[window];
    }

    /// <summary>The rise of <paramref name="x"/>; <paramref name="x"/> then joins the previous scores.</summary>
    public double Step(double x)
    {
        double rise = 0.0;
        if (_count > 0)
        {
            double floor = double.PositiveInfinity;
            foreach (double previous in _ring.AsSpan(0, _count))
            {
                floor = Math.Min(floor, previous);
            }

            rise = Math.Max(0.0, x - floor);
        }

        _ring[_next] = x;
        _next = (_next + 1) % _ring.Length;
        _count = Math.Min(_count + 1, _ring.Length);
        return rise;
    }

    /// <summary>Writes the previous scores.</summary>
    public void WriteState(BinaryWriter writer)
    {
        writer.Write(_ring.Length);
        writer.Write(_count);
        writer.Write(_next);
        foreach (double x in _ring)
        {
            writer.Write(x);
        }
    }

    /// <summary>Reads what <see cref="WriteState"/> wrote for the same window.</summary>
    /// <exception cref="InvalidDataException">The state was written for another window, or is damaged.</exception>
    public void ReadState(BinaryReader reader)
    {
        int window = reader.ReadInt32();
        int count = reader.ReadInt32();
        int next = reader.ReadInt32();
        if (window != _ring.Length || count < 0 || count > window || next < 0 || next >= window)
        {
            throw new InvalidDataException($"The rise state is for a window of {window} rows, not {_ring.Length}, or is damaged.");
        }

        _count = count;
        _next = next;
        for (int i = 0; i < _ring.Length; i++)
        {
            _ring[i] = reader.ReadDouble();
        }
    }
}
