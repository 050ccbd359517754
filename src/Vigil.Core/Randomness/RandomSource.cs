namespace Vigil.Randomness;

/// <summary>Creates Vigil's standard random source.</summary>
public static class RandomSource
{
    /// <summary>A <see cref="Pcg32"/> seeded with <paramref name="seed"/>.</summary>
    public static IRandomSource Create(int seed) => new Pcg32((ulong)(uint)seed);
}
