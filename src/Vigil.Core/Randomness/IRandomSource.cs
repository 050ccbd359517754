namespace Vigil.Randomness;

/// <summary>A seeded source of random numbers. Detectors receive one; they never create their own.</summary>
public interface IRandomSource
{
    /// <summary>A uniformly distributed 32-bit value.</summary>
    uint NextUInt32();

    /// <summary>A uniformly distributed double in [0, 1) with 53 random bits.</summary>
    double NextDouble();

    /// <summary>A uniformly distributed integer in [0, <paramref name="maxExclusive"/>), without modulo bias.</summary>
    int NextInt(int maxExclusive);
}
