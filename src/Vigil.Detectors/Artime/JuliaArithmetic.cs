namespace Vigil.Detectors.Artime;

/// <summary>
/// The few pieces of Julia's floating-point arithmetic that ARTime's results depend on, reproduced operation for
/// operation so the port gives the reference's doubles (ARTimeNAB.jl ran on Julia 1.x with OpenBLAS).
/// </summary>
/// <remarks>Pure functions: thread-safe.</remarks>
internal static class JuliaArithmetic
{
    /// <summary>Julia's <c>round(Int, x)</c>: nearest integer, ties to even (<c>RoundNearest</c>).</summary>
    public static int RoundToInt(double x) => (int)Math.Round(x, MidpointRounding.ToEven);

    /// <summary>
    /// Julia's <c>round(x, digits=d)</c> for d ≥ 0: <c>round(x * 10.0^d) / 10.0^d</c> with ties to even on the
    /// scaled value (Base's <c>_round_invstep</c>); x itself when the result would not be finite. Unlike Python's
    /// <c>round</c>, this rounds the product, not the exact decimal value, so e.g. 2.675 rounds to 2.68.
    /// </summary>
    public static double RoundDigits(double x, int digits)
    {
        double invStep = Math.Pow(10.0, digits);
        double y = Math.Round(x * invStep, MidpointRounding.ToEven) / invStep;
        return double.IsFinite(y) ? y : x;
    }

    /// <summary>
    /// Base's <c>sum</c> of a <c>Vector{Float64}</c>: fewer than 16 values are added left to right; up to 1024 the
    /// first two are added and the rest go through an <c>@simd</c> loop, which LLVM vectorises (AVX2: 4 lanes,
    /// interleaved 4 times, so blocks of 16 values feed 16 partial sums, the lanes are combined at the end and the
    /// remainder is added left to right); longer vectors are split in halves, pairwise.
    /// </summary>
    public static double Sum(ReadOnlySpan<double> x)
    {
        int n = x.Length;
        if (n == 0)
        {
            return 0.0;
        }

        if (n == 1)
        {
            return x[0];
        }

        if (n < 16)
        {
            double s = x[0] + x[1];
            for (int i = 2; i < n; i++)
            {
                s += x[i];
            }

            return s;
        }

        return PairwiseSum(x);
    }

    /// <summary>Statistics.mean of a vector: <see cref="Sum"/> divided by the count.</summary>
    public static double Mean(ReadOnlySpan<double> x) => Sum(x) / x.Length;

    /// <summary>
    /// LinearAlgebra's <c>norm(x, 1)</c> of a dense Float64 array: below 32 elements Julia's own loop
    /// (|x₁|, then += |xᵢ| left to right); from 32 on OpenBLAS's <c>dasum</c>, whose x86-64 kernel keeps
    /// eight partial sums (four two-lane SSE accumulators over blocks of 8), combines them as
    /// ((a₀+a₁)+a₂)+a₃ lane-wise, adds the two lanes, and adds the remainder left to right.
    /// </summary>
    public static double Norm1(ReadOnlySpan<double> x)
    {
        int n = x.Length;
        if (n == 0)
        {
            return 0.0;
        }

        if (n < 32)
        {
            double s = Math.Abs(x[0]);
            for (int i = 1; i < n; i++)
            {
                s += Math.Abs(x[i]);
            }

            return s;
        }

        return Dasum(x);
    }

    /// <summary>LinearAlgebra's <c>norm(x)</c> (2-norm) of a short vector: the unscaled sum of squares, left to right, then the square root.</summary>
    public static double Norm2(ReadOnlySpan<double> x)
    {
        double maxAbs = 0.0;
        foreach (double v in x)
        {
            maxAbs = Math.Max(maxAbs, Math.Abs(v));
        }

        if (maxAbs == 0.0 || double.IsInfinity(maxAbs))
        {
            return maxAbs;
        }

        double s = x[0] * x[0];
        for (int i = 1; i < x.Length; i++)
        {
            s += x[i] * x[i];
        }

        return Math.Sqrt(s);
    }

    /// <summary>OpenBLAS x86-64 <c>dasum</c> for n below 256 (the only sizes ARTime uses with its default window).</summary>
    internal static double Dasum(ReadOnlySpan<double> x)
    {
        int n = x.Length;
        double sum = 0.0;
        int start = 0;
        if (n >= 256)
        {
            // Four 4-lane AVX accumulators over blocks of 16 (alignment prologue ignored: Julia's arrays are 64-byte aligned).
            Span<double> wide = stackalloc double[16];
            int end = n & ~255;
            for (int i = 0; i < end; i += 16)
            {
                for (int k = 0; k < 16; k++)
                {
                    wide[k] += Math.Abs(x[i + k]);
                }
            }

            Span<double> lanes = stackalloc double[4];
            for (int l = 0; l < 4; l++)
            {
                lanes[l] = ((wide[l] + wide[4 + l]) + wide[8 + l]) + wide[12 + l];
            }

            double h0 = lanes[0] + lanes[2];
            double h1 = lanes[1] + lanes[3];
            sum += h0 + h1;
            start = end;
        }

        int tail = n & ~7;
        if (n >= 8)
        {
            double a0 = 0, a1 = 0, b0 = 0, b1 = 0, c0 = 0, c1 = 0, d0 = 0, d1 = 0;
            for (int i = start; i < tail; i += 8)
            {
                a0 += Math.Abs(x[i]);
                a1 += Math.Abs(x[i + 1]);
                b0 += Math.Abs(x[i + 2]);
                b1 += Math.Abs(x[i + 3]);
                c0 += Math.Abs(x[i + 4]);
                c1 += Math.Abs(x[i + 5]);
                d0 += Math.Abs(x[i + 6]);
                d1 += Math.Abs(x[i + 7]);
            }

            double l0 = ((a0 + b0) + c0) + d0;
            double l1 = ((a1 + b1) + c1) + d1;
            sum += l0 + l1;
        }

        for (int i = tail; i < n; i++)
        {
            sum += Math.Abs(x[i]);
        }

        return sum;
    }

    private static double PairwiseSum(ReadOnlySpan<double> x)
    {
        if (x.Length == 1)
        {
            return x[0];
        }

        if (x.Length <= 1024)
        {
            return SimdSum(x);
        }

        int mid = (x.Length - 1) >> 1;   // Julia: imid = ifirst + (ilast - ifirst) >> 1, first half inclusive
        return PairwiseSum(x[..(mid + 1)]) + PairwiseSum(x[(mid + 1)..]);
    }

    // Base.mapreduce_impl's sequential block: v = x₁ + x₂, then an @simd loop over x₃..xₙ.
    private static double SimdSum(ReadOnlySpan<double> x)
    {
        const int Width = 16;   // 4 lanes × interleave 4
        double v = x[0] + x[1];
        var rest = x[2..];
        int blocks = rest.Length / Width;
        if (blocks == 0)
        {
            foreach (double d in rest)
            {
                v += d;
            }

            return v;
        }

        Span<double> acc = stackalloc double[Width];
        acc.Clear();
        acc[0] = v;
        for (int b = 0; b < blocks; b++)
        {
            var block = rest.Slice(b * Width, Width);
            for (int k = 0; k < Width; k++)
            {
                acc[k] += block[k];
            }
        }

        // Interleaved parts combined as p1 + p0, then p2 + that, then p3 + that; lanes by halving.
        Span<double> part = stackalloc double[4];
        for (int l = 0; l < 4; l++)
        {
            part[l] = acc[12 + l] + (acc[8 + l] + (acc[4 + l] + acc[l]));
        }

        double s = (part[0] + part[2]) + (part[1] + part[3]);
        foreach (double d in rest[(blocks * Width)..])
        {
            s += d;
        }

        return s;
    }
}
