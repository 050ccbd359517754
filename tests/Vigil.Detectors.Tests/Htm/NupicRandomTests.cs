using Vigil.Detectors.Htm;
using Xunit;

namespace Vigil.Detectors.Tests.Htm;

/// <summary>htm.md §3 test vectors.</summary>
public sealed class NupicRandomTests
{
    [Theory]
    [InlineData(1UL, 3723745761376425000UL, 7464235991977222558UL)]
    [InlineData(2UL, 7543924162171776743UL, 1206857364816002550UL)]
    public void GetUInt64MatchesNupic(ulong seed, ulong first, ulong second)
    {
        var rng = new NupicRandom(seed);
        Assert.Equal(first, rng.GetUInt64());
        Assert.Equal(second, rng.GetUInt64());
    }

    // A seed whose first state word is 2^31 or more: the reference divides that word unsigned in the
    // Park–Miller step (a signed division gives 5247095145539169467 for the first draw).
    [Fact]
    public void GetUInt64MatchesNupicForABigSeed()
    {
        var rng = new NupicRandom(7464235991977222558UL);
        Assert.Equal(3609339244249306794UL, rng.GetUInt64());
        Assert.Equal(4084830275585779078UL, rng.GetUInt64());
    }

    [Fact]
    public void GetReal64MatchesNupic()
    {
        var one = new NupicRandom(1);
        Assert.Equal(0.4025028174111469, one.GetReal64());
        Assert.Equal(0.29331049250469476, one.GetReal64());
        var sp = new NupicRandom(1956);
        Assert.Equal(0.6436232152350563, sp.GetReal64());
        Assert.Equal(0.3174817575955835, sp.GetReal64());
        Assert.Equal(0.30313835251459764, sp.GetReal64());
    }

    [Fact]
    public void GetUInt32MatchesNupic()
    {
        var full = new NupicRandom(42);
        Assert.Equal([91716700u, 729225899u, 1505223544u, 930964946u, 467588745u], Enumerable.Range(0, 5).Select(_ => full.GetUInt32()).ToArray());
        var bounded = new NupicRandom(42);
        Assert.Equal([300u, 299u, 344u, 146u, 345u], Enumerable.Range(0, 5).Select(_ => bounded.GetUInt32(400)).ToArray());
    }

    [Fact]
    public void SampleKeepsPopulationOrderAndMatchesNupic()
    {
        var rng = new NupicRandom(42);
        var a = new int[2];
        rng.Sample([1, 2, 3, 4], 2, a);
        Assert.Equal([1, 3], a);
        var b = new int[4];
        rng.Sample([1, 2, 3, 4], 4, b);
        Assert.Equal([1, 2, 3, 4], b);
    }

    [Fact]
    public void ShuffleMatchesNupic()
    {
        int[] values = [1, 2, 3, 4];
        new NupicRandom(42).Shuffle(values);
        Assert.Equal([1, 4, 3, 2], values);
    }

    [Fact]
    public void SamplingMoreThanThePopulationIsRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new NupicRandom(1).Sample([1, 2], 3, new int[3]));
    }
}
