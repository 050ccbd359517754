using Vigil.Detectors.Artime;
using Xunit;

namespace Vigil.Detectors.Tests.Artime;

public sealed class JuliaArithmeticTests
{
    [Theory]
    [InlineData(0.5, 0)]
    [InlineData(1.5, 2)]
    [InlineData(2.5, 2)]
    [InlineData(-0.5, 0)]
    [InlineData(-1.5, -2)]
    [InlineData(0.49999999999999994, 0)]
    [InlineData(79.5, 80)]
    public void RoundToIntTiesToEven(double x, int expected) => Assert.Equal(expected, JuliaArithmetic.RoundToInt(x));

    [Theory]
    [InlineData(0.125, 2, 0.12)]        // 12.5 → 12 (tie to even)
    [InlineData(0.375, 2, 0.38)]        // 37.5 → 38
    [InlineData(2.675, 2, 2.68)]        // 2.675·100 rounds to 267.5 in floating point → 268 (Python's round gives 2.67)
    [InlineData(0.9662934, 6, 0.966293)]
    [InlineData(1.0, 6, 1.0)]
    public void RoundDigitsRoundsTheScaledValue(double x, int digits, double expected) =>
        Assert.Equal(expected, JuliaArithmetic.RoundDigits(x, digits));

    [Fact]
    public void RoundDigitsReturnsTheInputWhenScalingOverflows() =>
        Assert.Equal(1e305, JuliaArithmetic.RoundDigits(1e305, 6));

    [Fact]
    public void ShortSumsAddLeftToRight()
    {
        // (1 + 1e16) = 1e16 (tie to the even neighbour), − 1e16 = 0, + 12 ones = 12.
        double[] x = [1.0, 1e16, -1e16, .. Enumerable.Repeat(1.0, 12)];
        Assert.Equal(15, x.Length);
        Assert.Equal(12.0, JuliaArithmetic.Sum(x));
    }

    [Fact]
    public void SumsFromSixteenValuesFollowTheVectorisedLayout()
    {
        // v = 1 + 0; then a block of 16 into 16 partial sums: lane 0 gets 1e16 (1e16 + 1 ties to 1e16), lane 1 −1e16,
        // the other 14 one each. Parts p_l = acc[12+l] + (acc[8+l] + (acc[4+l] + acc[l])): 1e16, −1e16, 4, 4;
        // lanes (p0 + p2) + (p1 + p3) = (1e16 + 4) + (−1e16 + 4) = 8. Left to right it would be 14.
        double[] x = [1.0, 0.0, 1e16, -1e16, .. Enumerable.Repeat(1.0, 14)];
        Assert.Equal(18, x.Length);
        Assert.Equal(8.0, JuliaArithmetic.Sum(x));
    }

    [Fact]
    public void MeanIsSumOverCount() => Assert.Equal(2.5, JuliaArithmetic.Mean([1.0, 2.0, 3.0, 4.0]));

    [Fact]
    public void Norm1BelowThirtyTwoValuesAddsLeftToRight()
    {
        double[] x = [1e16, .. Enumerable.Repeat(1.0, 30)];
        Assert.Equal(1e16, JuliaArithmetic.Norm1(x));
    }

    [Fact]
    public void Norm1FromThirtyTwoValuesFollowsOpenBlasDasum()
    {
        // Eight partial sums over blocks of 8: the one holding 1e16 absorbs its three ones (ties to even), the other
        // seven hold 4 each: ((1e16 + 4) + 4) + 4 and 4·4 → 1e16 + 28. Left to right every one would vanish.
        double[] x = [1e16, .. Enumerable.Repeat(-1.0, 31)];
        Assert.Equal(1e16 + 28, JuliaArithmetic.Norm1(x));
    }

    [Fact]
    public void Norm2IsTheSquareRootOfTheSumOfSquares()
    {
        Assert.Equal(5.0, JuliaArithmetic.Norm2([3.0, -4.0]));
        Assert.Equal(0.0, JuliaArithmetic.Norm2([0.0, 0.0]));
    }
}
