using Vigil.Features;
using Vigil.Randomness;
using Vigil.Testing;
using Vigil.Windows;
using F = Vigil.Features.Features;

namespace Vigil.Core.Tests.Windows;

public sealed class WindowingTests
{
    [Fact]
    public void NumberOfWindowsIsFloorOfLengthMinusSizeOverStridePlusOne()
    {
        // Property over 500 random (n, size, stride) cases; the seed is fixed so a failure replays.
        var rng = RandomSource.Create(4242);
        for (int c = 0; c < 500; c++)
        {
            int n = rng.NextInt(200), size = 1 + rng.NextInt(40), stride = 1 + rng.NextInt(10);
            var spec = new WindowSpec(size, stride);
            int expected = n < size ? 0 : (n - size) / stride + 1;
            Assert.True(expected == spec.Count(n), $"seed 4242 case {c}: n={n} size={size} stride={stride}");
            if (n == 0)
            {
                continue;
            }

            var m = Windowing.Featurize(SyntheticSeries.RandomWalk(n, seed: c), spec, [F.Mean]);
            Assert.Equal(expected, m.Rows);
        }
    }

    [Fact]
    public void NoWindowContainsAPointAfterItsEnd()
    {
        // The max of a window of 0, 1, 2, ... is its last value: every window ends at its row's end index and
        // the timestamp is that row's.
        var values = Enumerable.Range(0, 100).Select(i => (double)i).ToArray();
        var series = SyntheticSeries.Create("ramp", values);
        foreach (var spec in new[] { new WindowSpec(1), new WindowSpec(7, 3), new WindowSpec(100) })
        {
            var m = Windowing.Featurize(series, spec, [F.Max, F.Min]);
            var ends = m.EndRows.Span;
            for (int r = 0; r < m.Rows; r++)
            {
                Assert.Equal(ends[r], m[r, 0]);
                Assert.Equal(ends[r] - spec.Size + 1, m[r, 1]);
                Assert.Equal(series.Timestamps.Span[ends[r]], m.Timestamps.Span[r]);
            }
        }
    }

    [Fact]
    public void FeaturesOfAPrefixAreAPrefixOfTheFeatures()
    {
        var series = SyntheticSeries.SineWithNoise(300);
        var full = Windowing.Featurize(series, new WindowSpec(20, 2), FeatureSets.Get("all"));
        var prefix = Windowing.Featurize(series.Slice(0, 150), new WindowSpec(20, 2), FeatureSets.Get("all"));
        Assert.Equal(full.Values.Span[..prefix.Values.Length].ToArray(), prefix.Values.ToArray());
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(-3, 1)]
    [InlineData(5, 0)]
    [InlineData(5, -1)]
    public void SizeOrStrideBelowOneIsAClearError(int size, int stride)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => Windowing.Featurize(SyntheticSeries.Constant(10), new WindowSpec(size, stride), [F.Mean]));
        Assert.Contains("at least 1", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(9)]
    public void WindowLargerThanTheSeriesGivesNoRows(int length)
    {
        var m = Windowing.Featurize(new double[length], new WindowSpec(10), [F.Mean]);
        Assert.Equal(0, m.Rows);
        Assert.Equal(1, m.Columns);
    }

    [Fact]
    public void NaNInsideAWindowIsRejectedWithItsIndex()
    {
        double[] values = [1, 2, double.NaN, 4];
        var ex = Assert.Throws<ArgumentException>(() => Windowing.Featurize(values, new WindowSpec(2), [F.Mean]));
        Assert.Contains("index 2", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnExtractorFedNaNDirectlyReturnsNaN()
    {
        Span<double> destination = stackalloc double[1];
        F.Mean.Extract([1.0, double.NaN], destination);
        Assert.True(double.IsNaN(destination[0]));
    }

    [Fact]
    public void TimeWindowsAreRightAlignedCausalAndSkipGaps()
    {
        var start = SyntheticSeries.Start;
        // Every 5 minutes for 2 hours, then a 3-hour gap, then 1 hour more.
        var times = Enumerable.Range(0, 25).Select(i => start.AddMinutes(5 * i))
            .Concat(Enumerable.Range(0, 13).Select(i => start.AddHours(5).AddMinutes(5 * i))).ToArray();
        var series = new TimeSeries("gappy", times, Enumerable.Range(0, times.Length).Select(i => (double)i).ToArray());
        var spec = new TimeWindowSpec(TimeSpan.FromHours(1), TimeSpan.FromMinutes(5));
        var bounds = Windowing.TimeWindows(series, spec);
        Assert.Equal(start.AddHours(1), bounds[0].EndTime);   // first window whose span lies within the data
        foreach (var (s, e, end) in bounds)
        {
            Assert.True(series.Timestamps.Span[e] <= end);
            Assert.True(e + 1 == series.Length || series.Timestamps.Span[e + 1] > end);
            Assert.True(series.Timestamps.Span[s] > end - spec.Window);
            Assert.InRange(e - s + 1, 1, 12);
        }

        // No window ends inside the gap where the last hour holds no point.
        Assert.DoesNotContain(bounds, b => b.EndTime > start.AddHours(3) && b.EndTime < start.AddHours(5));
        var m = Windowing.Featurize(series, spec, FeatureSets.Basic);
        Assert.Equal(bounds.Count, m.Rows);
    }

    [Fact]
    public void TimeWindowsRejectBackwardTimestampsAndRawFeatures()
    {
        var t = SyntheticSeries.Start;
        var backward = new TimeSeries("b", [t, t.AddMinutes(-1)], [1.0, 2.0]);
        Assert.Throws<ArgumentException>(() => Windowing.TimeWindows(backward, new TimeWindowSpec(TimeSpan.FromHours(1), TimeSpan.FromMinutes(5))));
        Assert.Throws<ArgumentException>(() => FeatureSets.Get("raw"));
        Assert.Throws<ArgumentOutOfRangeException>(() => Windowing.TimeWindows(SyntheticSeries.Constant(5), new TimeWindowSpec(TimeSpan.Zero, TimeSpan.FromMinutes(5))));
    }
}
