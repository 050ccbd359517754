using Vigil.Detection;
using Vigil.Detectors.IsolationForest;
using Vigil.Evaluation.Nab;
using Vigil.Testing;
using Vigil.Thresholds;

namespace Vigil.Evaluation.Tests.Nab;

public sealed class NabRunnerTests
{
    private static IsolationForestDetector Forest() =>
        new(new IsolationForestOptions { Trees = 25, SampleSize = 64, Window = 16, Seed = 3 });

    [Theory]
    [InlineData(false, 0, 0)]
    [InlineData(true, 0, 0)]
    [InlineData(false, 70, 100)]
    [InlineData(true, 70, 0)]
    [InlineData(false, 1, 30)]
    public void BatchScoringEqualsTheRowByRowAdapterAfterTheTrainingRows(bool unbounded, int refitEvery, int trainWindow)
    {
        var series = SyntheticSeries.Spike(400, at: 330);
        var policy = new RefitPolicy(60, refitEvery, trainWindow);

        var fast = NabRunner.ScoreBatchCausally(Forest(), series, policy, unbounded);

        IStreamingDetector adapter = new BatchAsStreaming(Forest(), policy);
        if (unbounded)
        {
            adapter = new CalibratedStreaming(adapter, new RationalCalibrator());
        }

        var slow = StreamingRunner.Run(adapter, series).Scores.ToArray();
        Assert.Equal(slow[60..].Select(BitConverter.DoubleToInt64Bits), fast[60..].Select(BitConverter.DoubleToInt64Bits));
        if (refitEvery == 0)
        {
            Assert.True(fast[330] > fast[300], "the spike should stand out");
        }
    }

    [Fact]
    public void TrainingRowsCarryTheFirstModelsInSampleScores()
    {
        var series = SyntheticSeries.Spike(400, at: 330);
        var fast = NabRunner.ScoreBatchCausally(Forest(), series, new RefitPolicy(60, 50, 100), unbounded: false);
        var fitted = Forest();
        fitted.Fit(series.Slice(0, 60));
        var inSample = fitted.ScoreSamples(series.Slice(0, 60)).Scores.ToArray();
        Assert.Equal(inSample, fast[..60]);
        Assert.Contains(inSample, s => s > 0);
    }

    [Fact]
    public void SeriesShorterThanTheTrainingPrefixScoresZero()
    {
        var series = SyntheticSeries.SineWithNoise(20);
        Assert.All(NabRunner.ScoreBatchCausally(Forest(), series, new RefitPolicy(50), unbounded: false), s => Assert.Equal(0.0, s));
    }
}
