namespace Vigil.Detectors.ContextOse;

/// <summary>
/// CPython 2.7's hash of an int and of a tuple of ints on a 64-bit build, which CAD OSE uses as the key of
/// a semi-context and as a tie-breaker when it ranks active contexts. Reproduced because the detector's
/// output depends on it.
/// </summary>
/// <remarks>
/// A Python 2 int hashes to its value, except −1, which is reserved for errors and becomes −2. A tuple starts
/// at 0x345678 with multiplier 1000003; for each item, <c>x = (x ^ hash(item)) * mult</c>, then the multiplier
/// grows by 82520 plus twice the number of items still to come; finally 97531 is added (−1 becomes −2).
/// The arithmetic is that of a C <c>long</c> (64 bits), wrapping on overflow as CPython, built with
/// <c>-fwrapv</c>, does.
/// </remarks>
public static class Python2Hash
{
    /// <summary>Hash of a Python 2 int (also of the <c>long</c> values CAD OSE builds, which fit 64 bits).</summary>
    public static long OfInt(long value) => value == -1 ? -2 : value;

    /// <summary>Hash of a tuple of ints.</summary>
    public static long OfTuple(ReadOnlySpan<long> items)
    {
        unchecked
        {
            long x = 0x345678L;
            long mult = 1000003L;
            int remaining = items.Length;
            foreach (long item in items)
            {
                remaining--;
                x = (x ^ OfInt(item)) * mult;
                mult += 82520L + remaining + remaining;
            }

            x += 97531L;
            return x == -1 ? -2 : x;
        }
    }
}
