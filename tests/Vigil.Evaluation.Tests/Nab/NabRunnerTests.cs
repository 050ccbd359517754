using Vigil.Detection;
using Vigil.Detectors.IsolationForest;
using Vigil.Evaluation.Nab;
using Vigil.Pipeline;
using Vigil.Testing;

namespace Vigil.Evaluation.Tests.Nab;

public sealed class NabRunnerTests
{
    private static IsolationForestDetector Forest(int refitEvery = 0, int trainWindow = 0) =>
        new(new IsolationForestOptions { Trees = 25, SampleSize = 64, Window = 16, Seed = 3, RefitEvery = refitEvery, TrainWindow = trainWindow, Calibration = CalibrationSpec.None });

    // The NAB runner's batch path (CausalRun with NAB's settings) for a 60-row probation.
    private static double[] NabScores(IsolationForestDetector forest, TimeSeries series) =>
        CausalRun.Execute(forest, new CausalRunRequest(series) { TrainLength = 60, UnitInterval = true, ScoreTrainingRows = true }).Scores;

    [Theory]
    [InlineData(0, 0)]
    [InlineData(70, 100)]
    [InlineData(1, 30)]
    public void BatchScoringEqualsTheRowByRowAdapterAfterTheTrainingRows(int refitEvery, int trainWindow)
    {
        var series = SyntheticSeries.Spike(400, at: 330);
        var policy = new RefitPolicy(60, refitEvery, trainWindow);

        var fast = NabScores(Forest(refitEvery, trainWindow), series);

        IStreamingDetector adapter = new BatchAsStreaming(Forest(refitEvery, trainWindow), policy);
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
        var fast = NabScores(Forest(50, 100), series);
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
        Assert.All(CausalRun.Execute(Forest(), new CausalRunRequest(series) { TrainLength = 50, UnitInterval = true, ScoreTrainingRows = true }).Scores, s => Assert.Equal(0.0, s));
    }
}
