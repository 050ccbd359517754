using Vigil.Core.Tests.Detection;
using Vigil.Detection;

namespace Vigil.Core.Tests.Pipeline;

public sealed class ProbationAndRefitTests
{
    [Theory]
    [InlineData(0, 0)]
    [InlineData(6, 0)]
    [InlineData(7, 1)]
    [InlineData(1000, 150)]
    [InlineData(5000, 750)]
    [InlineData(5007, 750)]
    [InlineData(22_695, 750)]
    public void ProbationIsFifteenPercentCappedAt750(int rows, int expected) => Assert.Equal(expected, Probation.LengthFor(rows));

    [Fact]
    public void TheTrainingLengthIsAtLeastOneRowUnlessGiven()
    {
        Assert.Equal(1, Probation.TrainingLengthFor(3));
        Assert.Equal(750, Probation.TrainingLengthFor(100_000));
        Assert.Equal(42, Probation.TrainingLengthFor(100_000, 42));
    }

    [Fact]
    public void TheConformanceKitTrainsOnTheSameCappedProbation()
    {
        // Before, the kit took 15% without NAB's cap: 1,500 rows of a 10,000-row series.
        var kit = new KitProbe();
        Assert.Equal(750, kit.Prefix(Vigil.Testing.SyntheticSeries.SineWithNoise(10_000)));
    }

    [Fact]
    public void APolicyIsBuiltFromRefitOptionsOrNeverRefits()
    {
        Assert.Equal(new RefitPolicy(100), RefitPolicy.For(new CountingOptions(), 100));
        Assert.Equal(new RefitPolicy(1), RefitPolicy.For(new CountingOptions(), 0));
    }

    [Fact]
    public void TheRefitWindowFollowsTheAdaptersProtocol()
    {
        // First fit after TrainLength points on all of them; then every RefitEvery scored points on the trailing TrainWindow.
        var window = new RefitWindow(new RefitPolicy(5, RefitEvery: 3, TrainWindow: 4));
        var fits = new List<(long At, double[] Values)>();
        var t0 = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);
        for (int i = 0; i < 15; i++)
        {
            if (window.IsFitted)
            {
                window.CountScored();
            }

            if (window.Add(new Observation(t0.AddMinutes(i), i), learn: true))
            {
                fits.Add((window.Count, window.TrainingWindow().Values));
                window.MarkFitted();
            }
        }

        Assert.Equal([5L, 8, 11, 14], fits.Select(f => f.At));
        Assert.Equal([0.0, 1, 2, 3, 4], fits[0].Values);
        Assert.Equal([4.0, 5, 6, 7], fits[1].Values);
        Assert.Equal([10.0, 11, 12, 13], fits[3].Values);
    }

    [Fact]
    public void AHarnessTrainingLengthIsCappedByTheBufferAndIgnoredBelowTheMinimum()
    {
        var window = new RefitWindow(new RefitPolicy(10, 0, 20));
        window.UseTrainLength(50);
        Assert.Equal(20, window.Policy.TrainLength);
        window.UseTrainLength(1, minimum: 2);
        Assert.Equal(20, window.Policy.TrainLength);
    }

    private sealed class KitProbe : Vigil.Testing.DetectorConformance<TrailingMeanDetector>
    {
        protected override DetectorDescriptor Descriptor => TrailingMeanDetector.Descriptor;

        public int Prefix(TimeSeries series) => TrainingPrefix(series).Length;
    }
}
