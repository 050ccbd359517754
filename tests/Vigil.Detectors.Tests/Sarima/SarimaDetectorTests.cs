using Vigil.Detection;
using Vigil.Detectors.Sarima;
using Vigil.Testing;

namespace Vigil.Detectors.Tests.Sarima;

public sealed class SarimaDetectorTests
{
    private static double[] Run(SarimaOptions options, double[] values, int probation)
    {
        var detector = new SarimaDetector(options);
        var series = SyntheticSeries.Create("s", values);
        return StreamingRunner.Run(detector, series, new SeriesContext(probation)).Scores.ToArray();
    }

    private static double[] Seasonal(int n, int period, int seed)
    {
        var y = new double[n];
        ulong s = (ulong)seed * 2654435761UL + 1;
        for (int t = 0; t < n; t++)
        {
            s = s * 6364136223846793005UL + 1442695040888963407UL;
            double u = (s >> 11) * (1.0 / (1UL << 53)) - 0.5;
            y[t] = 10 + 3 * Math.Sin(2 * Math.PI * t / period) + 0.3 * u + (t > 0 ? 0.3 * (y[t - 1] - 10 - 3 * Math.Sin(2 * Math.PI * (t - 1) / period)) : 0);
        }

        return y;
    }

    [Fact]
    public void TheDefaultCalibrationIsTheLikelihoodWithTheCrossValidatedThousandRowHistory()
    {
        // docs/calibration.md, "sarima: the likelihood's history": chosen in all 7 leave-one-category-out folds.
        var calibration = new SarimaOptions().Calibration;
        Assert.Equal(Vigil.Pipeline.CalibrationMethod.Likelihood, calibration.Method);
        Assert.Equal(1000, calibration.HistoricWindow);
        Assert.Equal(10, calibration.AveragingWindow);
        Assert.Equal(100, calibration.ReestimationPeriod);
    }

    [Fact]
    public void ASpikeAfterTrainingScoresNearOneAndOrdinaryRowsDoNot()
    {
        var y = Seasonal(1200, 24, 1);
        y[900] += 5;
        var scores = Run(new SarimaOptions { Period = 24, SeasonalArOrder = 1, SeasonalMaOrder = 1, ScoreScale = 1 }, y, 400);
        Assert.All(scores.Take(400), s => Assert.Equal(0.0, s));
        Assert.True(scores[900] > 0.999999, $"spike scored {scores[900]}");
        double median = scores.Skip(400).Order().ElementAt(400);
        Assert.InRange(median, 0.2, 0.9);   // the Gaussian tail complement of |Z| has median 0.5
    }

    [Fact]
    public void SeasonalPeriodLongerThanTheDataFallsBackToTheNonSeasonalModel()
    {
        var y = Seasonal(300, 24, 2);
        var scores = Run(new SarimaOptions { Period = 500, SeasonalArOrder = 1, SeasonalDifferences = 1 }, y, 100);
        Assert.All(scores, s => Assert.InRange(s, 0.0, 1.0));
    }

    [Fact]
    public void ConstantTrainingWindowScoresEqualValuesZeroAndOthersOne()
    {
        var y = Enumerable.Repeat(5.0, 300).ToArray();
        y[250] = 5.5;
        var scores = Run(new SarimaOptions { ScoreScale = 1 }, y, 100);
        Assert.Equal(0.0, scores[200]);
        Assert.Equal(1.0, scores[250], 1e-9);
        Assert.All(scores, s => Assert.True(double.IsFinite(s)));
    }

    [Fact]
    public void OrdersTooLargeForTheTrainingRowsFallBackToWhiteNoise()
    {
        var y = Seasonal(60, 12, 3);
        var detector = new SarimaDetector(new SarimaOptions { ArOrder = 10, MaOrder = 10 });
        StreamingRunner.Run(detector, SyntheticSeries.Create("s", y), new SeriesContext(10));
        Assert.NotNull(detector.Model);
        Assert.Equal(0, detector.Model!.Specification.ArOrder);
    }

    [Fact]
    public void HugeValuesAndDifferencingNeverGiveNaNScores()
    {
        var y = Seasonal(800, 24, 4).Select((v, t) => v * 1e150 + t * 1e148).ToArray();
        var scores = Run(new SarimaOptions { Differences = 1, Period = 24, SeasonalDifferences = 1, SeasonalMaOrder = 1, RefitEvery = 200 }, y, 300);
        Assert.All(scores, s => Assert.InRange(s, 0.0, 1.0));
    }

    [Fact]
    public void SurpriseIsTheTwoSidedGaussianTailComplement()
    {
        Assert.Equal(0.0, SarimaSurprise.Score(0, 1));
        Assert.Equal(0.6826894921370859, SarimaSurprise.Score(2, 4), 1e-12);   // |z| = 1
        Assert.Equal(0.6826894921370859, SarimaSurprise.Score(-2, 4), 1e-12);
        Assert.Equal(0.0, SarimaSurprise.Score(1, double.PositiveInfinity));
        Assert.Equal(1.0, SarimaSurprise.Score(double.NaN, 1));
        Assert.True(SarimaSurprise.Score(3, 1, scale: 2) < SarimaSurprise.Score(3, 1));
    }
}
