using Vigil.Thresholds;

namespace Vigil.Core.Tests.Pipeline;

public sealed class LikelihoodCalibratorTests
{
    /// <summary>NAB's log transform of a likelihood of 0.5.</summary>
    public const double LogOfHalf = 0.0301029996658834;

    [Fact]
    public void TheLogTransformMatchesNabsValues()
    {
        Assert.Equal(LogOfHalf, LikelihoodCalibrator.LogTransform(0.5), 12);
        Assert.Equal(1.0, LikelihoodCalibrator.LogTransform(1.0), 12);
        Assert.Equal(0.0, LikelihoodCalibrator.LogTransform(0.0), 9);
    }

    [Fact]
    public void ASustainedRiseOfTheRawScoreIsMoreLikelyAnomalousThanNoise()
    {
        var calibrator = new LikelihoodCalibrator(new AnomalyLikelihood(100, historicWindowSize: 500, reestimationPeriod: 10, twoSided: false, averagingWindow: 5), logScale: false);
        var rng = new Random(1);
        double last = 0;
        for (int t = 0; t < 400; t++)
        {
            double raw = t < 380 ? 0.1 + (0.05 * rng.NextDouble()) : 0.9;
            last = calibrator.Step(t % 7, raw);
            if (t < 100)
            {
                Assert.Equal(0.5, last);
            }
        }

        Assert.True(last >= 0.999, $"likelihood {last}");
    }

    [Fact]
    public void TheAveragingWindowIsAParameterAndOneMeansNoAveraging()
    {
        var one = new AnomalyLikelihood(10, 100, 5, twoSided: false, averagingWindow: 1);
        var ten = new AnomalyLikelihood(10, 100, 5, twoSided: false);
        double a = 0, b = 0;
        for (int t = 0; t < 60; t++)
        {
            double raw = t == 59 ? 1.0 : 0.1 + (0.01 * (t % 3));
            a = one.AnomalyProbability(t % 5, raw);
            b = ten.AnomalyProbability(t % 5, raw);
        }

        Assert.True(a > b, $"a spike moves an unaveraged likelihood ({a}) more than a 10-row average ({b})");
        Assert.Throws<ArgumentOutOfRangeException>(() => new AnomalyLikelihood(10, averagingWindow: 0));
    }
}
