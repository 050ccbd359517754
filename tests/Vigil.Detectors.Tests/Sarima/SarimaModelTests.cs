using Vigil.Detectors.Sarima;

namespace Vigil.Detectors.Tests.Sarima;

public sealed class SarimaModelTests
{
    private static double[] Ar1(int n, double phi, double drift = 0.0)
    {
        var y = new double[n];
        ulong s = 7;
        double prev = 0;
        for (int t = 0; t < n; t++)
        {
            s = s * 6364136223846793005UL + 1442695040888963407UL;
            double u1 = ((s >> 11) + 1.0) / (1UL << 53);
            s = s * 6364136223846793005UL + 1442695040888963407UL;
            double u2 = (s >> 11) * (1.0 / (1UL << 53));
            double e = Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
            prev = phi * prev + e;
            y[t] = prev + drift * t;
        }

        return y;
    }

    [Fact]
    public void FitRecoversAnAr1AndReportsAicAndBic()
    {
        var model = SarimaModel.Fit(Ar1(3000, 0.7), new SarimaSpecification(1, 0, 0));
        Assert.InRange(model.Parameters[0], 0.65, 0.75);
        Assert.InRange(model.Sigma2, 0.9, 1.1);
        Assert.Equal(-2 * model.LogLikelihood + 4, model.Aic, 1e-9);
        Assert.Equal(-2 * model.LogLikelihood + 2 * Math.Log(3000), model.Bic, 1e-9);
    }

    [Fact]
    public void OrderSearchPicksTheLowestAicOfTheGrid()
    {
        var y = Ar1(1500, 0.7);
        var best = SarimaOrderSearch.FitBestByAic(y, new SarimaSpecification(2, 0, 2));
        for (int p = 0; p <= 2; p++)
        {
            for (int q = 0; q <= 2; q++)
            {
                Assert.True(best.Aic <= SarimaModel.Fit(y, new SarimaSpecification(p, 0, q)).Aic + 1e-9);
            }
        }
    }

    [Fact]
    public void DifferencingAndLinearTrendAreFittedOnTheDifferencedSeries()
    {
        // y = cumulative sum of an AR(1) with mean 0.5: Δy is AR(1) around 0.5.
        var x = Ar1(2000, 0.5);
        var y = new double[x.Length];
        double level = 0;
        for (int t = 0; t < y.Length; t++)
        {
            level += x[t] + 0.5;
            y[t] = level;
        }

        var model = SarimaModel.Fit(y, new SarimaSpecification(1, 1, 0, Trend: SarimaTrend.Constant));
        Assert.Equal(1999, model.ObservationCount);
        Assert.InRange(model.Parameters[0], 0.3, 0.7);   // the mean of Δy
        Assert.InRange(model.Parameters[1], 0.45, 0.55);
        var e = new double[y.Length];
        var f = new double[y.Length];
        model.Filter(y, e, f);
        Assert.True(double.IsPositiveInfinity(f[0]));
        Assert.All(f.Skip(1), v => Assert.InRange(v, 0.5, 2.0));
    }

    [Fact]
    public void BadInputGivesClearErrors()
    {
        Assert.Throws<ArgumentException>(() => SarimaModel.Fit(new double[10], new SarimaSpecification(2, 0, 1, 1, 0, 1, 24)));
        Assert.Throws<ArgumentException>(() => SarimaModel.FromParameters(new SarimaSpecification(1, 0, 0), [1.2, 1.0]));
        Assert.Throws<ArgumentException>(() => SarimaModel.FromParameters(new SarimaSpecification(1, 0, 0), [0.5, -1.0]));
        Assert.Throws<ArgumentException>(() => SarimaModel.FromParameters(new SarimaSpecification(1, 0, 0), [0.5]));
        // A constant series fits (white noise with a tiny variance would be degenerate): the MLE reports a finite llf or throws ArgumentException, never NaN.
        var ex = Record.Exception(() =>
        {
            var m = SarimaModel.Fit(Enumerable.Repeat(3.0, 200).ToArray(), new SarimaSpecification(1, 0, 1));
            Assert.False(double.IsNaN(m.LogLikelihood));
        });
        Assert.True(ex is null or ArgumentException, ex?.ToString());
    }

    [Fact]
    public void FilteringOnePointAtATimeAllocatesNothing()
    {
        var model = SarimaModel.FromParameters(new SarimaSpecification(2, 1, 1, 1, 0, 1, 24), [0.5, -0.2, 0.3, 0.6, -0.3, 1.0]);
        var filter = new SarimaOnlineFilter(model);
        var y = Ar1(5000, 0.5);
        double sink = 0;
        for (int t = 0; t < 100; t++)
        {
            sink += filter.Step(y[t], out _);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int t = 100; t < y.Length; t++)
        {
            sink += filter.Step(y[t], out double f) + f;
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
        Assert.True(double.IsFinite(sink));
    }
}
