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
    public void CancellingTheRunCancelsTheFitThatAStepStarts()
    {
        // Issue 12 item 21: the first fit inside the adapter (minutes for a large model) used to run to its end after Ctrl+C.
        using var cancel = new CancellationTokenSource();
        var inner = new FittedMeanDetector(new CountingOptions()) { DuringFit = cancel.Cancel };
        var streaming = new BatchAsStreaming(inner, new RefitPolicy(TrainLength: 3));
        Assert.ThrowsAny<OperationCanceledException>(() => StreamingRunner.Run(streaming, Series(1, 2, 3, 10, 2), ct: cancel.Token));
        Assert.Equal(0, inner.FitCount);
        Assert.False(inner.IsFitted);
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
    public void TheFirstFitTakesEveryCollectedPointEvenWhenTheTrainWindowIsShorter()
    {
        var inner = new FittedMeanDetector(new CountingOptions());
        StreamingRunner.Run(new BatchAsStreaming(inner, new RefitPolicy(TrainLength: 6, RefitEvery: 3, TrainWindow: 4)), Series(Enumerable.Range(0, 14).Select(i => (double)i).ToArray()));
        Assert.Equal([6, 4, 4], inner.FitLengths);
    }

    [Fact]
    public void AFineTunableDetectorIsFineTunedAtRefitsNotRefitted()
    {
        var inner = new FineTunedMeanDetector(new CountingOptions());
        StreamingRunner.Run(new BatchAsStreaming(inner, new RefitPolicy(TrainLength: 6, RefitEvery: 3, TrainWindow: 4)), Series(Enumerable.Range(0, 14).Select(i => (double)i).ToArray()));
        Assert.Equal(["fit:6", "tune:4", "tune:4"], inner.Calls);
    }

    [Theory]
    [InlineData(6, 0, 0)]
    [InlineData(6, 3, 4)]
    [InlineData(6, 1, 0)]
    [InlineData(5, 7, 2)]
    [InlineData(1, 4, 0)]
    [InlineData(20, 3, 0)]
    public void CausalBatchScorerEqualsTheAdapterRowForRowWithTheSameFitsAndFineTunes(int trainLength, int refitEvery, int trainWindow)
    {
        var values = Enumerable.Range(0, 17).Select(i => Math.Sin(i / 2.0) * 10 + i).ToArray();
        var policy = new RefitPolicy(trainLength, refitEvery, trainWindow);
        foreach (Func<IBatchDetector> create in new Func<IBatchDetector>[] { () => new FittedMeanDetector(new CountingOptions()), () => new FineTunedMeanDetector(new CountingOptions()) })
        {
            var streamedDetector = create();
            var streamed = StreamingRunner.Run(new BatchAsStreaming(streamedDetector, policy), Series(values)).Scores.ToArray();
            var onePassDetector = create();
            var onePass = CausalBatchScorer.Score(onePassDetector, Series(values), policy);
            Assert.Equal(streamed, onePass);
            if (streamedDetector is FineTunedMeanDetector tuned)
            {
                // The adapter may refit once more after the last row, which scores nothing.
                var calls = ((FineTunedMeanDetector)onePassDetector).Calls;
                Assert.Equal(tuned.Calls.Take(calls.Count), calls);
                Assert.InRange(tuned.Calls.Count - calls.Count, 0, 1);
            }
        }
    }

    [Fact]
    public void CausalBatchScorerCanGiveTheTrainingRowsTheirInSampleScoresAndReportsProgress()
    {
        var values = new double[] { 1, 2, 3, 10, 2 };
        var done = new List<int>();
        var scores = CausalBatchScorer.Score(new FittedMeanDetector(new CountingOptions()), Series(values), new RefitPolicy(3, 1), scoreTrainingRows: true, done.Add);
        // mean of [1,2,3] = 2: in-sample 1, 0 + 1, 1 + 1; row 3 as the adapter gives it: 15; then refit on [1,2,3,10] (mean 4): |2-4| + 8 = 10
        Assert.Equal([1.0, 1.0, 2.0, 15.0, 10.0], scores);
        Assert.Equal([3, 4, 5], done);
        Assert.Equal(new double[3], CausalBatchScorer.Score(new FittedMeanDetector(new CountingOptions()), Series(1, 2, 3), new RefitPolicy(4), scoreTrainingRows: true));
    }

    [Fact]
    public void UnfittedBatchDetectorThrowsNotFitted() =>
        Assert.Throws<NotFittedException>(() => new FittedMeanDetector(new CountingOptions()).ScoreSamples(Series(1, 2)));
}
