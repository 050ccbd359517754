using Vigil.Detectors.Sarima;

namespace Vigil.Detectors.Tests.Sarima;

/// <summary>The adjoint filter against the plain filter (values) and against central differences (gradients).</summary>
public sealed class KalmanFilterGradientTests
{
    private static double[] Series(int n, ulong seed)
    {
        var y = new double[n];
        ulong state = seed;
        for (int t = 0; t < n; t++)
        {
            state = state * 6364136223846793005UL + 1442695040888963407UL;
            y[t] = ((state >> 11) * (1.0 / (1UL << 53)) - 0.5) * 3 + (t > 0 ? 0.6 * y[t - 1] : 0) + (t >= 12 ? 0.3 * y[t - 12] : 0);
        }

        return y;
    }

    private static double Objective(KalmanFilterGradient g, double[] phi, double[] theta, double sigma2, double[] y, double cL, double cS)
    {
        Assert.True(g.Forward(phi, theta, sigma2, y, out double logF, out double squares));
        return cL * logF + cS * squares;
    }

    [Theory]
    [InlineData(new[] { 0.6, 0.2 }, new[] { 0.3 })]
    [InlineData(new[] { 0.95 }, new double[0])]
    [InlineData(new double[0], new[] { 0.8, -0.3 })]
    [InlineData(new[] { 1.2, -0.5, 0.1, 0, 0, 0.3, -0.36, 0.15, -0.03 }, new[] { -0.4, 0.2, 0, 0, 0.5, -0.2, 0.1 })]
    public void ValuesEqualTheFilterAndDerivativesEqualCentralDifferences(double[] phi, double[] theta)
    {
        var y = Series(400, 99);
        int r = Math.Max(phi.Length, theta.Length + 1);
        const double sigma2 = 1.3;
        var filter = new KalmanFilter(r) { ConvergenceTolerance = 0 };
        Assert.True(filter.Configure(phi, theta, sigma2));
        Assert.True(filter.Run(y, out double logF, out double squares));
        var g = new KalmanFilterGradient(r, y.Length);
        Assert.True(g.Forward(phi, theta, sigma2, y, out double logF2, out double squares2));
        Assert.Equal(logF, logF2);
        Assert.Equal(squares, squares2);

        // An arbitrary combination J = cL Σ log F + cS Σ v²/F, as the estimator's seeds are.
        const double cL = 0.37;
        const double cS = 0.011;
        Objective(g, phi, theta, sigma2, y, cL, cS);
        var yBar = new double[y.Length];
        g.Backward(cL, cS, yBar);
        const double h = 1e-6;
        for (int i = 0; i < phi.Length + theta.Length; i++)
        {
            var dphi = new double[phi.Length];
            var dtheta = new double[theta.Length];
            if (i < phi.Length)
            {
                dphi[i] = 1;
            }
            else
            {
                dtheta[i - phi.Length] = 1;
            }

            Objective(g, phi, theta, sigma2, y, cL, cS);
            g.Backward(cL, cS, default);
            double analytic = g.Directional(dphi, dtheta);
            double plus = Objective(g, Add(phi, dphi, h), Add(theta, dtheta, h), sigma2, y, cL, cS);
            double minus = Objective(g, Add(phi, dphi, -h), Add(theta, dtheta, -h), sigma2, y, cL, cS);
            double numeric = (plus - minus) / (2 * h);
            Assert.True(Math.Abs(analytic - numeric) <= 1e-6 * Math.Max(1.0, Math.Abs(numeric)), $"coefficient {i}: adjoint {analytic}, central difference {numeric}");
        }

        foreach (int t in new[] { 0, 1, 17, 200, y.Length - 1 })
        {
            var yp = (double[])y.Clone();
            var ym = (double[])y.Clone();
            yp[t] += h;
            ym[t] -= h;
            double numeric = (Objective(g, phi, theta, sigma2, yp, cL, cS) - Objective(g, phi, theta, sigma2, ym, cL, cS)) / (2 * h);
            Assert.True(Math.Abs(yBar[t] - numeric) <= 1e-6 * Math.Max(1.0, Math.Abs(numeric)), $"y[{t}]: adjoint {yBar[t]}, central difference {numeric}");
        }
    }

    private static double[] Add(double[] x, double[] d, double h) => x.Select((v, i) => v + h * d[i]).ToArray();

    [Theory]
    [InlineData(SarimaTrend.None)]
    [InlineData(SarimaTrend.Linear)]
    public void EstimatorGradientEqualsCentralDifferencesOfItsObjective(SarimaTrend trend)
    {
        var spec = new SarimaSpecification(2, 0, 1, 1, 0, 1, 12, trend);
        var y = Series(600, 7).Select((v, t) => v + 0.002 * t).ToArray();
        var problem = new SarimaEstimator.Problem(y, spec, analytic: true);
        double[] x = [.. Enumerable.Repeat(0.0, spec.TrendCount), 0.4, -0.2, 0.3, 0.5, -0.3];
        if (spec.TrendCount > 0)
        {
            x[0] = 0.1;
        }

        if (spec.TrendCount > 1)
        {
            x[1] = 0.001;
        }

        var gradient = new double[x.Length];
        Assert.True(problem.EvaluateWithGradient(x, gradient));
        double objective = problem.Objective;
        Assert.True(problem.Evaluate(x, out double llf, out _));
        Assert.Equal(-llf / y.Length, objective, 1e-15);
        for (int i = 0; i < x.Length; i++)
        {
            double h = 1e-6 * Math.Max(1.0, Math.Abs(x[i]));
            var xp = (double[])x.Clone();
            var xm = (double[])x.Clone();
            xp[i] += h;
            xm[i] -= h;
            Assert.True(problem.Evaluate(xp, out double lp, out _));
            Assert.True(problem.Evaluate(xm, out double lm, out _));
            double numeric = (-lp + lm) / y.Length / (2 * h);
            Assert.True(Math.Abs(gradient[i] - numeric) <= 1e-6 * Math.Max(1e-3, Math.Abs(numeric)), $"x[{i}]: adjoint {gradient[i]}, central difference {numeric}");
        }
    }

    [Fact]
    public void AnalyticAndFiniteDifferenceFitsReachTheSameOptimum()
    {
        var spec = new SarimaSpecification(2, 0, 1, 1, 0, 1, 12);
        var y = Series(800, 3);
        var analytic = SarimaEstimator.Fit(y, spec, 200, default, SarimaGradientMethod.Analytic);
        var differences = SarimaEstimator.Fit(y, spec, 200, default, SarimaGradientMethod.CentralDifference);
        Assert.Equal(differences.LogLikelihood, analytic.LogLikelihood, 1e-5);
        for (int i = 0; i < analytic.Parameters.Count; i++)
        {
            Assert.Equal(differences.Parameters[i], analytic.Parameters[i], 1e-3);
        }
    }
}
