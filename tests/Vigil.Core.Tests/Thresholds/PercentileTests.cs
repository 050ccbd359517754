using Vigil.Thresholds;

namespace Vigil.Core.Tests.Thresholds;

public sealed class PercentileTests
{
    // Expected values worked out by hand with scipy.stats.scoreatpercentile's rule (index = p/100*(n-1), linear
    // interpolation), and equal to np.percentile(..., method="linear").
    [Theory]
    [InlineData(new double[] { 1, 2, 3, 4, 5 }, 99.0, 4.96)]
    [InlineData(new double[] { 15, 20, 35, 40, 50 }, 40.0, 29.0)]
    [InlineData(new double[] { 15, 20, 35, 40, 50 }, 30.0, 23.0)]
    [InlineData(new double[] { 10, 7, 4, 3, 2, 1 }, 50.0, 3.5)]
    [InlineData(new double[] { 5, 1, 4 }, 0.0, 1.0)]
    [InlineData(new double[] { 5, 1, 4 }, 100.0, 5.0)]
    [InlineData(new double[] { 42 }, 99.0, 42.0)]
    public void MatchesScipyScoreAtPercentile(double[] values, double percent, double expected)
    {
        Assert.Equal(expected, Percentile.Of(values, percent), 12);
    }

    [Fact]
    public void MedianOfZeroToNinetyNineIsFortyNinePointFive()
    {
        var values = Enumerable.Range(0, 100).Select(i => (double)i).ToArray();
        Assert.Equal(49.5, Percentile.Of(values, 50), 12);
        Assert.Equal(98.01, Percentile.Of(values, 99), 12);
    }

    [Fact]
    public void EmptyInputOrOutOfRangePercentThrows()
    {
        Assert.Throws<ArgumentException>(() => Percentile.Of([], 50));
        Assert.Throws<ArgumentOutOfRangeException>(() => Percentile.Of([1.0], 101));
    }
}
