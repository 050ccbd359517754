using Vigil.Detectors.Sarima;

namespace Vigil.Detectors.Tests.Sarima;

public sealed class KalmanFilterTests
{
    [Fact]
    public void ConstrainMatchesStatsmodelsConstrainStationaryUnivariate()
    {
        // statsmodels 0.13.5: constrain_stationary_univariate(np.array([0.5, -0.3, 1.2]))
        double[] expected = [-0.09796095409714395, 0.04250983736436531, -0.7682212795973759];
        var constrained = new double[3];
        StationarityTransform.Constrain([0.5, -0.3, 1.2], constrained, new double[9]);
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(expected[i], constrained[i], 1e-14);
        }
    }

    [Fact]
    public void UnconstrainInvertsConstrainAndRejectsNonStationaryPolynomials()
    {
        double[] x = [0.7, -1.9, 0.05, 3.0];
        var c = new double[4];
        var back = new double[4];
        StationarityTransform.Constrain(x, c, new double[16]);
        Assert.True(StationarityTransform.Unconstrain(c, back, new double[16]));
        for (int i = 0; i < 4; i++)
        {
            Assert.Equal(x[i], back[i], 1e-9);
        }

        Assert.False(StationarityTransform.IsStationary([1.1]));
        Assert.False(StationarityTransform.IsStationary([0.5, 0.6]));
        Assert.True(StationarityTransform.IsStationary([0.5, 0.3]));
    }

    [Theory]
    [InlineData(new[] { 0.6, 0.2 }, new[] { 0.3 })]
    [InlineData(new[] { 0.95 }, new double[0])]
    [InlineData(new double[0], new[] { 0.8, -0.3 })]
    [InlineData(new[] { 1.2, -0.5, 0.1 }, new[] { -0.4, 0.2 })]
    public void ChandrasekharFilterEqualsTheConventionalKalmanFilter(double[] phi, double[] theta)
    {
        var y = Series(300);

        int r = Math.Max(phi.Length, theta.Length + 1);
        var filter = new KalmanFilter(r) { ConvergenceTolerance = 0 };
        Assert.True(filter.Configure(phi, theta, 1.7));
        var v = new double[y.Length];
        var f = new double[y.Length];
        Assert.True(filter.Run(y, out _, out _, v, f));

        var (vRef, fRef) = DenseKalman(phi, theta, 1.7, y);
        for (int t = 0; t < y.Length; t++)
        {
            Assert.Equal(fRef[t], f[t], 1e-9 * fRef[t]);
            Assert.Equal(vRef[t], v[t], 1e-9 * (1 + Math.Abs(vRef[t])));
        }
    }

    private static double[] Series(int n)
    {
        var y = new double[n];
        ulong state = 12345;
        for (int t = 0; t < y.Length; t++)
        {
            state = state * 6364136223846793005UL + 1442695040888963407UL;
            y[t] = ((state >> 11) * (1.0 / (1UL << 53)) - 0.5) * 3 + (t > 0 ? 0.5 * y[t - 1] : 0);
        }

        return y;
    }

    [Theory]
    [InlineData(new[] { 0.6, 0.2 }, new[] { 0.3 }, 1e-19)]
    [InlineData(new[] { 0.95 }, new[] { 0.9 }, 1e-19)]
    [InlineData(new[] { 1.2, -0.5, 0.1 }, new[] { -0.4, 0.2 }, 1e-12)]
    public void SteadyStateFollowsStatsmodelsRule(double[] phi, double[] theta, double tolerance)
    {
        // statsmodels (_kalman_filter.pyx, check_convergence / post_convergence): at step t ≥ 1, after the prediction,
        // if Σ (P_t − P_{t+1})² < tolerance, F_t, P_t and the gain are stored; later steps reuse F_t, the next step still
        // filters with P_{t+1} and every later one with P_t.
        var y = Series(600);
        int r = Math.Max(phi.Length, theta.Length + 1);
        var filter = new KalmanFilter(r) { ConvergenceTolerance = tolerance };
        Assert.True(filter.Configure(phi, theta, 0.8));
        var v = new double[y.Length];
        var f = new double[y.Length];
        Assert.True(filter.Run(y, out double logF, out double squares, v, f));
        var (vRef, fRef, convergedAt) = DenseKalman(phi, theta, 0.8, y, tolerance);
        Assert.True(convergedAt > 0 && convergedAt < y.Length - 2, $"the reference converged at {convergedAt}");
        Assert.Equal(convergedAt, filter.ConvergedAt);
        for (int t = 0; t < y.Length; t++)
        {
            Assert.Equal(fRef[t], f[t], 1e-12 * fRef[t]);
            Assert.Equal(vRef[t], v[t], 1e-11 * (1 + Math.Abs(vRef[t])));
        }

        Assert.Equal(f[convergedAt], f[^1]);

        // Step gives what Run gives.
        Assert.True(filter.Configure(phi, theta, 0.8));
        double logF2 = 0;
        double squares2 = 0;
        for (int t = 0; t < y.Length; t++)
        {
            double e = filter.Step(y[t], out double ft);
            Assert.Equal(v[t], e);
            Assert.Equal(f[t], ft);
            logF2 += Math.Log(ft);
            squares2 += e * (e / ft);
        }

        Assert.Equal(logF, logF2, 1e-9 * Math.Abs(logF));
        Assert.Equal(squares, squares2, 1e-9 * squares);
    }

    /// <summary>Textbook filter on the full r×r covariance; P₀ by summing T^k R Rᵀ T'^k σ² to convergence.</summary>
    private static (double[] V, double[] F) DenseKalman(double[] phi, double[] theta, double sigma2, double[] y)
    {
        var (v, f, _) = DenseKalman(phi, theta, sigma2, y, 0.0);
        return (v, f);
    }

    /// <summary>The textbook filter with statsmodels' steady-state rule (tolerance 0: never).</summary>
    private static (double[] V, double[] F, int ConvergedAt) DenseKalman(double[] phi, double[] theta, double sigma2, double[] y, double tolerance)
    {
        int r = Math.Max(phi.Length, theta.Length + 1);
        var T = new double[r, r];
        for (int i = 0; i < r; i++)
        {
            if (i < phi.Length)
            {
                T[i, 0] = phi[i];
            }

            if (i + 1 < r)
            {
                T[i, i + 1] = 1;
            }
        }

        var R = new double[r];
        R[0] = 1;
        for (int i = 0; i < theta.Length; i++)
        {
            R[i + 1] = theta[i];
        }

        var Q = new double[r, r];
        for (int i = 0; i < r; i++)
        {
            for (int j = 0; j < r; j++)
            {
                Q[i, j] = sigma2 * R[i] * R[j];
            }
        }

        var P = (double[,])Q.Clone();
        for (int it = 0; it < 20000; it++)
        {
            var next = Add(Mul(Mul(T, P), Transpose(T)), Q);
            P = next;
        }

        var a = new double[r];
        var vs = new double[y.Length];
        var fs = new double[y.Length];
        int convergedAt = -1;
        double fConverged = 0;
        double[,]? pConverged = null;
        for (int t = 0; t < y.Length; t++)
        {
            double v = y[t] - a[0];
            double f = convergedAt >= 0 ? fConverged : P[0, 0];
            vs[t] = v;
            fs[t] = f;
            var k = new double[r];
            for (int i = 0; i < r; i++)
            {
                k[i] = P[i, 0] / f;
            }

            var au = new double[r];
            for (int i = 0; i < r; i++)
            {
                au[i] = a[i] + k[i] * v;
            }

            var pu = new double[r, r];
            for (int i = 0; i < r; i++)
            {
                for (int j = 0; j < r; j++)
                {
                    pu[i, j] = P[i, j] - P[i, 0] * P[0, j] / f;
                }
            }

            a = new double[r];
            for (int i = 0; i < r; i++)
            {
                for (int j = 0; j < r; j++)
                {
                    a[i] += T[i, j] * au[j];
                }
            }

            if (convergedAt >= 0)
            {
                P = pConverged!;
                continue;
            }

            var next = Add(Mul(Mul(T, pu), Transpose(T)), Q);
            double d = 0;
            for (int i = 0; i < r; i++)
            {
                for (int j = 0; j < r; j++)
                {
                    d += (P[i, j] - next[i, j]) * (P[i, j] - next[i, j]);
                }
            }

            if (t >= 1 && d < tolerance)
            {
                convergedAt = t;
                fConverged = f;
                pConverged = P;
            }

            P = next;
        }

        return (vs, fs, convergedAt);
    }

    private static double[,] Mul(double[,] a, double[,] b)
    {
        int n = a.GetLength(0);
        var c = new double[n, n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double s = 0;
                for (int k = 0; k < n; k++)
                {
                    s += a[i, k] * b[k, j];
                }

                c[i, j] = s;
            }
        }

        return c;
    }

    private static double[,] Transpose(double[,] a)
    {
        int n = a.GetLength(0);
        var c = new double[n, n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                c[i, j] = a[j, i];
            }
        }

        return c;
    }

    private static double[,] Add(double[,] a, double[,] b)
    {
        int n = a.GetLength(0);
        var c = new double[n, n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                c[i, j] = a[i, j] + b[i, j];
            }
        }

        return c;
    }
}
