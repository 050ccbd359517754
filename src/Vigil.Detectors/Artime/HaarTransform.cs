namespace Vigil.Detectors.Artime;

/// <summary>
/// The full multi-level orthonormal Haar transform as Wavelets.jl's <c>dwt(x, wavelet(WT.haar))</c> computes it
/// (periodic boundary, <c>maxtransformlevels</c> levels), with the same coefficient layout, signs and rounding.
/// </summary>
/// <remarks>
/// <para>
/// Layout for a length-8 input: <c>[a₃, d₃, d₂₁, d₂₂, d₁₁, d₁₂, d₁₃, d₁₄]</c>: the final scaling coefficient,
/// then the details from the coarsest level to the finest. Each level maps pairs (s₂ₖ, s₂ₖ₊₁) to
/// scaling h·s₂ₖ + h·s₂ₖ₊₁ and detail (−h)·s₂ₖ + h·s₂ₖ₊₁, evaluated in that order (Wavelets.jl's <c>filtdown!</c>
/// adds the delayed tap first; the detail filter is <c>mirror</c> of the scaling filter, so the detail is the
/// second value minus the first).
/// </para>
/// <para>
/// h is Wavelets.jl's tabulated 0.7071067811865475 divided by its own 2-norm (<c>qmf ./ norm(qmf)</c>), which gives
/// 0.7071067811865476, the double nearest 1/√2; it is computed here the same way rather than written down.
/// </para>
/// <para>Thread-safe after construction; <see cref="Forward"/> uses caller-provided buffers and allocates nothing.</para>
/// </remarks>
internal sealed class HaarTransform
{
    /// <summary>Wavelets.jl's tabulated Haar filter coefficient (its <c>FILTERS["haar"]</c>), before normalisation.</summary>
    internal const double TabulatedCoefficient = 0.7071067811865475;

    /// <summary>Creates the transform for inputs of <paramref name="length"/> values (a power of two, at least 2).</summary>
    public HaarTransform(int length)
    {
        if (length < 2 || (length & (length - 1)) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(length), length, "The Haar transform needs a power-of-two length of at least 2.");
        }

        Length = length;
        Levels = System.Numerics.BitOperations.Log2((uint)length);
    }

    /// <summary>The normalised filter coefficient h (Wavelets.jl's <c>qmf ./ norm(qmf)</c>).</summary>
    public static double Coefficient { get; } = TabulatedCoefficient / Math.Sqrt((TabulatedCoefficient * TabulatedCoefficient) + (TabulatedCoefficient * TabulatedCoefficient));

    /// <summary>The input length.</summary>
    public int Length { get; }

    /// <summary>Transform levels (log₂ of the length: Wavelets.jl's <c>maxtransformlevels</c>).</summary>
    public int Levels { get; }

    /// <summary>Transforms <paramref name="x"/> into <paramref name="y"/> (both <see cref="Length"/> long, distinct); <paramref name="scratch"/> holds half the length.</summary>
    public void Forward(ReadOnlySpan<double> x, Span<double> y, Span<double> scratch)
    {
        if (x.Length != Length || y.Length != Length || scratch.Length < Length / 2)
        {
            throw new ArgumentException($"The Haar transform of length {Length} needs inputs and outputs of that length and a scratch of half of it.");
        }

        double h = Coefficient;
        double negH = -h;
        ReadOnlySpan<double> s = x;
        int n = Length;
        for (int level = 1; level <= Levels; level++)
        {
            int half = n >> 1;

            // Details of this level go to y[half .. n), scaling coefficients to y[0 .. half).
            for (int k = 0; k < half; k++)
            {
                double first = s[2 * k];
                double second = s[(2 * k) + 1];
                y[half + k] = (negH * first) + (h * second);
                y[k] = (h * first) + (h * second);
            }

            if (level < Levels)
            {
                y[..half].CopyTo(scratch);
                s = scratch[..half];
            }

            n = half;
        }
    }
}
