namespace Vigil.Randomness;

/// <summary>
/// MT19937 (Matsumoto and Nishimura 1998), seeded exactly as CPython's <c>random.seed(n)</c> seeds it for a
/// non-negative integer, so <see cref="NextDouble"/> returns the same sequence as Python's <c>random.random()</c>.
/// </summary>
/// <remarks>
/// <para>
/// Use it only where a result must match a Python reference bit for bit (NAB's <c>random</c> detector);
/// everything else uses <see cref="RandomSource.Create"/>. Seeding: <c>init_genrand(19650218)</c>, then
/// <c>init_by_array</c> with the seed's 32-bit words, least significant first (one zero word for seed 0).
/// </para>
/// <para>Not thread-safe.</para>
/// </remarks>
public sealed class MersenneTwister : IRandomSource
{
    private const int N = 624;
    private const int M = 397;
    private const uint MatrixA = 0x9908b0dfU;
    private const uint UpperMask = 0x80000000U;
    private const uint LowerMask = 0x7fffffffU;

    private readonly uint[] _state = new uint[N];
    private int _index;

    /// <summary>Seeds the generator as Python's <c>random.seed(seed)</c> does.</summary>
    /// <param name="seed">Any non-negative integer (Python's <c>random.seed</c> uses |seed|, so only non-negative values are accepted here).</param>
    public MersenneTwister(long seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(seed);
        ulong value = (ulong)seed;
        uint[] key = value > uint.MaxValue ? [(uint)value, (uint)(value >> 32)] : [(uint)value];
        InitByArray(key);
    }

    /// <inheritdoc />
    public uint NextUInt32()
    {
        if (_index >= N)
        {
            Twist();
        }

        uint y = _state[_index++];
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c5680U;
        y ^= (y << 15) & 0xefc60000U;
        y ^= y >> 18;
        return y;
    }

    /// <summary>A double in [0, 1) with 53 random bits, equal to Python's <c>random.random()</c>.</summary>
    public double NextDouble()
    {
        uint a = NextUInt32() >> 5;
        uint b = NextUInt32() >> 6;
        return (a * 67108864.0 + b) * (1.0 / 9007199254740992.0);
    }

    /// <summary>
    /// An integer in [0, <paramref name="maxExclusive"/>), equal to Python's <c>random.randrange(maxExclusive)</c>:
    /// rejection sampling on <c>getrandbits(bit_length(maxExclusive))</c>, so it has no modulo bias.
    /// </summary>
    public int NextInt(int maxExclusive)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxExclusive);
        int bits = 32 - System.Numerics.BitOperations.LeadingZeroCount((uint)maxExclusive);
        while (true)
        {
            uint r = NextUInt32() >> (32 - bits);
            if (r < (uint)maxExclusive)
            {
                return (int)r;
            }
        }
    }

    private void InitGenRand(uint seed)
    {
        _state[0] = seed;
        for (int i = 1; i < N; i++)
        {
            _state[i] = unchecked(1812433253U * (_state[i - 1] ^ (_state[i - 1] >> 30)) + (uint)i);
        }

        _index = N;
    }

    private void InitByArray(uint[] key)
    {
        InitGenRand(19650218U);
        int i = 1;
        int j = 0;
        for (int k = Math.Max(N, key.Length); k > 0; k--)
        {
            _state[i] = unchecked((_state[i] ^ ((_state[i - 1] ^ (_state[i - 1] >> 30)) * 1664525U)) + key[j] + (uint)j);
            i++;
            j++;
            if (i >= N)
            {
                _state[0] = _state[N - 1];
                i = 1;
            }

            if (j >= key.Length)
            {
                j = 0;
            }
        }

        for (int k = N - 1; k > 0; k--)
        {
            _state[i] = unchecked((_state[i] ^ ((_state[i - 1] ^ (_state[i - 1] >> 30)) * 1566083941U)) - (uint)i);
            i++;
            if (i >= N)
            {
                _state[0] = _state[N - 1];
                i = 1;
            }
        }

        _state[0] = 0x80000000U; // MSB is 1, assuring a non-zero initial array.
        _index = N;
    }

    private void Twist()
    {
        for (int k = 0; k < N; k++)
        {
            uint y = (_state[k] & UpperMask) | (_state[(k + 1) % N] & LowerMask);
            _state[k] = _state[(k + M) % N] ^ (y >> 1) ^ ((y & 1U) != 0 ? MatrixA : 0U);
        }

        _index = 0;
    }
}
