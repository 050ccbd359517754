using Vigil.Numerics;

namespace Vigil.Detectors.Tests.Numerics;

// Reference values printed by CPython 3.11.2 (Debian 12): python3 -c "import math; print(repr(math.erfc(x)), repr(math.erf(x)))".
public sealed class SpecialFunctionsTests
{
    /// <summary>
    /// Python's math.erfc is glibc's, whose polynomial order SpecialFunctions follows, so on Linux the values agree
    /// bit for bit; elsewhere Math.Exp comes from another C library and may differ in the last place.
    /// </summary>
    internal static readonly double ReferenceTolerance = OperatingSystem.IsLinux() ? 0.0 : 1e-15;

    [Theory]
    [InlineData(0.0, 1.0)]
    [InlineData(0.5, 0.4795001221869535)]
    [InlineData(1.0, 0.15729920705028513)]
    [InlineData(2.0, 0.004677734981047265)]
    [InlineData(3.0, 2.2090496998585438e-05)]
    [InlineData(5.0, 1.5374597944280351e-12)]
    [InlineData(10.0, 2.088487583762545e-45)]
    [InlineData(-1.0, 1.842700792949715)]
    [InlineData(0.1, 0.8875370839817152)]
    [InlineData(0.3, 0.6713732405408726)]
    [InlineData(0.84, 0.23485728854500548)]
    [InlineData(0.9, 0.20309178757716786)]
    [InlineData(1.2, 0.08968602177036465)]
    [InlineData(1.3, 0.06599205505934755)]
    [InlineData(2.5, 0.0004069520174449589)]
    [InlineData(2.9, 4.109787809945886e-05)]
    [InlineData(4.0, 1.541725790028002e-08)]
    [InlineData(6.0, 2.1519736712498916e-17)]
    [InlineData(20.0, 5.3958656116079005e-176)]
    [InlineData(26.5, 2.2109076642637343e-307)]
    [InlineData(-0.5, 1.5204998778130465)]
    [InlineData(-2.0, 1.9953222650189528)]
    [InlineData(-3.0, 1.9999779095030015)]
    [InlineData(-5.0, 1.9999999999984626)]
    [InlineData(-6.5, 2.0)]
    [InlineData(1e-10, 0.999999999887162)]
    [InlineData(1e-20, 1.0)]
    public void ErfcEqualsPythonMathErfc(double x, double expected)
    {
        AssertRelative(expected, SpecialFunctions.Erfc(x), ReferenceTolerance);
    }

    [Theory]
    [InlineData(0.5, 0.5204998778130465)]
    [InlineData(1.0, 0.8427007929497149)]
    [InlineData(2.0, 0.9953222650189527)]
    [InlineData(3.0, 0.9999779095030014)]
    [InlineData(5.0, 0.9999999999984626)]
    [InlineData(-1.0, -0.8427007929497149)]
    [InlineData(0.1, 0.1124629160182849)]
    [InlineData(0.84, 0.7651427114549946)]
    [InlineData(1.2, 0.9103139782296353)]
    [InlineData(2.9, 0.9999589021219005)]
    [InlineData(1e-10, 1.1283791670955126e-10)]
    [InlineData(1e-20, 1.1283791670955125e-20)]
    [InlineData(-1e-20, -1.1283791670955125e-20)]
    [InlineData(10.0, 1.0)]
    public void ErfEqualsPythonMathErf(double x, double expected)
    {
        AssertRelative(expected, SpecialFunctions.Erf(x), ReferenceTolerance);
    }

    [Fact]
    public void ErfcOf27IsTheRightSubnormal()
    {
        // erfc(27) ≈ 5.2370464393526e-319 is subnormal (spacing 4.9e-324), so compare within a few spacings.
        Assert.InRange(SpecialFunctions.Erfc(27.0), 5.23705e-319 - 2e-323, 5.23705e-319 + 2e-323);
    }

    [Fact]
    public void ErfcHandlesInfinitiesNaNAndTheFarTail()
    {
        Assert.Equal(0.0, SpecialFunctions.Erfc(double.PositiveInfinity));
        Assert.Equal(2.0, SpecialFunctions.Erfc(double.NegativeInfinity));
        Assert.True(double.IsNaN(SpecialFunctions.Erfc(double.NaN)));
        Assert.Equal(0.0, SpecialFunctions.Erfc(40.0));
        Assert.Equal(2.0, SpecialFunctions.Erfc(-40.0));
        Assert.Equal(1.0, SpecialFunctions.Erf(double.PositiveInfinity));
        Assert.Equal(-1.0, SpecialFunctions.Erf(double.NegativeInfinity));
    }

    [Fact]
    public void ErfAndErfcAreComplementaryAndMonotone()
    {
        double previous = 2.0;
        for (double x = -7; x <= 7; x += 0.01)
        {
            double erfc = SpecialFunctions.Erfc(x);
            Assert.True(erfc <= previous, $"erfc is not monotone at {x}.");
            Assert.Equal(1.0, SpecialFunctions.Erf(x) + erfc, 1e-15);
            previous = erfc;
        }
    }

    private static void AssertRelative(double expected, double actual, double tolerance)
    {
        double error = expected == 0 ? Math.Abs(actual) : Math.Abs((actual - expected) / expected);
        Assert.True(error <= tolerance, $"expected {expected:R}, got {actual:R} (relative error {error:E2}).");
    }
}
