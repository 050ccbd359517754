using Vigil.Detection;
using Vigil.Detectors.Decomposition;
using Vigil.Testing;

namespace Vigil.Detectors.Tests.Decomposition;

public sealed class DecompositionModelTests
{
    private static readonly DateTimeOffset Origin = new(2020, 1, 6, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Hourly, 60 days: trend 0.5/day, rising to 2/day at day 30; daily amplitude 3, weekly amplitude 1.5; noise sd 0.2.</summary>
    private static (DateTimeOffset[] T, double[] Y) Synthetic(int hours = 24 * 60)
    {
        var t = new DateTimeOffset[hours];
        var y = new double[hours];
        ulong s = 42;
        for (int i = 0; i < hours; i++)
        {
            t[i] = Origin.AddHours(i);
            double day = i / 24.0;
            s = s * 6364136223846793005UL + 1442695040888963407UL;
            double u1 = ((s >> 11) + 1.0) / (1UL << 53);
            s = s * 6364136223846793005UL + 1442695040888963407UL;
            double u2 = (s >> 11) * (1.0 / (1UL << 53));
            double noise = Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
            double trend = 100 + 0.5 * day + 1.5 * Math.Max(0, day - 30);
            double days = (t[i] - DateTimeOffset.UnixEpoch).TotalDays;
            y[i] = trend + 3 * Math.Sin(2 * Math.PI * days) + 1.5 * Math.Cos(2 * Math.PI * days / 7) + 0.2 * noise;
        }

        return (t, y);
    }

    private static readonly DecompositionSettings Settings = new(Seasonalities: [(1.0, 4), (7.0, 3)]);

    [Fact]
    public void TheDefaultCalibrationIsTheLikelihoodOfTheRiseOverSixteenRows()
    {
        // docs/calibration.md, "decomposition: the rise": NuPIC's likelihood windows, fed the rise of each raw score
        // above the smallest of the previous 16 (the most frequent leave-one-category-out choice).
        var calibration = new DecompositionOptions().Calibration;
        Assert.Equal(Vigil.Pipeline.CalibrationSpec.Likelihood with { RiseWindow = 16 }, calibration);
        Assert.Equal(8640, calibration.HistoricWindow);
        Assert.Equal(10, calibration.AveragingWindow);
    }

    [Fact]
    public void RecoversTrendRatesChangepointAndSeasonalAmplitudes()
    {
        var (t, y) = Synthetic();
        var model = DecompositionModel.Fit(t, y, Settings);

        // Growth rate well before the change (days 10, 20): within 0.1/day of 0.5; after it (day 40, and the end): of 2.0.
        Assert.InRange(model.RatePerDay(Origin.AddDays(10)), 0.4, 0.6);
        Assert.InRange(model.RatePerDay(Origin.AddDays(20)), 0.4, 0.6);
        Assert.InRange(model.RatePerDay(Origin.AddDays(40)), 1.9, 2.1);
        Assert.InRange(model.BaseRatePerDay + model.RateChangesPerDay.Sum(), 1.9, 2.1);

        // The rate change after day 5 concentrates within 3 days of day 30: ≥ 80% of it lies there.
        double total = model.ChangepointTimes.Select((c, j) => (Day: c * model.SpanDays, Delta: model.RateChangesPerDay[j])).Where(x => x.Day > 5).Sum(x => x.Delta);
        double near = model.ChangepointTimes.Select((c, j) => (Day: c * model.SpanDays, Delta: model.RateChangesPerDay[j]))
            .Where(x => Math.Abs(x.Day - 30) <= 3).Sum(x => x.Delta);
        Assert.True(near >= 0.8 * total, $"change near day 30: {near} of {total}");

        // Seasonal amplitudes within 5%; the trend within 0.3 of the truth at days 10 and 50 and within 0.75 at the kink
        // (day 30, which the changepoint grid (spacing 2.2 days) and the Laplace prior round off); σ within 20% of 0.2.
        Assert.InRange(model.SeasonalAmplitude(1.0), 3 * 0.95, 3 * 1.05);
        Assert.InRange(model.SeasonalAmplitude(7.0), 1.5 * 0.95, 1.5 * 1.05);
        foreach (int day in new[] { 10, 30, 50 })
        {
            double truth = 100 + 0.5 * day + 1.5 * Math.Max(0, day - 30);
            double tolerance = day == 30 ? 0.75 : 0.3;
            Assert.InRange(model.Trend(Origin.AddDays(day)), truth - tolerance, truth + tolerance);
        }

        Assert.InRange(model.Sigma, 0.16, 0.24);
    }

    [Fact]
    public void HolidayEffectsAreEstimated()
    {
        var (t, y) = Synthetic();
        var holiday = new DateOnly(2020, 2, 14);
        for (int i = 0; i < t.Length; i++)
        {
            if (DateOnly.FromDateTime(t[i].UtcDateTime) == holiday)
            {
                y[i] += 4;
            }
        }

        var model = DecompositionModel.Fit(t, y, Settings with { Holidays = [holiday] });
        var onHoliday = model.Predict(new DateTimeOffset(2020, 2, 14, 12, 0, 0, TimeSpan.Zero)).Mean;
        Assert.InRange(model.Sigma, 0.15, 0.3);
        var (tPlain, yPlain) = Synthetic();
        int noon = Array.FindIndex(tPlain, x => x == new DateTimeOffset(2020, 2, 14, 12, 0, 0, TimeSpan.Zero));
        Assert.InRange(onHoliday - yPlain[noon], 3.0, 5.0);
    }

    [Fact]
    public void UncertaintyGrowsWithTheDistancePastTheFit()
    {
        var (t, y) = Synthetic();
        var model = DecompositionModel.Fit(t, y, Settings);
        double near = model.Predict(t[^1].AddHours(1)).StandardDeviation;
        double far = model.Predict(t[^1].AddDays(30)).StandardDeviation;
        Assert.True(far > near, $"{far} <= {near}");
        Assert.InRange(near, model.Sigma, model.Sigma * 1.01);
    }

    [Fact]
    public void DetectorFlagsASpikeAndHandlesShortOrConstantWindows()
    {
        var (t, y) = Synthetic(24 * 40);
        y[800] += 5;
        var detector = new DecompositionDetector(new DecompositionOptions { ScoreScale = 1 });
        var series = new TimeSeries("s", t, y);
        var scores = StreamingRunner.Run(detector, series, new SeriesContext(600)).Scores.ToArray();
        Assert.True(scores[800] > 0.9999, $"spike scored {scores[800]}");
        Assert.All(scores, s => Assert.InRange(s, 0.0, 1.0));

        var flat = SyntheticSeries.Constant(300);
        var flatScores = StreamingRunner.Run(new DecompositionDetector(new DecompositionOptions()), flat, new SeriesContext(100)).Scores.ToArray();
        Assert.All(flatScores, s => Assert.Equal(0.0, s));
    }
}
