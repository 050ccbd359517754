using Vigil.Detectors.Htm.Encoders;
using Xunit;

namespace Vigil.Detectors.Tests.Htm;

/// <summary>htm.md §4 test vectors.</summary>
public sealed class EncoderTests
{
    private static int[] Range(int from, int to) => Enumerable.Range(from, to - from + 1).ToArray();

    [Theory]
    [InlineData(0, 0)]
    [InlineData(13, 30)]
    [InlineData(23, 55)]
    public void TimeOfDayMatchesTheSpecExamples(int hour, int minute)
    {
        var encoder = new TimeOfDayEncoder();
        Assert.Equal(54, encoder.Size);
        var bits = new int[21];
        encoder.Encode(hour, minute, bits);
        int[] expected = (hour, minute) switch
        {
            (0, 0) => [.. Range(44, 53), .. Range(0, 10)],
            (13, 30) => Range(20, 40),
            _ => [.. Range(43, 53), .. Range(0, 9)],
        };
        Assert.Equal(expected.Order(), bits.Order());
    }

    [Fact]
    public void RdseCentreBucketIsTheFirstShuffledBits()
    {
        var rdse = new RandomDistributedScalarEncoder(0.5);
        Assert.Equal(500, rdse.BucketIndex(0.0));
        Assert.Equal(
            [300, 333, 282, 346, 265, 100, 94, 316, 312, 331, 80, 66, 218, 120, 171, 235, 149, 361, 314, 41, 119],
            rdse.Bucket(500).ToArray());
    }

    [Fact]
    public void RdseNeighbourBucketsMatchTheSpecExample()
    {
        var rdse = new RandomDistributedScalarEncoder(0.5);
        var centre = rdse.Bucket(rdse.BucketIndex(0.0)).ToArray();
        int i501 = rdse.BucketIndex(0.5);
        Assert.Equal(501, i501);
        var b501 = rdse.Bucket(i501).ToArray();
        var expected501 = (int[])centre.Clone();
        expected501[501 % 21] = 69;
        Assert.Equal(expected501, b501);

        int i498 = rdse.BucketIndex(-1.0);
        Assert.Equal(498, i498);
        Assert.Equal(
            [41, 66, 80, 94, 100, 119, 120, 171, 218, 265, 282, 288, 300, 312, 314, 316, 331, 333, 346, 361, 385],
            rdse.Bucket(i498).ToArray().Order());
        Assert.Equal(20, rdse.Bucket(499).ToArray().Intersect(rdse.Bucket(500).ToArray()).Count());
    }

    [Fact]
    public void RdseRoundsHalfAwayFromZero()
    {
        var rdse = new RandomDistributedScalarEncoder(1.0);
        Assert.Equal(500, rdse.BucketIndex(0.0));
        Assert.Equal(503, rdse.BucketIndex(2.5));
        Assert.Equal(497, rdse.BucketIndex(-2.5));
        Assert.Equal(999, rdse.BucketIndex(1e9));
        Assert.Equal(0, rdse.BucketIndex(-1e9));
    }
}
