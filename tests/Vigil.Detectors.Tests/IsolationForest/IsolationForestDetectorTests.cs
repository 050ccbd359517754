using Vigil.Detection;
using Vigil.Detectors.IsolationForest;
using Vigil.Testing;

namespace Vigil.Detectors.Tests.IsolationForest;

public sealed class IsolationForestDetectorTests
{
    [Fact]
    public void DefaultsAreScikitLearnsAndTheWorkloadsWindow()
    {
        var options = new IsolationForestOptions();
        Assert.Equal(100, options.Trees);
        Assert.Equal(256, options.SampleSize);
        Assert.Equal(1.0, options.MaxFeatures);
        Assert.False(options.Bootstrap);
        Assert.Equal(0.0, options.Contamination);
        Assert.Equal(32, options.Window);
        Assert.False(options.Differences);

        // The causal NAB configuration chosen by cross-validation (docs/calibration.md): refits and a shorter likelihood history.
        Assert.Equal(500, options.RefitEvery);
        Assert.Equal(2000, options.TrainWindow);
        Assert.Equal(Vigil.Pipeline.CalibrationMethod.Likelihood, options.Calibration.Method);
        Assert.Equal(1000, options.Calibration.HistoricWindow);
        Assert.Equal(10, options.Calibration.AveragingWindow);

        // The likelihood of the rise above the previous 24 raw scores, chosen in 6 of 7 leave-one-category-out folds
        // among 8 rise windows (docs/calibration.md, "isolation-forest: scoring the rise").
        Assert.Equal(24, options.Calibration.RiseWindow);
    }

    [Theory]
    [InlineData(0, 0.0)]
    [InlineData(1, 0.0)]
    [InlineData(2, 1.0)]
    [InlineData(256, 10.244770920119917)]
    public void AveragePathLengthIsScikitLearns(int n, double expected)
    {
        // sklearn.ensemble._iforest._average_path_length([256]) printed 10.244770920119917 (scikit-learn 1.2.1)
        Assert.Equal(expected, AveragePathLength.Of(n), 12);
    }

    [Fact]
    public void ASpikeScoresHighestAndScoresLieInZeroOne()
    {
        var series = SyntheticSeries.Spike(1000, at: 600, height: 8.0);
        var detector = Fitted(series, new IsolationForestOptions { Window = 16 });
        var scores = detector.ScoreSamples(series);
        Assert.Equal(15, scores.WarmupLength);
        var span = scores.Scores.Span;
        int argmax = span.IndexOf(System.Linq.Enumerable.Max(span.ToArray()));
        Assert.InRange(argmax, 600, 615);
        foreach (double s in span[15..])
        {
            Assert.InRange(s, 0.0, 1.0);
        }
    }

    [Fact]
    public void WarmUpPointsScoreZero()
    {
        var series = SyntheticSeries.SineWithNoise(200);
        var scores = Fitted(series, new IsolationForestOptions()).ScoreSamples(series).Scores.Span;
        Assert.True(scores[..31].ToArray().All(s => s == 0.0));
        Assert.True(scores[31..].ToArray().All(s => s > 0.0));
    }

    [Fact]
    public void SampleSizeLargerThanTheDataUsesEveryWindow()
    {
        var series = SyntheticSeries.SineWithNoise(100);
        var detector = Fitted(series, new IsolationForestOptions { SampleSize = 5000, Window = 10 });
        Assert.Equal(91, detector.EffectiveSampleSize);
        Assert.Equal(100, detector.TreeCount);
    }

    [Fact]
    public void TrainingShorterThanOneWindowGivesAModelThatScoresZero()
    {
        var detector = Fitted(SyntheticSeries.SineWithNoise(20), new IsolationForestOptions { Window = 32 });
        Assert.True(detector.IsFitted);
        Assert.Equal(0, detector.TreeCount);
        var scores = detector.ScoreSamples(SyntheticSeries.SineWithNoise(100)).Scores.ToArray();
        Assert.All(scores, s => Assert.Equal(0.0, s));
    }

    [Fact]
    public void ConstantSeriesScoresOneHalfEverywhereAfterWarmUp()
    {
        // Every window is identical: no split exists, each tree is one leaf of ψ points, E[h] = c(ψ), s = 2^-1.
        var series = SyntheticSeries.Constant(300);
        var scores = Fitted(series, new IsolationForestOptions { Window = 8 }).ScoreSamples(series).Scores.Span;
        Assert.True(scores[7..].ToArray().All(s => Math.Abs(s - 0.5) < 1e-12));
    }

    [Fact]
    public void ContaminationPutsTheThresholdAtThatTrainingQuantile()
    {
        var series = SyntheticSeries.SineWithNoise(2000);
        var auto = Fitted(series, new IsolationForestOptions());
        Assert.Equal(0.5, auto.Threshold);

        var detector = Fitted(series, new IsolationForestOptions { Contamination = 0.1 });
        var scores = detector.ScoreSamples(series).Scores.Span[31..].ToArray();
        double above = scores.Count(s => s > detector.Threshold) / (double)scores.Length;
        Assert.InRange(above, 0.095, 0.105);
    }

    [Fact]
    public void MaxFeaturesAndBootstrapChangeTheForestButStayReproducible()
    {
        var series = SyntheticSeries.RandomWalk(800);
        var options = new IsolationForestOptions { MaxFeatures = 0.25, Bootstrap = true, Seed = 7 };
        var a = Fitted(series, options).ScoreSamples(series).Scores.ToArray();
        var b = Fitted(series, options).ScoreSamples(series).Scores.ToArray();
        var c = Fitted(series, new IsolationForestOptions { Seed = 7 }).ScoreSamples(series).Scores.ToArray();
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void ScoresDoNotDependOnParallelScoringOfLongSeries()
    {
        // Long series are scored in parallel blocks; a window scored alone gets the same bits.
        var series = SyntheticSeries.SineWithNoise(20_000);
        var detector = Fitted(series, new IsolationForestOptions());
        var all = detector.ScoreSamples(series).Scores.Span;
        foreach (int end in new[] { 31, 9000, 19_999 })
        {
            var alone = detector.ScoreSamples(series.Slice(end - 31, 32)).Scores.Span[^1];
            Assert.Equal(all[end], alone);
        }
    }

    [Fact]
    public void StateRoundTripGivesIdenticalScores()
    {
        var series = SyntheticSeries.StepChange(1500, at: 900);
        var options = new IsolationForestOptions { Contamination = 0.05, Seed = 3 };
        var detector = Fitted(series.Slice(0, 1000), options);
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            detector.WriteState(writer);
        }

        stream.Position = 0;
        using var reader = new BinaryReader(stream);
        var restored = (IsolationForestDetector)IsolationForestDetector.Descriptor.Restore!(options, reader, IsolationForestDetector.StateVersion);
        Assert.Equal(detector.ScoreSamples(series).Scores.ToArray(), restored.ScoreSamples(series).Scores.ToArray());
        Assert.Equal(detector.Threshold, restored.Threshold);
    }

    [Fact]
    public void ANewerStateVersionFailsWithAClearMessage()
    {
        using var reader = new BinaryReader(new MemoryStream(new byte[16]));
        var ex = Assert.Throws<InvalidDataException>(() => IsolationForestDetector.Restore(new IsolationForestOptions(), reader, IsolationForestDetector.StateVersion + 1));
        Assert.Contains("upgrade Vigil", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CausalModeFitsOnTheProbationPrefixAndRefits()
    {
        var series = SyntheticSeries.Spike(1200, at: 1000);
        var options = new IsolationForestOptions { Window = 16, RefitEvery = 300, TrainWindow = 400 };
        var streaming = new BatchAsStreaming(new IsolationForestDetector(options), new RefitPolicy(180, options.RefitEvery, options.TrainWindow));
        var scores = StreamingRunner.Run(streaming, series).Scores.Span;
        Assert.True(scores[..180].ToArray().All(s => s == 0.0));
        int argmax = scores.IndexOf(scores.ToArray().Max());
        Assert.InRange(argmax, 1000, 1015);
    }

    [Fact]
    public void DifferencesScoreTheWindowsOfTheDifferencedSeries()
    {
        // Definition: with differences on, the forest is the one grown on d[i] = x[i + 1] − x[i], and the score of
        // value i is the plain detector's score of the difference window ending at d[i − 1].
        var series = SyntheticSeries.StepChange(600, at: 400, height: 5.0);
        var train = SyntheticSeries.Create("train", series.Values.Span[..300]);
        var options = new IsolationForestOptions { Window = 8, Trees = 30, Seed = 5 };
        var differences = Fitted(train, options with { Differences = true });
        var plain = Fitted(Differenced(train), options);
        Assert.Equal(9, differences.ContextLength);
        Assert.Equal(plain.Threshold, differences.Threshold);

        var scored = differences.ScoreSamples(series);
        var expected = plain.ScoreSamples(Differenced(series)).Scores.ToArray();
        var actual = scored.Scores.ToArray();
        Assert.Equal(8, scored.WarmupLength);   // a window of 8 differences needs 9 values
        Assert.All(actual[..8], s => Assert.Equal(0.0, s));
        for (int i = 8; i < actual.Length; i++)
        {
            Assert.Equal(expected[i - 1], actual[i]);
        }
    }

    private static TimeSeries Differenced(TimeSeries series)
    {
        var x = series.Values.Span;
        var d = new double[x.Length - 1];
        for (int i = 0; i < d.Length; i++)
        {
            d[i] = x[i + 1] - x[i];
        }

        return SyntheticSeries.Create(series.Id + "-diff", d);
    }

    private static IsolationForestDetector Fitted(TimeSeries series, IsolationForestOptions options)
    {
        var detector = new IsolationForestDetector(options);
        detector.Fit(series);
        return detector;
    }
}
