namespace Vigil.Detectors.Htm;

/// <summary>
/// NuPIC's random generator (nupic.core <c>Random</c>): an additive lagged-Fibonacci generator derived from
/// BSD <c>random()</c>, with 31 words of state and arithmetic modulo 2^32 − 1.
/// </summary>
/// <remarks>
/// Specified in docs htm.md §3. Every draw of the HTM pipeline comes from one of three instances of this
/// generator; reproducing its stream and the order of draws is what makes the port bit-exact.
/// Not thread-safe.
/// </remarks>
public sealed class NupicRandom
{
    /// <summary>The modulus of the state words, 2^32 − 1 (not 2^32).</summary>
    public const uint Modulus = 0xFFFFFFFF;

    private const int StateSize = 31;
    private readonly uint[] _state = new uint[StateSize];
    private int _front;
    private int _rear;

    /// <summary>Seeds the generator as nupic.core does.</summary>
    /// <param name="seed">Any value; 0 behaves as nupic.core's seeding (the Park–Miller step maps 0 to a fixed constant).</param>
    public NupicRandom(ulong seed)
    {
        _state[0] = (uint)(seed % Modulus);
        for (int i = 1; i < StateSize; i++)
        {
            _state[i] = ParkMiller(_state[i - 1]) % Modulus;
        }

        _front = 3;
        _rear = 0;
        for (int i = 0; i < 10 * StateSize; i++)
        {
            Next31();
        }
    }

    private NupicRandom(NupicRandom other)
    {
        other._state.CopyTo(_state, 0);
        _front = other._front;
        _rear = other._rear;
    }

    /// <summary>An independent copy with the same state.</summary>
    public NupicRandom Clone() => new(this);

    /// <summary>The next 31-bit output of the core step.</summary>
    public uint Next31()
    {
        _state[_front] = (uint)(((ulong)_state[_front] + _state[_rear]) % Modulus);
        uint result = (_state[_front] >> 1) & 0x7FFFFFFF;
        _front++;
        if (_front >= StateSize)
        {
            // Implementation note: the reference increments the rear index here without a wrap check;
            // front and rear stay 3 apart modulo 31, so it never leaves the array.
            _front = 0;
            _rear++;
        }
        else
        {
            _rear++;
            if (_rear >= StateSize)
            {
                _rear = 0;
            }
        }

        return result;
    }

    /// <summary>A uniform integer in [0, <paramref name="max"/>).</summary>
    /// <param name="max">At least 1; defaults to 2^32 − 1.</param>
    public uint GetUInt32(uint max = Modulus)
    {
        if (max == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(max), "max must be at least 1.");
        }

        uint limit = Modulus - (Modulus % max);
        uint v;
        do
        {
            v = Next31();
        }
        while (v > limit);
        return v % max;
    }

    /// <summary>A uniform integer in [0, <paramref name="max"/>), built from two 31-bit draws.</summary>
    public ulong GetUInt64(ulong max = ulong.MaxValue)
    {
        if (max == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(max), "max must be at least 1.");
        }

        ulong limit = ulong.MaxValue - (ulong.MaxValue % max);
        ulong v;
        do
        {
            ulong lo = Next31();
            ulong hi = Next31();
            v = lo | (hi << 32);
        }
        while (v > limit);
        return v % max;
    }

    /// <summary>A double in [0, 1) with 48 random bits; consumes exactly two core steps.</summary>
    public double GetReal64()
    {
        const ulong TwoTo48 = 1UL << 48;
        return GetUInt64(TwoTo48) / (double)TwoTo48;
    }

    /// <summary>
    /// Ordered selection sampling: writes <paramref name="k"/> elements of <paramref name="population"/> to
    /// <paramref name="destination"/>, keeping population order; one draw per examined element.
    /// </summary>
    public void Sample(ReadOnlySpan<int> population, int k, Span<int> destination)
    {
        int n = population.Length;
        if (k > n)
        {
            throw new ArgumentOutOfRangeException(nameof(k), k, $"Cannot sample {k} of {n} elements.");
        }

        int chosen = 0;
        for (int i = 0; i < n && chosen < k; i++)
        {
            if (GetUInt32((uint)(n - i)) < (uint)(k - chosen))
            {
                destination[chosen++] = population[i];
            }
        }
    }

    /// <summary>NuPIC's shuffle: for each k, swaps element k with element k + getUInt32(n − k).</summary>
    public void Shuffle(Span<int> values)
    {
        int n = values.Length;
        for (int k = 0; k < n; k++)
        {
            int j = k + (int)GetUInt32((uint)(n - k));
            (values[k], values[j]) = (values[j], values[k]);
        }
    }

    /// <summary>Writes the generator state (31 words and both indices).</summary>
    public void WriteState(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        foreach (uint w in _state)
        {
            writer.Write(w);
        }

        writer.Write(_front);
        writer.Write(_rear);
    }

    /// <summary>Reads state written by <see cref="WriteState"/>.</summary>
    public void ReadState(BinaryReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        for (int i = 0; i < StateSize; i++)
        {
            _state[i] = reader.ReadUInt32();
        }

        _front = reader.ReadInt32();
        _rear = reader.ReadInt32();
    }

    // The reference divides the unsigned state word (only the first word, from a seed, can be 2^31 or more)
    // and then does the Schrage step in signed 32-bit arithmetic.
    private static uint ParkMiller(uint word)
    {
        if (word == 0)
        {
            word = 123459876;
        }

        int hi = (int)(word / 127773);
        int lo = (int)(word % 127773);
        int x = unchecked((16807 * lo) - (2836 * hi));
        if (x < 0)
        {
            x += 0x7FFFFFFF;
        }

        return unchecked((uint)x);
    }
}
