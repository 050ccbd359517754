using System.Numerics;

namespace Vigil.Features;

/// <summary>Allocation-free statistics over a window of values, shared by the built-in extractors.</summary>
internal static class WindowStatistics
{
    [ThreadStatic]
    private static double[]? t_scratch;

    [ThreadStatic]
    private static double[]? t_real;

    [ThreadStatic]
    private static double[]? t_imaginary;

    public static double Mean(ReadOnlySpan<double> x)
    {
        double sum = 0;
        foreach (double v in x)
        {
            sum += v;
        }

        return sum / x.Length;
    }

    /// <summary>Population variance about <paramref name="mean"/> (two-pass).</summary>
    public static double Variance(ReadOnlySpan<double> x, double mean)
    {
        double sum = 0;
        foreach (double v in x)
        {
            double d = v - mean;
            sum += d * d;
        }

        return sum / x.Length;
    }

    /// <summary>A per-thread copy of <paramref name="x"/>, sorted ascending (reused between calls).</summary>
    public static ReadOnlySpan<double> Sorted(ReadOnlySpan<double> x)
    {
        var scratch = Scratch(ref t_scratch, x.Length);
        var span = scratch.AsSpan(0, x.Length);
        x.CopyTo(span);
        span.Sort();
        return span;
    }

    /// <summary>Quantile <paramref name="q"/> of sorted values with NumPy's default linear interpolation.</summary>
    public static double Quantile(ReadOnlySpan<double> sorted, double q)
    {
        double position = q * (sorted.Length - 1);
        int lower = (int)Math.Floor(position);
        int upper = Math.Min(lower + 1, sorted.Length - 1);
        double fraction = position - lower;
        return sorted[lower] + (sorted[upper] - sorted[lower]) * fraction;
    }

    /// <summary>
    /// One-sided power spectrum of the mean-removed window, zero-padded to a power of two: bins 1..N/2 into
    /// <paramref name="power"/> (length N/2), scaled so that the bins sum to the window's population variance.
    /// </summary>
    public static int PowerSpectrum(ReadOnlySpan<double> x, out ReadOnlySpan<double> power)
    {
        int n = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(2, x.Length));
        var re = Scratch(ref t_real, n);
        var im = Scratch(ref t_imaginary, n);
        double mean = Mean(x);
        for (int i = 0; i < n; i++)
        {
            re[i] = i < x.Length ? x[i] - mean : 0.0;
            im[i] = 0.0;
        }

        Fft(re.AsSpan(0, n), im.AsSpan(0, n));
        int half = n / 2;

        // Parseval: sum_k |X_k|^2 = n * sum_t x_t^2; bins 1..half-1 stand for two conjugate bins each.
        double scale = 1.0 / ((double)n * x.Length);
        for (int k = 1; k <= half; k++)
        {
            double p = (re[k] * re[k] + im[k] * im[k]) * scale;
            re[k - 1] = k == half ? p : 2 * p;   // reuse the real buffer for the output (k - 1 < k)
        }

        power = re.AsSpan(0, half);
        return half;
    }

    private static double[] Scratch(ref double[]? buffer, int length)
    {
        if (buffer is null || buffer.Length < length)
        {
            buffer = new double[Math.Max(length, 64)];
        }

        return buffer;
    }

    /// <summary>In-place iterative radix-2 FFT; the length is a power of two.</summary>
    private static void Fft(Span<double> re, Span<double> im)
    {
        int n = re.Length;
        for (int i = 1, j = 0; i < n; i++)
        {
            int bit = n >> 1;
            for (; (j & bit) != 0; bit >>= 1)
            {
                j ^= bit;
            }

            j ^= bit;
            if (i < j)
            {
                (re[i], re[j]) = (re[j], re[i]);
                (im[i], im[j]) = (im[j], im[i]);
            }
        }

        for (int length = 2; length <= n; length <<= 1)
        {
            double angle = -2 * Math.PI / length;
            double wRe = Math.Cos(angle), wIm = Math.Sin(angle);
            for (int start = 0; start < n; start += length)
            {
                double curRe = 1, curIm = 0;
                for (int k = 0; k < length / 2; k++)
                {
                    int a = start + k, b = a + length / 2;
                    double tRe = re[b] * curRe - im[b] * curIm;
                    double tIm = re[b] * curIm + im[b] * curRe;
                    re[b] = re[a] - tRe;
                    im[b] = im[a] - tIm;
                    re[a] += tRe;
                    im[a] += tIm;
                    double nextRe = curRe * wRe - curIm * wIm;
                    curIm = curRe * wIm + curIm * wRe;
                    curRe = nextRe;
                }
            }
        }
    }
}
