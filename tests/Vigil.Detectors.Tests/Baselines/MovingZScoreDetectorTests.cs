using Vigil.Detection;
using Vigil.Detectors.Baselines;
using Vigil.Testing;
using Vigil.Validation;

namespace Vigil.Detectors.Tests.Baselines;

public sealed class MovingZScoreDetectorTests
{
    private static readonly Observation[] History = [Point(1.0), Point(3.0)];

    [Fact]
    public void ScoresAreZeroUntilMinHistoryPointsWereSeen()
    {
        var detector = new MovingZScoreDetector(new MovingZScoreOptions { MinHistory = 3 });
        Assert.Equal(0.0, detector.Step(Point(100)));
        Assert.Equal(0.0, detector.Step(Point(-100)));
        Assert.Equal(0.0, detector.Step(Point(100)));
        Assert.True(detector.Step(Point(1000)) > 0.0);
    }

    [Fact]
    public void ScoreIsOneMinusExpOfMinusZOverScaleAgainstPreviousPointsOnly()
    {
        var detector = new MovingZScoreDetector(new MovingZScoreOptions { Scale = 2.0 });
        foreach (var x in History)
        {
            detector.Step(x);
        }

        // Previous points 1 and 3: mean 2, population std 1; x = 5 gives z = 3.
        Assert.Equal(1.0 - Math.Exp(-1.5), detector.Step(Point(5.0)), 15);
    }

    [Fact]
    public void OnlyTheLastWindowPointsCount()
    {
        var detector = new MovingZScoreDetector(new MovingZScoreOptions { Window = 2 });
        foreach (double v in new[] { 1000.0, 1.0, 3.0 })
        {
            detector.Step(Point(v));
        }

        Assert.Equal(0.0, detector.Step(Point(2.0)));
    }

    [Fact]
    public void SpikesAndDropsBothScoreHigh()
    {
        var detector = new MovingZScoreDetector(new MovingZScoreOptions());
        var scores = StreamingRunner.Run(detector, SyntheticSeries.Spike(400, at: 300, height: 10)).Scores.ToArray();
        Assert.True(scores[300] > 0.99);
        Assert.True(scores[100..300].Max() < scores[300]);

        detector.Reset();
        var drops = StreamingRunner.Run(detector, SyntheticSeries.Spike(400, at: 300, height: -10)).Scores.ToArray();
        Assert.True(drops[300] > 0.99);
    }

    [Fact]
    public void MinStdFloorsTheDeviationOnFlatHistory()
    {
        var detector = new MovingZScoreDetector(new MovingZScoreOptions { MinStd = 1.0, Scale = 1.0 });
        detector.Step(Point(5.0));
        detector.Step(Point(5.0));
        Assert.Equal(1.0 - Math.Exp(-2.0), detector.Step(Point(7.0)), 15);
    }

    [Fact]
    public void MinHistoryAboveWindowIsRejectedNamingTheKey()
    {
        var exception = Assert.Throws<OptionsValidationException>(() => new MovingZScoreDetector(new MovingZScoreOptions { Window = 5, MinHistory = 6 }));
        Assert.Contains(exception.Errors, e => e.Key == "minHistory");
    }

    private static Observation Point(double value) => new(SyntheticSeries.Start, value);
}
