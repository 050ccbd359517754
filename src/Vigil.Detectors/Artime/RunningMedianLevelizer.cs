namespace Vigil.Detectors.Artime;

/// <summary>
/// ARTime's running median of quantised levels: a histogram over levels 0..<c>levels</c> and a median pointer
/// moved one occupied bin at a time, as ARTimeNAB.jl's <c>process_sample!</c> keeps it (<c>medbin</c>,
/// <c>medlevel</c>, <c>belowmed</c>, <c>abovemed</c>).
/// </summary>
/// <remarks>
/// <para>
/// The pointer starts at the first level. After each new level, <c>belowmed</c>/<c>abovemed</c> count the values
/// strictly below/above the pointer's bin (a value equal to the median level counts in neither). When more than
/// ⌊count/2⌋ values lie above, the pointer moves up to the next occupied bin (or down, symmetrically, when more
/// lie below); it moves at most one occupied bin per value, so it is an approximate, lagging median, exactly as in
/// the reference.
/// </para>
/// <para>Not thread-safe.</para>
/// </remarks>
internal sealed class RunningMedianLevelizer
{
    private readonly int[] _bins;

    /// <summary>Creates a levelizer over levels 0..<paramref name="levels"/>.</summary>
    public RunningMedianLevelizer(int levels)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(levels, 1);
        Levels = levels;
        _bins = new int[levels + 1];
    }

    /// <summary>The highest level.</summary>
    public int Levels { get; }

    /// <summary>Levels added so far (the reference's <c>dsi</c> at the time of the last add).</summary>
    public int Count { get; private set; }

    /// <summary>The current median level.</summary>
    public int Median { get; private set; }

    /// <summary>Values added that lie strictly below the median bin's level.</summary>
    public int BelowMedian { get; private set; }

    /// <summary>Values added that lie strictly above the median bin's level.</summary>
    public int AboveMedian { get; private set; }

    /// <summary>Adds a level (0..<see cref="Levels"/>) and returns the updated median level.</summary>
    public int Add(int level)
    {
        if ((uint)level > (uint)Levels)
        {
            throw new ArgumentOutOfRangeException(nameof(level), level, $"Levels run from 0 to {Levels}.");
        }

        _bins[level]++;
        Count++;
        int half = Count / 2;
        if (Count == 1)
        {
            Median = level;
        }

        if (Median > level)
        {
            BelowMedian++;
        }
        else if (Median < level)
        {
            AboveMedian++;
        }

        if (half < AboveMedian)
        {
            BelowMedian += _bins[Median];
            Median++;
            while (_bins[Median] == 0)
            {
                Median++;
            }

            AboveMedian -= _bins[Median];
        }
        else if (half < BelowMedian)
        {
            AboveMedian += _bins[Median];
            Median--;
            while (_bins[Median] == 0)
            {
                Median--;
            }

            BelowMedian -= _bins[Median];
        }

        return Median;
    }

    /// <summary>Writes the histogram and pointers.</summary>
    public void WriteState(BinaryWriter writer)
    {
        writer.Write(Count);
        writer.Write(Median);
        writer.Write(BelowMedian);
        writer.Write(AboveMedian);
        foreach (int bin in _bins)
        {
            writer.Write(bin);
        }
    }

    /// <summary>Reads what <see cref="WriteState"/> wrote (same number of levels).</summary>
    public void ReadState(BinaryReader reader)
    {
        Count = reader.ReadInt32();
        Median = reader.ReadInt32();
        BelowMedian = reader.ReadInt32();
        AboveMedian = reader.ReadInt32();
        for (int i = 0; i < _bins.Length; i++)
        {
            _bins[i] = reader.ReadInt32();
        }
    }
}
