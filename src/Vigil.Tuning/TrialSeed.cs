using Vigil.Randomness;

namespace Vigil.Tuning;

/// <summary>
/// The random source of trial <c>k</c>: a <see cref="Pcg32"/> seeded by SplitMix64 of (study seed, k). It depends on
/// nothing else — not on which worker or process runs the trial, nor on when.
/// </summary>
public static class TrialSeed
{
    /// <summary>The 64-bit seed of trial <paramref name="number"/>.</summary>
    public static ulong Of(int studySeed, int number)
    {
        ulong z = ((ulong)(uint)studySeed << 32) ^ (uint)number;
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>The sampler's random source for trial <paramref name="number"/>.</summary>
    public static IRandomSource Random(int studySeed, int number) => new Pcg32(Of(studySeed, number));
}
