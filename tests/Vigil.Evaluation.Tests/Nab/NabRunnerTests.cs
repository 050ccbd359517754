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
    [InlineData(false)]
    [InlineData(true)]
    public void OnePassBatchScoringEqualsTheRowByRowAdapter(bool unbounded)
    {
        var series = SyntheticSeries.Spike(400, at: 330);
        const int train = 60;

        var fast = NabRunner.ScoreBatchCausally(Forest(), series, train, unbounded);

        IStreamingDetector adapter = new BatchAsStreaming(Forest(), new RefitPolicy(train));
        if (unbounded)
        {
            adapter = new CalibratedStreaming(adapter, new RationalCalibrator());
        }

        var slow = StreamingRunner.Run(adapter, series).Scores.ToArray();
        Assert.Equal(slow.Select(BitConverter.DoubleToInt64Bits), fast.Select(BitConverter.DoubleToInt64Bits));
        Assert.True(fast[330] > fast[300], "the spike should stand out");
    }

    [Fact]
    public void SeriesShorterThanTheTrainingPrefixScoresZero()
    {
        var series = SyntheticSeries.SineWithNoise(20);
        Assert.All(NabRunner.ScoreBatchCausally(Forest(), series, 50, unbounded: false), s => Assert.Equal(0.0, s));
    }
}
