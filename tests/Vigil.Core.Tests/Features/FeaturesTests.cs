using Vigil.Features;
using F = Vigil.Features.Features;

namespace Vigil.Core.Tests.Features;

public sealed class FeaturesTests
{
    private static double One(IFeatureExtractor extractor, double[] window)
    {
        var destination = new double[extractor.Width];
        extractor.Extract(window, destination);
        return destination[0];
    }

    [Fact]
    public void ScalarFeaturesMatchNumPyAndSciPy()
    {
        // numpy/scipy on [1, 2, 4, 8, 3]: mean 3.6, std 2.4166091947189146, median 3, slope 1 (numpy.polyfit),
        // scipy.stats.skew 0.9167..., kurtosis -0.5408...
        double[] x = [1, 2, 4, 8, 3];
        Assert.Equal(3.6, One(F.Mean, x), 12);
        Assert.Equal(2.4166091947189146, One(F.StandardDeviation, x), 12);
        Assert.Equal(1, One(F.Min, x));
        Assert.Equal(8, One(F.Max, x));
        Assert.Equal(3, One(F.Median, x));
        Assert.Equal(7, One(F.Range, x));
        Assert.Equal(1.0, One(F.Slope, x), 12);
        Assert.Equal(-0.6, One(F.LastMinusMean, x), 12);
        Assert.Equal(-0.6 / 2.4166091947189146, One(F.LastZScore, x), 12);
        Assert.Equal(94, One(F.Energy, x));
        Assert.Equal(1, One(F.PeakCount, x));
        Assert.Equal(0.5, One(F.CrossingRate, x), 12);
        double m2 = x.Select(v => (v - 3.6) * (v - 3.6)).Average();
        double m3 = x.Select(v => Math.Pow(v - 3.6, 3)).Average();
        double m4 = x.Select(v => Math.Pow(v - 3.6, 4)).Average();
        Assert.Equal(m3 / Math.Pow(m2, 1.5), One(F.Skewness, x), 12);
        Assert.Equal(m4 / (m2 * m2) - 3, One(F.Kurtosis, x), 12);
    }

    [Fact]
    public void QuantilesInterpolateLinearlyAsNumPy()
    {
        var q = F.Quantiles(0.0, 0.25, 0.9, 1.0);
        var d = new double[4];
        q.Extract([4, 1, 3, 2], d);
        Assert.Equal([1.0, 1.75, 3.7, 4.0], d.Select(v => Math.Round(v, 12)).ToArray());
    }

    [Fact]
    public void BandPowersSumToTheVarianceAndFindTheFrequency()
    {
        int n = 64;
        var x = Enumerable.Range(0, n).Select(t => Math.Sin(2 * Math.PI * 28 * t / n)).ToArray();   // bin 28 of 32: the last of 4 bands
        var bands = F.BandPowers(4);
        var d = new double[4];
        bands.Extract(x, d);
        Assert.Equal(0.5, d.Sum(), 9);
        Assert.Equal(3, Array.IndexOf(d, d.Max()));
    }

    [Fact]
    public void AutocorrelationOfAnAlternatingSeriesIsMinusOneAtLagOne()
    {
        var d = new double[3];
        F.Autocorrelation(1, 2, 50).Extract([1, -1, 1, -1, 1, -1, 1, -1], d);
        Assert.Equal(-7.0 / 8, d[0], 12);
        Assert.Equal(6.0 / 8, d[1], 12);
        Assert.Equal(0.0, d[2]);
    }

    [Fact]
    public void ConstantWindowsGiveZerosNotNaN()
    {
        var extractors = FeatureSets.Get("all");
        var window = Enumerable.Repeat(5.0, 16).ToArray();
        foreach (var e in extractors.Append(F.Raw(16, normalize: true)))
        {
            var d = new double[e.Width];
            e.Extract(window, d);
            Assert.All(d, v => Assert.True(double.IsFinite(v), $"{e.Name} gave {v}"));
        }
    }

    [Fact]
    public void ExtractionAllocatesNothingPerWindow()
    {
        var extractors = FeatureSets.Get("all");
        var window = Enumerable.Range(0, 64).Select(i => Math.Sin(i)).ToArray();
        var d = new double[extractors.Sum(e => e.Width)];
        void RunAll()
        {
            int offset = 0;
            for (int k = 0; k < extractors.Count; k++)
            {
                extractors[k].Extract(window, d.AsSpan(offset, extractors[k].Width));
                offset += extractors[k].Width;
            }
        }

        RunAll();   // warm up the per-thread scratch
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
        {
            RunAll();
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void FeatureSetsAreNamedAndUnknownNamesListTheValidOnes()
    {
        Assert.Equal(17, FeatureSets.Get("basic").Sum(e => e.Width));
        Assert.Equal(9, FeatureSets.Get("spectral").Sum(e => e.Width));
        Assert.Equal(26, FeatureSets.Get("ALL").Sum(e => e.Width));
        Assert.Equal(32, FeatureSets.Get("raw", 32).Sum(e => e.Width));
        var ex = Assert.Throws<ArgumentException>(() => FeatureSets.Get("fancy"));
        Assert.Contains("basic, spectral, all, raw", ex.Message, StringComparison.Ordinal);
    }
}
