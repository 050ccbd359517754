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
        var y = new double[300];
        ulong state = 12345;
        for (int t = 0; t < y.Length; t++)
        {
            state = state * 6364136223846793005UL + 1442695040888963407UL;
            y[t] = ((state >> 11) * (1.0 / (1UL << 53)) - 0.5) * 3 + (t > 0 ? 0.5 * y[t - 1] : 0);
        }

        int r = Math.Max(phi.Length, theta.Length + 1);
        var filter = new KalmanFilter(r);
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

    /// <summary>Textbook filter on the full r×r covariance; P₀ by summing T^k R Rᵀ T'^k σ² to convergence.</summary>
    private static (double[] V, double[] F) DenseKalman(double[] phi, double[] theta, double sigma2, double[] y)
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
        for (int t = 0; t < y.Length; t++)
        {
            double v = y[t] - a[0];
            double f = P[0, 0];
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

            P = Add(Mul(Mul(T, pu), Transpose(T)), Q);
        }

        return (vs, fs);
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
