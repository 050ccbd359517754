using Vigil.Detection;

namespace Vigil.Core.Tests.Detection;

public sealed class RunnerTests
{
    private static TimeSeries Series(params double[] values) => new(
        "t",
        values.Select((_, i) => new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(i)).ToArray(),
        values);

    [Fact]
    public void StreamingRunnerGivesOneScorePerPointInOrder()
    {
        var scores = StreamingRunner.Run(new TrailingMeanDetector(new CountingOptions { Window = 2 }), Series(1, 3, 5, 5));
        Assert.Equal([0.0, 2.0, 3.0, 1.0], scores.Scores.ToArray());
    }

    [Fact]
    public void BatchAsStreamingFitsOnTheTrainPrefixThenScoresOnlyFromThePast()
    {
        var inner = new FittedMeanDetector(new CountingOptions());
        var streaming = new BatchAsStreaming(inner, new RefitPolicy(TrainLength: 3));
        var scores = StreamingRunner.Run(streaming, Series(1, 2, 3, 10, 2)).Scores.ToArray();
        // mean of [1,2,3] = 2; row 3: |10-2| + |10-3| = 15; row 4: |2-2| + |2-10| = 8
        Assert.Equal([0.0, 0.0, 0.0, 15.0, 8.0], scores);
        Assert.Equal(1, inner.FitCount);
    }

    [Fact]
    public void BatchAsStreamingAgreesWithBatchScoringAfterTheTrainPrefix()
    {
        var values = Enumerable.Range(0, 50).Select(i => Math.Sin(i / 3.0) * 10).ToArray();
        var series = Series(values);
        var batch = new FittedMeanDetector(new CountingOptions());
        batch.Fit(series.Slice(0, 20));
        var expected = batch.ScoreSamples(series).Scores.ToArray();

        var streamed = StreamingRunner.Run(new BatchAsStreaming(new FittedMeanDetector(new CountingOptions()), new RefitPolicy(20)), series).Scores.ToArray();
        Assert.Equal(expected[20..], streamed[20..]);
    }

    [Fact]
    public void BatchAsStreamingRefitsOnATrailingWindow()
    {
        var inner = new FittedMeanDetector(new CountingOptions());
        StreamingRunner.Run(new BatchAsStreaming(inner, new RefitPolicy(TrainLength: 4, RefitEvery: 3, TrainWindow: 5)), Series(Enumerable.Range(0, 14).Select(i => (double)i).ToArray()));
        Assert.Equal([4, 5, 5, 5], inner.FitLengths);
    }

    [Fact]
    public void UnfittedBatchDetectorThrowsNotFitted() =>
        Assert.Throws<NotFittedException>(() => new FittedMeanDetector(new CountingOptions()).ScoreSamples(Series(1, 2)));
}
