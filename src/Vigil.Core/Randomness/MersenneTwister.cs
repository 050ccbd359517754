using System.Numerics;

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

    /// <summary>
    /// Fills <paramref name="destination"/> with the next outputs, exactly as that many <see cref="NextUInt32"/> calls
    /// would return them, but tempering whole runs of the state at once (SIMD where available): for callers that draw
    /// millions of words.
    /// </summary>
    public void Fill(Span<uint> destination)
    {
        while (!destination.IsEmpty)
        {
            if (_index >= N)
            {
                Twist();
            }

            int take = Math.Min(N - _index, destination.Length);
            Temper(_state.AsSpan(_index, take), destination[..take]);
            _index += take;
            destination = destination[take..];
        }
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

    private static void Temper(ReadOnlySpan<uint> state, Span<uint> output)
    {
        int k = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var c1 = new Vector<uint>(0x9d2c5680U);
            var c2 = new Vector<uint>(0xefc60000U);
            for (; k + Vector<uint>.Count <= state.Length; k += Vector<uint>.Count)
            {
                var y = new Vector<uint>(state[k..]);
                y ^= Vector.ShiftRightLogical(y, 11);
                y ^= Vector.ShiftLeft(y, 7) & c1;
                y ^= Vector.ShiftLeft(y, 15) & c2;
                y ^= Vector.ShiftRightLogical(y, 18);
                y.CopyTo(output[k..]);
            }
        }

        for (; k < state.Length; k++)
        {
            uint y = state[k];
            y ^= y >> 11;
            y ^= (y << 7) & 0x9d2c5680U;
            y ^= (y << 15) & 0xefc60000U;
            y ^= y >> 18;
            output[k] = y;
        }
    }

    private void Twist()
    {
        // The recurrence in three runs instead of one loop with "% N": no division per word, and within each run a
        // word depends only on words already final (the run before, or the old state), so runs of Vector<uint>.Count
        // words are computed at once. Callers drawing millions of words (NumPy's permutation in scikit-learn's
        // bagging) spend most of their time here.
        var mt = _state.AsSpan();
        int k = 0;
        if (Vector.IsHardwareAccelerated)
        {
            int width = Vector<uint>.Count;
            for (; k + width <= N - M; k += width)
            {
                MixVector(new Vector<uint>(mt[k..]), new Vector<uint>(mt[(k + 1)..]), new Vector<uint>(mt[(k + M)..])).CopyTo(mt[k..]);
            }
        }

        for (; k < N - M; k++)
        {
            mt[k] = mt[k + M] ^ Mix(mt[k], mt[k + 1]);
        }

        if (Vector.IsHardwareAccelerated)
        {
            // mt[k + M − N] lies at least N − M words behind k: already updated, and not inside this vector.
            int width = Vector<uint>.Count;
            for (; k + width <= N - 1; k += width)
            {
                MixVector(new Vector<uint>(mt[k..]), new Vector<uint>(mt[(k + 1)..]), new Vector<uint>(mt[(k + M - N)..])).CopyTo(mt[k..]);
            }
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

        static Vector<uint> MixVector(Vector<uint> current, Vector<uint> next, Vector<uint> far)
        {
            var y = (current & new Vector<uint>(UpperMask)) | (next & new Vector<uint>(LowerMask));
            var odd = Vector.Equals(y & Vector<uint>.One, Vector<uint>.One);
            return far ^ Vector.ShiftRightLogical(y, 1) ^ (odd & new Vector<uint>(MatrixA));
        }
    }
}
