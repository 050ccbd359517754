using Vigil.Detectors.ContextOse;
using Xunit;

namespace Vigil.Detectors.Tests.ContextOse;

/// <summary>CPython 2.7 (64-bit) hashes of ints and tuples of ints.</summary>
public sealed class Python2HashTests
{
    [Fact]
    public void EmptyTupleHashesToTheSeedPlusTheFinalConstant()
    {
        // 0x345678 + 97531: hash(()) on a 64-bit CPython 2.7.
        Assert.Equal(3527539L, Python2Hash.OfTuple([]));
    }

    [Theory]
    // Values printed by 64-bit CPython 2.7 (and by CPython 3 before 3.8, which kept this tuple hash for small ints).
    [InlineData(new long[] { 1, 2 }, 3713081631934410656L)]
    [InlineData(new long[] { 1, 2, 3 }, 2528502973977326415L)]
    public void KnownTuplesHashAsCPython27(long[] tuple, long expected)
    {
        Assert.Equal(expected, Python2Hash.OfTuple(tuple));
    }

    [Fact]
    public void SingleItemTupleFollowsTheRecurrenceByHand()
    {
        // (0,): x = (0x345678 ^ 0) * 1000003 = 3430008 * 1000003 = 3430018290024, + 97531 = 3430018387555.
        Assert.Equal(3430018387555L, Python2Hash.OfTuple([0]));
    }

    [Fact]
    public void MinusOneHashesLikeMinusTwo()
    {
        Assert.Equal(-2L, Python2Hash.OfInt(-1));
        Assert.Equal(-2L, Python2Hash.OfInt(-2));
        Assert.Equal(5L, Python2Hash.OfInt(5));
        Assert.Equal(Python2Hash.OfTuple([-2]), Python2Hash.OfTuple([-1]));
    }

    [Fact]
    public void LargeFactsWrapAsACLong()
    {
        // Neuron facts are 2^31 + id; the products overflow 64 bits and must wrap, not throw.
        long a = Python2Hash.OfTuple([0, 2, 4, (1L << 31) + 7]);
        long b = Python2Hash.OfTuple([0, 2, 4, (1L << 31) + 8]);
        Assert.NotEqual(a, b);
        Assert.Equal(a, Python2Hash.OfTuple([0, 2, 4, (1L << 31) + 7]));
    }

    [Fact]
    public void OrderOfItemsMatters()
    {
        Assert.NotEqual(Python2Hash.OfTuple([1, 2]), Python2Hash.OfTuple([2, 1]));
    }
}

/// <summary>pandas 0.x's xstrtod, worked by hand.</summary>
public sealed class PandasFloatParsingTests
{
    [Fact]
    public void XstrtodIsNotCorrectlyRounded()
    {
        // The maximum of ec2_request_latency_system_failure.csv: 16 digits accumulate inexactly beyond 2^53, then are
        // divided by 10^2, 10^4 and 10^8 in turn: pandas read 99.248; the correctly rounded value is the double below it.
        Assert.Equal(99.248, PandasFloatParsing.Xstrtod("99.24799999999999"));
        Assert.Equal(99.248, PandasFloatParsing.Reparse(99.24799999999999));
        Assert.NotEqual(99.248, 99.24799999999999);
    }

    [Theory]
    [InlineData("10844", 10844.0)]
    [InlineData("-2.5", -2.5)]
    [InlineData("1.5e3", 1500.0)]
    [InlineData("25E-1", 2.5)]
    public void ExactCasesParseExactly(string text, double expected)
    {
        Assert.Equal(expected, PandasFloatParsing.Xstrtod(text));
    }
}
