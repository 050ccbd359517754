using Vigil.Experiments.Tracking;
using Vigil.Experiments.Tracking.Mlflow;

namespace Vigil.Experiments.Tests.Tracking.Mlflow;

public sealed class MlflowBatchChunkerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(0, 0, 0, 0)]
    [InlineData(1, 0, 0, 1)]
    [InlineData(1000, 0, 0, 1)]
    [InlineData(1001, 0, 0, 2)]
    [InlineData(2500, 250, 130, 3)]
    [InlineData(950, 100, 100, 2)]   // 1,150 entities: over the total of 1,000 although each kind is within its own limit
    [InlineData(0, 101, 0, 2)]
    [InlineData(0, 0, 201, 3)]
    public void EveryBatchStaysWithinMlflowsLimitsAndTogetherTheyCarryEverythingInOrder(int metricCount, int paramCount, int tagCount, int expectedBatches)
    {
        var metrics = Enumerable.Range(0, metricCount).Select(i => new MetricPoint($"m{i % 7}", i, i, T0.AddSeconds(i))).ToArray();
        var parameters = Enumerable.Range(0, paramCount).Select(i => new KeyValuePair<string, string>($"p{i}", $"{i}")).ToArray();
        var tags = Enumerable.Range(0, tagCount).Select(i => new KeyValuePair<string, string>($"t{i}", $"{i}")).ToArray();

        var batches = MlflowBatchChunker.Chunk(metrics, parameters, tags);

        Assert.Equal(expectedBatches, batches.Count);
        foreach (var batch in batches)
        {
            Assert.InRange(batch.Metrics.Count, 0, 1000);
            Assert.InRange(batch.Params.Count, 0, 100);
            Assert.InRange(batch.Tags.Count, 0, 100);
            Assert.InRange(batch.Count, 1, 1000);
        }

        Assert.Equal(metrics, batches.SelectMany(b => b.Metrics));
        Assert.Equal(parameters, batches.SelectMany(b => b.Params));
        Assert.Equal(tags, batches.SelectMany(b => b.Tags));
    }

    [Fact]
    public void AKeyGivenTwiceIsSentOnceWithItsLastValue()
    {
        var parameters = new KeyValuePair<string, string>[] { new("a", "1"), new("b", "2"), new("a", "3") };
        var batch = Assert.Single(MlflowBatchChunker.Chunk([], parameters, []));
        Assert.Equal([new("a", "3"), new("b", "2")], batch.Params);
    }
}
