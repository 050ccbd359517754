namespace Vigil.Evaluation.Nab;

/// <summary>
/// Sorts finite doubles into descending order with a stable least-significant-digit radix sort on their bit
/// patterns, returning the permutation with the sorted values.
/// </summary>
/// <remarks>
/// The threshold sweep sorts every scored row of a detector (about 310,000 for NAB) once per detector; a
/// comparison sort of (double, int) pairs was a tenth of the scorer's time. Eight byte-wide passes over
/// order-preserving integer keys cost O(n), and passes whose byte is the same for every key (the sign and
/// most of the exponent of scores in [0, 1.1)) are skipped. Equal values keep their input order.
/// </remarks>
internal static class DescendingRadixSort
{
    private const ulong SignBit = 1UL << 63;

    /// <summary>
    /// Writes into <paramref name="order"/> the indices of <paramref name="values"/> by descending value (equal
    /// values in index order) and into <paramref name="sorted"/> the values in that order, with -0.0 read as 0.0.
    /// </summary>
    /// <exception cref="ArgumentException">The output spans are shorter than the input.</exception>
    // Hot loop of a short scoring process: compiled optimised at once, not run unoptimised while tiering waits.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static void Sort(ReadOnlySpan<double> values, Span<int> order, Span<double> sorted)
    {
        int n = values.Length;
        if (order.Length < n || sorted.Length < n)
        {
            throw new ArgumentException("The output spans must be at least as long as the values.");
        }

        var keys = new ulong[n];
        var keysBuffer = new ulong[n];
        var index = new int[n];
        var indexBuffer = new int[n];
        var counts = new int[8 * 256];
        for (int i = 0; i < n; i++)
        {
            keys[i] = DescendingKey(values[i]);
            index[i] = i;
            ulong k = keys[i];
            for (int d = 0; d < 8; d++)
            {
                counts[(d << 8) | (int)((k >> (d << 3)) & 0xFF)]++;
            }
        }

        for (int d = 0; d < 8; d++)
        {
            var digitCounts = counts.AsSpan(d << 8, 256);
            if (digitCounts.Contains(n))
            {
                continue;   // every key has the same byte here: the pass would not move anything
            }

            int offset = 0;
            for (int b = 0; b < 256; b++)
            {
                int c = digitCounts[b];
                digitCounts[b] = offset;
                offset += c;
            }

            int shift = d << 3;
            for (int i = 0; i < n; i++)
            {
                ulong k = keys[i];
                int slot = digitCounts[(int)((k >> shift) & 0xFF)]++;
                keysBuffer[slot] = k;
                indexBuffer[slot] = index[i];
            }

            (keys, keysBuffer) = (keysBuffer, keys);
            (index, indexBuffer) = (indexBuffer, index);
        }

        for (int i = 0; i < n; i++)
        {
            order[i] = index[i];
            sorted[i] = values[index[i]] + 0.0;   // + 0.0 turns -0.0 into 0.0
        }
    }

    /// <summary>An unsigned key whose ascending order is the descending order of finite doubles (-0.0 equal to 0.0).</summary>
    private static ulong DescendingKey(double value)
    {
        ulong bits = BitConverter.DoubleToUInt64Bits(value + 0.0);
        ulong ascending = (bits & SignBit) != 0 ? ~bits : bits | SignBit;
        return ~ascending;
    }
}
