namespace Vigil.Numerics;

/// <summary>
/// Sums, means and standard deviations computed in the same order as NumPy's <c>np.sum</c>, <c>np.mean</c>
/// and <c>np.std</c> on a contiguous float64 array, so detectors ported from Python reproduce their
/// reference outputs bit for bit.
/// </summary>
/// <remarks>
/// <para>
/// NumPy adds float64 values by pairwise summation: fewer than 8 values are added left to right; up to 128
/// values go into eight strided partial sums combined as ((r0+r1)+(r2+r3))+((r4+r5)+(r6+r7)), then the
/// remainder is added left to right; longer runs are split at n/2 rounded down to a multiple of 8 and the
/// halves' sums added. The reduction sees the array in buffer-sized blocks of 8192 values, whose pairwise
/// sums are accumulated left to right.
/// </para>
/// <para>Pure functions: thread-safe.</para>
/// </remarks>
public static class NumpyStatistics
{
    private const int BlockSize = 128;
    private const int BufferSize = 8192;

    /// <summary>The sum of <paramref name="values"/> as <c>np.sum</c> computes it (0 when empty).</summary>
    public static double Sum(ReadOnlySpan<double> values)
    {
        double total = 0.0;
        for (int start = 0; start < values.Length; start += BufferSize)
        {
            total += PairwiseSum(values.Slice(start, Math.Min(BufferSize, values.Length - start)));
        }

        return total;
    }

    /// <summary>The mean as <c>np.mean</c> computes it: <see cref="Sum"/> divided by the count.</summary>
    /// <returns>NaN when <paramref name="values"/> is empty, as NumPy returns.</returns>
    public static double Mean(ReadOnlySpan<double> values) => Sum(values) / values.Length;

    /// <summary>
    /// The population standard deviation (ddof = 0) as <c>np.std</c> computes it:
    /// sqrt(sum((x - mean)²) / n), both sums pairwise.
    /// </summary>
    /// <param name="values">The data; left unchanged.</param>
    /// <param name="mean">Its mean, as <see cref="Mean"/> returns it.</param>
    /// <param name="scratch">Working space at least as long as <paramref name="values"/>; overwritten. It lets callers avoid allocating per call.</param>
    public static double PopulationStandardDeviation(ReadOnlySpan<double> values, double mean, Span<double> scratch)
    {
        if (scratch.Length < values.Length)
        {
            throw new ArgumentException($"Scratch space holds {scratch.Length} values but {values.Length} are needed.", nameof(scratch));
        }

        var squares = scratch[..values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            double deviation = values[i] - mean;
            squares[i] = deviation * deviation;
        }

        return Math.Sqrt(Sum(squares) / values.Length);
    }

    private static double PairwiseSum(ReadOnlySpan<double> a)
    {
        int n = a.Length;
        if (n < 8)
        {
            double sum = 0.0;
            for (int i = 0; i < n; i++)
            {
                sum += a[i];
            }

            return sum;
        }

        if (n <= BlockSize)
        {
            double r0 = a[0], r1 = a[1], r2 = a[2], r3 = a[3], r4 = a[4], r5 = a[5], r6 = a[6], r7 = a[7];
            int i = 8;
            for (; i < n - (n % 8); i += 8)
            {
                r0 += a[i];
                r1 += a[i + 1];
                r2 += a[i + 2];
                r3 += a[i + 3];
                r4 += a[i + 4];
                r5 += a[i + 5];
                r6 += a[i + 6];
                r7 += a[i + 7];
            }

            double sum = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7));
            for (; i < n; i++)
            {
                sum += a[i];
            }

            return sum;
        }

        int half = n / 2;
        half -= half % 8;
        return PairwiseSum(a[..half]) + PairwiseSum(a[half..]);
    }
}
