namespace Vigil.Randomness;

/// <summary>
/// PCG32 (O'Neill 2014, PCG-XSH-RR with 64-bit state): small, fast and statistically strong.
/// Golden outputs depend on it, so its output sequence for a seed must never change.
/// </summary>
/// <remarks>Not thread-safe.</remarks>
public sealed class Pcg32 : IRandomSource
{
    private const ulong Multiplier = 6364136223846793005UL;
    private ulong _state;
    private readonly ulong _increment;

    /// <summary>Seeds the generator (stream selects one of 2^63 independent sequences).</summary>
    public Pcg32(ulong seed, ulong stream = 0xda3e39cb94b95bdbUL)
    {
        _increment = (stream << 1) | 1UL;
        _state = 0;
        NextUInt32();
        _state += seed;
        NextUInt32();
    }

    /// <inheritdoc />
    public uint NextUInt32()
    {
        ulong old = _state;
        _state = unchecked(old * Multiplier + _increment);
        uint xorShifted = (uint)(((old >> 18) ^ old) >> 27);
        int rotation = (int)(old >> 59);
        return (xorShifted >> rotation) | (xorShifted << ((-rotation) & 31));
    }

    /// <inheritdoc />
    public double NextDouble()
    {
        ulong high = NextUInt32() >> 5;  // 27 bits
        ulong low = NextUInt32() >> 6;   // 26 bits
        return ((high << 26) | low) * (1.0 / 9007199254740992.0);
    }

    /// <inheritdoc />
    public int NextInt(int maxExclusive)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxExclusive);
        // Lemire's bounded rejection: the threshold removes the bias of the modulo.
        uint bound = (uint)maxExclusive;
        uint threshold = unchecked(0u - bound) % bound;
        while (true)
        {
            uint r = NextUInt32();
            if (r >= threshold)
            {
                return (int)(r % bound);
            }
        }
    }
}
