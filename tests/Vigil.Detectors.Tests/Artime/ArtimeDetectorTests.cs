using Vigil.Detection;
using Vigil.Detectors.Artime;
using Vigil.Testing;
using Vigil.Validation;
using Xunit;

namespace Vigil.Detectors.Tests.Artime;

public sealed class ArtimeDetectorTests
{
    [Theory]
    [InlineData(1127, 168, 1, 168)]      // NAB's shortest file
    [InlineData(4032, 604, 5, 120)]      // ⌊0.15·4032⌋ = 604
    [InlineData(1539, 230, 2, 115)]      // ⌊230.85⌋ = 230
    [InlineData(22695, 750, 7, 107)]     // 5000 rows or more: 750
    [InlineData(1000, 150, 1, 150)]
    [InlineData(1007, 150, 1, 150)]      // ⌊151.05⌋ = 151, made even
    [InlineData(0, 750, 7, 107)]         // unknown length: as a long file
    [InlineData(50, 6, 1, 16)]           // too short for the reference: trend window raised to 2·window
    public void ScheduleFollowsTheReference(int length, int probation, int step, int trendWindow)
    {
        var schedule = ArtimeSchedule.For(length, window: 8, windowsPerProbation: 13);
        Assert.Equal((probation, step, trendWindow, 12), (schedule.ProbationaryPeriod, schedule.Step, schedule.TrendWindow, schedule.MaskAfterAnomaly));
    }

    [Fact]
    public void WindowMustBeAPowerOfTwo()
    {
        var error = Assert.Throws<OptionsValidationException>(() => new ArtimeDetector(new ArtimeOptions { Window = 12 }));
        Assert.Contains("window", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OtherWindowsRun()
    {
        var series = SyntheticSeries.Spike(2000, at: 1500, height: 20);
        var detector = new ArtimeDetector(new ArtimeOptions { Window = 16, Levels = 40 });
        var scores = StreamingRunner.Run(detector, series, new SeriesContext(300, -5, 25, series.Length)).Scores.ToArray();
        Assert.All(scores, s => Assert.InRange(s, 0.0, 1.0));
    }

    [Fact]
    public void ScoresAreZeroThroughTheTrendWindow()
    {
        // 2000 rows: probation 300, step 2, trend window 150 downsampled steps = 300 rows.
        var series = SyntheticSeries.Spike(2000, at: 100, height: 50);
        var detector = new ArtimeDetector(new ArtimeOptions());
        var scores = StreamingRunner.Run(detector, series, new SeriesContext(300, -5, 55, series.Length)).Scores.ToArray();
        Assert.All(scores[..300], s => Assert.Equal(0.0, s));
    }

    [Fact]
    public void ALevelShiftAfterTheProbationIsDetected()
    {
        var series = SyntheticSeries.StepChange(3000, at: 2000, height: 5.0, noise: 0.05);
        var detector = new ArtimeDetector(new ArtimeOptions());
        var scores = StreamingRunner.Run(detector, series, new SeriesContext(450, -1, 6, series.Length)).Scores.ToArray();
        Assert.Contains(scores[2000..2100], s => s > 0);
        Assert.All(scores, s => Assert.Equal(Math.Round(s, 6), s));   // confidences are rounded to 6 decimals
    }

    [Fact]
    public void WithoutAContextTheDetectorStillScores()
    {
        var series = SyntheticSeries.SineWithNoise(1200);
        var scores = StreamingRunner.Run(new ArtimeDetector(new ArtimeOptions()), series).Scores.ToArray();
        Assert.All(scores, s => Assert.InRange(s, 0.0, 1.0));
    }

    [Fact]
    public void NonFiniteValuesAreRejected()
    {
        var detector = new ArtimeDetector(new ArtimeOptions());
        Assert.Throws<ArgumentException>(() => detector.Step(new Observation(SyntheticSeries.Start, double.NaN)));
    }

    [Fact]
    public void PrepareAfterTheFirstStepIsRejected()
    {
        var detector = new ArtimeDetector(new ArtimeOptions());
        detector.Step(new Observation(SyntheticSeries.Start, 1.0));
        Assert.Throws<InvalidOperationException>(() => detector.Prepare(new SeriesContext(10)));
    }

    [Fact]
    public void ANewerStateVersionIsRejectedClearly()
    {
        using var reader = new BinaryReader(new MemoryStream(new byte[16]));
        var error = Assert.Throws<InvalidDataException>(() => ArtimeDetector.Restore(new ArtimeOptions(), reader, ArtimeDetector.StateVersion + 1));
        Assert.Contains("newer", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AForeignStateIsRejectedClearly()
    {
        using var reader = new BinaryReader(new MemoryStream(new byte[16]));
        var error = Assert.Throws<InvalidDataException>(() => ArtimeDetector.Restore(new ArtimeOptions(), reader, ArtimeDetector.StateVersion));
        Assert.Contains("Not an ARTime", error.Message, StringComparison.Ordinal);
    }
}
