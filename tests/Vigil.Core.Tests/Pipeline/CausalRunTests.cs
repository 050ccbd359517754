using Vigil.Core.Tests.Detection;
using Vigil.Detection;
using Vigil.Pipeline;
using Vigil.Testing;

namespace Vigil.Core.Tests.Pipeline;

public sealed class CausalRunTests
{
    private static TimeSeries Series(int n = 400) => SyntheticSeries.Spike(n, at: 330);

    public static TheoryData<string> Calibrations => new() { "none", "likelihood", "ecdf", "gaussian-tail" };

    private static CalibrationSpec Spec(string method) =>
        new() { Method = CalibrationSpec.ParseMethod(method), ReestimationPeriod = 7, HistoricWindow = 50, AveragingWindow = 3, RiseWindow = 5, SmoothingAlpha = 0.5 };

    [Theory]
    [MemberData(nameof(Calibrations))]
    public void ScoresOfAPrefixAreAPrefixOfTheScoresForEveryCalibration(string method)
    {
        // No look-ahead through detector + calibrator, for a streaming and a refitting batch detector.
        var series = Series();
        foreach (Func<IAnomalyDetector> create in new Func<IAnomalyDetector>[]
        {
            () => new TrailingMeanDetector(new CountingOptions { Calibration = Spec(method) }),
            () => new FittedMeanDetector(new CountingOptions { Calibration = Spec(method) }),
        })
        {
            var whole = CausalRun.Execute(create(), new CausalRunRequest(series) { TrainLength = 40 }).Scores;
            foreach (int length in new[] { 41, 97, 200, 331, 399 })
            {
                var prefix = CausalRun.Execute(create(), new CausalRunRequest(series.Slice(0, length)) { TrainLength = 40 }).Scores;
                Assert.Equal(whole[..length], prefix);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Calibrations))]
    public void TheStreamingWrapperGivesTheRunsScoresRowByRow(string method)
    {
        var series = Series();
        var spec = Spec(method);
        var run = CausalRun.Execute(new TrailingMeanDetector(new CountingOptions()), new CausalRunRequest(series) { TrainLength = 40, Calibration = spec });
        var wrapped = StreamingRunner.Run(new CalibratedDetector(new TrailingMeanDetector(new CountingOptions()), spec, 40), series).Scores.ToArray();
        Assert.Equal(run.Scores, wrapped);
    }

    [Theory]
    [InlineData("likelihood")]
    [InlineData("ecdf")]
    [InlineData("gaussian-tail")]
    public void CalibratedScoresLieInTheUnitIntervalAndTheSpikeStandsOut(string method)
    {
        var series = Series();
        var run = CausalRun.Execute(new TrailingMeanDetector(new CountingOptions()), new CausalRunRequest(series) { TrainLength = 60, Calibration = CalibrationSpec.None with { Method = CalibrationSpec.ParseMethod(method) } });
        Assert.All(run.Scores, s => Assert.InRange(s, 0.0, 1.0));
        Assert.True(run.Scores[330] > run.Scores[320..330].Max(), $"spike {run.Scores[330]} vs before {run.Scores[320..330].Max()}");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void UnboundedRawScoresReachTheCalibratorAsTheyAreUnlessTheSpecAsksForTheBound(bool bound)
    {
        // A detector with unbounded scores: its calibrator sees the raw scores (default) or x / (1 + x) of them (the
        // behaviour before 2026-12-06), in the batch run and in the streaming wrapper alike.
        var series = Series();
        var spec = Spec("likelihood") with { BoundRawScores = bound };
        var run = CausalRun.Execute(new Unbounded(new TrailingMeanDetector(new CountingOptions())), new CausalRunRequest(series) { TrainLength = 40, Calibration = spec, UnitInterval = true });

        var rawScores = StreamingRunner.Run(new TrailingMeanDetector(new CountingOptions()), series).Scores.ToArray();
        Assert.Contains(rawScores, s => s > 1.0);   // the test needs scores the bound changes
        var bounding = new Vigil.Thresholds.RationalCalibrator();
        var calibrator = spec.Create(40);
        var expected = series.Values.ToArray().Select((v, t) => calibrator.Step(v, bound ? bounding.Calibrate(rawScores[t]) : rawScores[t])).ToArray();
        Assert.Equal(expected, run.Scores);
        Assert.Equal(bound ? rawScores.Select(bounding.Calibrate).ToArray() : rawScores, run.RawScores);

        var wrapped = StreamingRunner.Run(new CalibratedDetector(new Unbounded(new TrailingMeanDetector(new CountingOptions())), spec, 40), series).Scores.ToArray();
        Assert.Equal(run.Scores, wrapped);
        Assert.All(run.Scores, s => Assert.InRange(s, 0.0, 1.0));
    }

    [Fact]
    public void UncalibratedUnboundedScoresAreBoundedOnlyWhereTheUnitIntervalIsRequired()
    {
        var series = Series();
        var rawScores = StreamingRunner.Run(new TrailingMeanDetector(new CountingOptions()), series).Scores.ToArray();
        var free = CausalRun.Execute(new Unbounded(new TrailingMeanDetector(new CountingOptions())), new CausalRunRequest(series) { TrainLength = 40, Calibration = CalibrationSpec.None });
        var unit = CausalRun.Execute(new Unbounded(new TrailingMeanDetector(new CountingOptions())), new CausalRunRequest(series) { TrainLength = 40, Calibration = CalibrationSpec.None, UnitInterval = true });
        Assert.Equal(rawScores, free.Scores);
        Assert.Equal(rawScores.Select(new Vigil.Thresholds.RationalCalibrator().Calibrate).ToArray(), unit.Scores);
    }

    /// <summary>A streaming detector reported as having unbounded scores (as lstm-autoencoder's are).</summary>
    private sealed class Unbounded(IStreamingDetector inner) : IStreamingDetector
    {
        public DetectorDescriptor Descriptor { get; } = inner.Descriptor with { UnboundedScores = true };

        public DetectorOptions Options => inner.Options;

        public double Step(in Observation x, bool learn = true) => inner.Step(x, learn);

        public void Reset() => inner.Reset();
    }

    [Fact]
    public void TheOptionsCalibrationIsUsedUnlessTheRequestOverridesIt()
    {
        var series = Series();
        var detector = () => new TrailingMeanDetector(new CountingOptions { Calibration = CalibrationSpec.Likelihood });
        var own = CausalRun.Execute(detector(), new CausalRunRequest(series) { TrainLength = 60 });
        var overridden = CausalRun.Execute(detector(), new CausalRunRequest(series) { TrainLength = 60, Calibration = CalibrationSpec.None });
        Assert.Equal(CalibrationMethod.Likelihood, own.Calibration.Method);
        Assert.Equal(own.RawScores, overridden.Scores);
        Assert.NotEqual(own.RawScores, own.Scores);
        Assert.Equal(LikelihoodCalibratorTests.LogOfHalf, own.Scores[59], 12);   // probation rows: likelihood 0.5
    }

    [Fact]
    public void TheDefaultTrainingLengthIsNabsProbation()
    {
        var run = CausalRun.Execute(new FittedMeanDetector(new CountingOptions()), new CausalRunRequest(Series(10_000)));
        Assert.Equal(750, run.TrainLength);
        Assert.Equal(Probation.LengthFor(400), CausalRun.Execute(new FittedMeanDetector(new CountingOptions()), new CausalRunRequest(Series())).TrainLength);
    }

    [Fact]
    public void DynamicThresholdsAreOnePerRowAndPercentileThresholdsComeFromTheTrainingRows()
    {
        var series = Series();
        var dynamic = CausalRun.Execute(new TrailingMeanDetector(new CountingOptions()), new CausalRunRequest(series) { TrainLength = 60, Threshold = ThresholdRule.Dynamic }).Alarms!;
        Assert.Equal(series.Length, dynamic.Thresholds.Length);
        Assert.True(dynamic.Thresholds.Span[340] != dynamic.Thresholds.Span[60], "a rolling threshold moves");
        Assert.True(dynamic.Alarms.Span[330]);
        Assert.DoesNotContain(true, dynamic.Alarms.Span[..60].ToArray());

        var fixedRule = CausalRun.Execute(new TrailingMeanDetector(new CountingOptions()), new CausalRunRequest(series) { TrainLength = 60, Threshold = ThresholdRule.Parse("p99.5") });
        double expected = Vigil.Thresholds.Percentile.Of(fixedRule.Scores[..60], 99.5);
        Assert.All(fixedRule.Alarms!.Thresholds.ToArray(), t => Assert.Equal(expected, t));
    }
}
