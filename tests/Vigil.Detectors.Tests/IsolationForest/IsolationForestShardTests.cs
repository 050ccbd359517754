using Vigil.Detectors.IsolationForest;
using Vigil.Testing;

namespace Vigil.Detectors.Tests.IsolationForest;

/// <summary>
/// Dask-ML's pattern for the forest: shards of trees fitted separately and joined in tree order are the forest
/// <see cref="IsolationForestDetector.Fit"/> grows in one piece, exactly (the same saved state, the same scores bit for bit).
/// </summary>
public sealed class IsolationForestShardTests
{
    public static TheoryData<int, string> SeedsAndCuts => new()
    {
        { 0, "0,100" },
        { 0, "0,50,100" },
        { 7, "0,33,66,100" },
        { 42, "0,1,2,99,100" },          // uneven: one-tree shards beside a 97-tree one
        { 123456, "0,13,14,60,100" },
        { 2024, "0,0,40,100" },          // an empty shard is allowed
    };

    [Theory]
    [MemberData(nameof(SeedsAndCuts))]
    public void ShardsJoinedAreTheSingleProcessForest(int seed, string cuts)
    {
        var series = SyntheticSeries.Spike(700, at: 500, height: 6.0, seed: seed % 5 + 1);
        var options = new IsolationForestOptions { Seed = seed, Window = 12, SampleSize = 64 };
        AssertShardedEqualsLocal(series, options, Cuts(cuts));
    }

    [Fact]
    public void BootstrapFeatureSubsetsAndContaminationThresholdAlsoMatch()
    {
        var series = SyntheticSeries.RandomWalk(900, seed: 9);
        var options = new IsolationForestOptions { Seed = 31, Window = 10, Trees = 25, SampleSize = 300, Bootstrap = true, MaxFeatures = 0.5, Contamination = 0.05 };
        AssertShardedEqualsLocal(series, options, [0, 4, 5, 20, 25]);
    }

    [Fact]
    public void ASeriesShorterThanTheWindowGivesTheEmptyForestEitherWay()
    {
        var series = SyntheticSeries.SineWithNoise(8);
        AssertShardedEqualsLocal(series, new IsolationForestOptions { Seed = 3, Window = 16, Trees = 10 }, [0, 5, 10]);
    }

    [Fact]
    public void ShardsMayArriveInAnyOrder()
    {
        var series = SyntheticSeries.SineWithNoise(400, seed: 5);
        var options = new IsolationForestOptions { Seed = 11, Window = 8, Trees = 30 };
        var sharded = new IsolationForestDetector(options);
        var shards = new[] { sharded.FitShard(series, 20, 30), sharded.FitShard(series, 0, 10), sharded.FitShard(series, 10, 20) };
        sharded.FitFromShards(series, shards);
        var local = new IsolationForestDetector(options);
        local.Fit(series);
        Assert.Equal(State(local), State(sharded));
    }

    [Fact]
    public void AGapAnOverlapOrOtherDataIsRefused()
    {
        var series = SyntheticSeries.SineWithNoise(400, seed: 5);
        var options = new IsolationForestOptions { Seed = 11, Window = 8, Trees = 30 };
        var detector = new IsolationForestDetector(options);
        var gap = Assert.Throws<ArgumentException>(() => detector.FitFromShards(series, [detector.FitShard(series, 0, 10), detector.FitShard(series, 11, 30)]));
        Assert.Contains("tree 10 is missing", gap.Message, StringComparison.Ordinal);
        var overlap = Assert.Throws<ArgumentException>(() => detector.FitFromShards(series, [detector.FitShard(series, 0, 10), detector.FitShard(series, 9, 30)]));
        Assert.Contains("in two shards", overlap.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => detector.FitFromShards(series, [detector.FitShard(series, 0, 29)]));
        var other = SyntheticSeries.SineWithNoise(400, seed: 6);
        Assert.Throws<ArgumentException>(() => detector.FitFromShards(series, [detector.FitShard(other, 0, 30)]));
        Assert.Throws<ArgumentOutOfRangeException>(() => detector.FitShard(series, 0, 31));
        Assert.False(detector.IsFitted);
    }

    [Fact]
    public void AShardSurvivesItsBytesAndRejectsOthers()
    {
        var series = SyntheticSeries.SineWithNoise(300, seed: 2);
        var detector = new IsolationForestDetector(new IsolationForestOptions { Seed = 1, Window = 8, Trees = 12 });
        var shard = detector.FitShard(series, 3, 9);
        var copy = IsolationForestShard.FromBytes(shard.ToBytes());
        Assert.Equal((3, 9, 6), (copy.FirstTree, copy.EndTree, copy.TreeCount));
        Assert.Equal(shard.ToBytes(), copy.ToBytes());
        Assert.Throws<InvalidDataException>(() => IsolationForestShard.FromBytes([1, 2, 3, 4, 5, 6, 7, 8]));
        Assert.Throws<InvalidDataException>(() => IsolationForestShard.FromBytes(shard.ToBytes()[..20]));
    }

    private static void AssertShardedEqualsLocal(Vigil.TimeSeries series, IsolationForestOptions options, int[] cuts)
    {
        var local = new IsolationForestDetector(options);
        local.Fit(series);

        // Each shard is fitted by its own detector and crosses a process boundary as bytes, as on a cluster.
        var shards = new List<IsolationForestShard>();
        for (int i = 0; i + 1 < cuts.Length; i++)
        {
            var worker = new IsolationForestDetector(options);
            shards.Add(IsolationForestShard.FromBytes(worker.FitShard(series, cuts[i], cuts[i + 1]).ToBytes()));
        }

        var sharded = new IsolationForestDetector(options);
        sharded.FitFromShards(series, shards);

        Assert.Equal(local.TreeCount, sharded.TreeCount);
        Assert.Equal(BitConverter.DoubleToInt64Bits(local.Threshold), BitConverter.DoubleToInt64Bits(sharded.Threshold));
        Assert.Equal(State(local), State(sharded));
        var expected = local.ScoreSamples(series).Scores.ToArray().Select(BitConverter.DoubleToInt64Bits);
        var actual = sharded.ScoreSamples(series).Scores.ToArray().Select(BitConverter.DoubleToInt64Bits);
        Assert.Equal(expected, actual);
    }

    private static int[] Cuts(string cuts) => cuts.Split(',').Select(int.Parse).ToArray();

    private static byte[] State(IsolationForestDetector detector)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream))
        {
            detector.WriteState(writer);
        }

        return stream.ToArray();
    }
}
