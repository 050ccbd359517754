using Vigil.Randomness;
using Vigil.Thresholds;

namespace Vigil.Core.Tests.Thresholds;

public sealed class ThresholderTests
{
    private static double[] Noise(int n, int seed)
    {
        var rng = RandomSource.Create(seed);
        return Enumerable.Range(0, n).Select(_ => rng.NextDouble()).ToArray();
    }

    private static bool[] Flags(AlarmSeries alarms) => alarms.Alarms.ToArray();

    [Fact]
    public void RaisingAThresholdNeverAddsAlarms()
    {
        for (int seed = 0; seed < 20; seed++)
        {
            var scores = new ScoreSeries(Noise(300, seed), WarmupLength: 5);
            bool[]? previous = null;
            foreach (double threshold in Noise(30, seed + 500).Order())
            {
                var flags = Flags(new FixedThresholder(threshold).Apply(scores));
                if (previous is not null)
                {
                    Assert.All(Enumerable.Range(0, flags.Length), i => Assert.True(!flags[i] || previous[i], $"seed {seed}: a higher threshold {threshold} adds an alarm at {i}"));
                }

                previous = flags;
            }
        }
    }

    [Fact]
    public void RaisingTheDynamicMultiplierNeverAddsAlarms()
    {
        var scores = new ScoreSeries(Noise(400, 3), 0);
        bool[]? previous = null;
        foreach (double k in new[] { 0.0, 0.5, 1, 2, 3, 5 })
        {
            var thresholder = new EwmaSigmaThresholder(0.05, k);
            thresholder.Fit(new ScoreSeries(Noise(100, 4), 0));
            var flags = Flags(thresholder.Apply(scores));
            if (previous is not null)
            {
                Assert.All(Enumerable.Range(0, flags.Length), i => Assert.True(!flags[i] || previous[i]));
            }

            previous = flags;
        }
    }

    [Fact]
    public void PercentileThresholderUsesTheTrainingPercentile()
    {
        var train = new ScoreSeries(Enumerable.Range(0, 100).Select(i => (double)i).ToArray(), 0);
        var thresholder = new PercentileThresholder(99);
        thresholder.Fit(train);
        Assert.Equal(98.01, thresholder.Threshold, 12);
        var alarms = thresholder.Apply(train);
        Assert.Equal([99], alarms.Indices());
    }

    [Fact]
    public void ContaminationAndSigmaThresholdsFollowTheirDefinitions()
    {
        var train = new ScoreSeries(new double[] { 1, 2, 3, 4, 5 }, 0);
        var contamination = new ContaminationThresholder(0.25);
        contamination.Fit(train);
        Assert.Equal(4.0, contamination.Threshold, 12);
        var sigma = new SigmaThresholder(2);
        sigma.Fit(train);
        Assert.Equal(3.0 + 2 * Math.Sqrt(2.0), sigma.Threshold, 12);
    }

    [Fact]
    public void WarmupPointsNeverAlarmAndSuppressionSilencesFollowers()
    {
        var scores = new ScoreSeries(new double[] { 9, 9, 9, 9, 0, 9 }, WarmupLength: 1);
        var alarms = new FixedThresholder(1) { SuppressionWindow = 2 }.Apply(scores);
        Assert.Equal([1, 5], alarms.Indices());
    }

    [Fact]
    public void RollingPercentileIsCausal()
    {
        var values = Noise(200, 7);
        var thresholder = new RollingPercentileThresholder(20, 90);
        var full = thresholder.Apply(new ScoreSeries(values, 0));
        var prefix = thresholder.Apply(new ScoreSeries(values[..120], 0));
        Assert.Equal(full.Thresholds.Span[..120].ToArray(), prefix.Thresholds.ToArray());
        Assert.Equal(Percentile.Of(values.AsSpan(100, 20), 90), full.Thresholds.Span[120], 12);
    }

    [Fact]
    public void MetricOptimizedThresholderFindsTheSeparatingThreshold()
    {
        var series = new TimeSeries("s", Enumerable.Range(0, 10).Select(i => DateTimeOffset.UnixEpoch.AddMinutes(i)).ToArray(), new double[10]);
        var truth = new LabeledSeries(series, [new AnomalyWindow(7, 8)], 0);
        var scores = new ScoreSeries(new double[] { 1, 2, 1, 3, 2, 1, 2, 8, 9, 2 }, 0);
        var thresholder = new MetricOptimizedThresholder(MetricOptimizedThresholder.PointwiseF1);
        thresholder.Fit(scores, truth);
        Assert.Equal(1.0, thresholder.BestValue);
        Assert.Equal([7, 8], thresholder.Apply(scores).Indices());
    }

    [Fact]
    public void SmoothingIsCausalAndMatchesHandComputedValues()
    {
        var scores = new ScoreSeries(new double[] { 5, 1, 3, 2, 10, 4 }, WarmupLength: 1);
        Assert.Equal([5, 1, 2, 2, 6, 5], ScoreSmoothing.Ewma(scores, 0.5).Scores.ToArray());
        Assert.Equal([5, 1, 2, 2, 3, 4], ScoreSmoothing.MovingMedian(scores, 3).Scores.ToArray());
    }
}
