namespace Vigil.Randomness;

/// <summary>
/// MT19937 (Matsumoto and Nishimura 1998), seeded exactly as CPython's <c>random.seed(n)</c> seeds it for a
/// non-negative integer, so <see cref="NextDouble"/> returns the same sequence as Python's <c>random.random()</c>;
/// or, through <see cref="FromInitGenRand"/>, as NumPy's legacy <c>RandomState(n)</c> seeds it.
/// </summary>
/// <remarks>
/// <para>
/// Use it only where a result must match a Python reference bit for bit (NAB's <c>random</c> detector,
/// scikit-learn's Isolation Forest through <see cref="NumpyRandomState"/>); everything else uses
/// <see cref="RandomSource.Create"/>. CPython seeding: <c>init_genrand(19650218)</c>, then <c>init_by_array</c>
/// with the seed's 32-bit words, least significant first (one zero word for seed 0).
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

    private MersenneTwister()
    {
    }

    /// <summary>Seeds the generator as Python's <c>random.seed(seed)</c> does.</summary>
    /// <param name="seed">Any non-negative integer (Python's <c>random.seed</c> uses |seed|, so only non-negative values are accepted here).</param>
    public MersenneTwister(long seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(seed);
        ulong value = (ulong)seed;
        uint[] key = value > uint.MaxValue ? [(uint)value, (uint)(value >> 32)] : [(uint)value];
        InitByArray(key);
    }

    /// <summary>
    /// A generator seeded by the reference <c>init_genrand(seed)</c> alone (Knuth's multiplier 1812433253), as NumPy's
    /// legacy <c>RandomState(seed)</c>, <c>MT19937._legacy_seeding</c> and C++'s <c>std::mt19937(seed)</c> seed it.
    /// </summary>
    public static MersenneTwister FromInitGenRand(uint seed)
    {
        var twister = new MersenneTwister();
        twister.InitGenRand(seed);
        return twister;
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
        // Three loops instead of one with "% N": the same recurrence without a division per word, which matters
        // where millions of words are drawn (NumPy's permutation in scikit-learn's bagging).
        var mt = _state;
        int k = 0;
        for (; k < N - M; k++)
        {
            mt[k] = mt[k + M] ^ Mix(mt[k], mt[k + 1]);
        }

        for (; k < N - 1; k++)
        {
            mt[k] = mt[k + M - N] ^ Mix(mt[k], mt[k + 1]);
        }

        mt[N - 1] = mt[M - 1] ^ Mix(mt[N - 1], mt[0]);
        _index = 0;

        static uint Mix(uint current, uint next)
        {
            uint y = (current & UpperMask) | (next & LowerMask);
            return (y >> 1) ^ ((y & 1U) != 0 ? MatrixA : 0U);
        }
    }
}
