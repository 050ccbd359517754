using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Vigil.Randomness;

/// <summary>
/// NumPy's legacy <c>numpy.random.RandomState(seed)</c> for an integer seed: the same MT19937 stream and the same
/// algorithms for the draws scikit-learn makes from it (<c>randint</c>, <c>random_sample</c>/<c>uniform</c>,
/// <c>shuffle</c>, <c>permutation</c>), so code ported from scikit-learn reproduces its random choices bit for bit.
/// </summary>
/// <remarks>
/// <para>
/// Algorithms (NumPy 1.17–1.26, <c>numpy/random/mtrand.pyx</c>, <c>_bounded_integers.pyx</c>,
/// <c>src/distributions/distributions.c</c>, <c>src/mt19937</c>): the seed goes to <c>init_genrand</c>;
/// <see cref="RandInt"/> is the legacy "masked" rejection sampler (draw 32-bit words, keep the bits under the smallest
/// all-ones mask covering the range, reject values past it); <see cref="NextDouble"/> takes 27 + 26 bits of two words;
/// <see cref="Shuffle"/> is the legacy Fisher–Yates from the last element down, drawing each index with
/// <c>random_interval</c> (the same masked rejection).
/// </para>
/// <para>Use it only to reproduce NumPy-based references; Vigil's own randomness is <see cref="RandomSource.Create"/>. Not thread-safe.</para>
/// </remarks>
public sealed class NumpyRandomState : IRandomSource
{
    // Words are taken from the twister a state's worth at a time (624, tempered in one pass) and handed out from
    // this buffer: the same stream, several times faster per word than one call each for long shuffles.
    private const int BufferLength = 624;

    private readonly MersenneTwister _twister;
    private readonly uint[] _words = new uint[BufferLength];
    private int _next = BufferLength;

    /// <summary>Seeds the generator as <c>numpy.random.RandomState(seed)</c> does (any seed in [0, 2³²)).</summary>
    public NumpyRandomState(uint seed)
    {
        _twister = MersenneTwister.FromInitGenRand(seed);
    }

    /// <summary>The next raw 32-bit word of MT19937 (NumPy's <c>next_uint32</c>, <c>MT19937.random_raw</c>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public uint NextUInt32()
    {
        if (_next == BufferLength)
        {
            _twister.Fill(_words);
            _next = 0;
        }

        return _words[_next++];
    }

    /// <summary>
    /// <c>random_sample()</c> (and <c>uniform(0, 1)</c>, which adds 0 and multiplies by 1): a double in [0, 1) from
    /// the top 27 bits of one word and the top 26 of the next.
    /// </summary>
    public double NextDouble()
    {
        uint a = NextUInt32() >> 5;
        uint b = NextUInt32() >> 6;
        return (a * 67108864.0 + b) / 9007199254740992.0;
    }

    /// <summary><c>randint(maxExclusive)</c>: an integer in [0, <paramref name="maxExclusive"/>).</summary>
    public int NextInt(int maxExclusive) => RandInt(0, maxExclusive);

    /// <summary>
    /// <c>randint(low, high)</c> for NumPy's default integer dtype: uniform in [<paramref name="low"/>,
    /// <paramref name="high"/>), one value per call, the same value an array call yields at that position. A
    /// range of one value consumes no word, as in NumPy.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="high"/> is not greater than <paramref name="low"/>.</exception>
    public int RandInt(int low, int high)
    {
        if (high <= low)
        {
            throw new ArgumentOutOfRangeException(nameof(high), $"high ({high}) must be greater than low ({low}).");
        }

        return (int)(low + Bounded((uint)(high - 1 - low)));
    }

    /// <summary>
    /// NumPy's <c>random_interval(max)</c>: uniform in [0, <paramref name="max"/>] (inclusive), by masked rejection;
    /// 0 consumes no word.
    /// </summary>
    public uint RandomInterval(uint max) => Bounded(max);

    /// <summary>
    /// The legacy <c>shuffle</c> of a one-dimensional array: for i from n − 1 down to 1, swap element i with element
    /// <c>random_interval(i)</c>.
    /// </summary>
    public void Shuffle(Span<int> values) => ShuffleDown(values, 0);

    /// <summary>
    /// The first <paramref name="prefix"/>.Length values of <c>permutation(n)</c>, after exactly the draws
    /// <c>permutation(n)</c> makes, so the stream continues as NumPy's would. Cheaper than the whole permutation:
    /// positions past the prefix are final as soon as the shuffle passes them and are never stored.
    /// </summary>
    /// <param name="n">Length of the permutation.</param>
    /// <param name="prefix">Receives its first values (at most <paramref name="n"/>).</param>
    /// <param name="scratch">At least <paramref name="n"/> long; overwritten.</param>
    public void PermutationPrefix(int n, Span<int> prefix, Span<int> scratch)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(prefix.Length, n, nameof(prefix));
        var values = scratch[..n];
        for (int i = 0; i < n; i++)
        {
            values[i] = i;
        }

        ShuffleDown(values, prefix.Length);
        values[..prefix.Length].CopyTo(prefix);
    }

    /// <summary>
    /// The legacy Fisher–Yates on <paramref name="values"/>, leaving positions ≥ <paramref name="keep"/> unwritten
    /// (callers that discard them); <paramref name="keep"/> = 0 keeps everything.
    /// </summary>
    /// <remarks>
    /// This loop is where scikit-learn's bagging spends its draws (one per window and tree), so Bounded(i) is
    /// inlined with the mask (smallest 2^k − 1 ≥ i) narrowed as i falls, the word buffer is held in locals, and the
    /// rejection step looks at two words at once, choosing without a branch: a rejection (up to half the words for
    /// some i) then costs a misprediction only when both words are rejected. The words consumed are exactly
    /// NumPy's: the first accepted one, and the second only when the first is rejected.
    /// </remarks>
    private void ShuffleDown(Span<int> values, int keep)
    {
        if (values.Length < 2)
        {
            return;
        }

        uint[] words = _words;
        int next = _next;
        uint mask = MaskFor((uint)(values.Length - 1));
        int stopAt = keep > 0 ? keep : values.Length;
        ref int first = ref MemoryMarshal.GetReference(values);
        for (int i = values.Length - 1; i > 0; i--)
        {
            if ((uint)i <= mask >> 1)
            {
                mask >>= 1;
            }

            uint j = uint.MaxValue;
            if (next <= BufferLength - 2)
            {
                uint a = words[next] & mask;
                uint b = words[next + 1] & mask;
                uint rejectA = (uint)(i - (int)a) >> 31;   // a > i (both below 2³¹)
                j = a ^ ((a ^ b) & (0u - rejectA));
                next += 1 + (int)rejectA;
            }

            while (j > (uint)i)
            {
                if (next == BufferLength)
                {
                    _twister.Fill(words);
                    next = 0;
                }

                j = words[next++] & mask;
            }

            // j ≤ i < values.Length.
            ref int at = ref Unsafe.Add(ref first, i);
            ref int to = ref Unsafe.Add(ref first, (int)j);
            if (i >= stopAt)
            {
                // Position i is final and discarded: only its value moves to j.
                to = at;
            }
            else
            {
                (at, to) = (to, at);
            }
        }

        _next = next;
    }

    /// <summary><c>permutation(n)</c>: 0 … n − 1 shuffled by <see cref="Shuffle"/>.</summary>
    public int[] Permutation(int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        var values = new int[n];
        for (int i = 0; i < n; i++)
        {
            values[i] = i;
        }

        Shuffle(values);
        return values;
    }

    private uint Bounded(uint range)
    {
        if (range == 0)
        {
            return 0;
        }

        if (range == uint.MaxValue)
        {
            return NextUInt32();
        }

        // Words whose masked value exceeds the range are rejected (NumPy's legacy generator keeps this "masked"
        // method rather than Lemire's so old seeds give old streams).
        uint mask = MaskFor(range);
        uint value;
        while ((value = NextUInt32() & mask) > range)
        {
        }

        return value;
    }

    /// <summary>The smallest all-ones mask ≥ <paramref name="range"/>.</summary>
    private static uint MaskFor(uint range)
    {
        uint mask = range;
        mask |= mask >> 1;
        mask |= mask >> 2;
        mask |= mask >> 4;
        mask |= mask >> 8;
        mask |= mask >> 16;
        return mask;
    }
}
