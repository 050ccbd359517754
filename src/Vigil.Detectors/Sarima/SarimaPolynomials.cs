namespace Vigil.Detectors.Sarima;

/// <summary>Expansions of the SARIMA lag polynomials into reduced form.</summary>
internal static class SarimaPolynomials
{
    /// <summary>
    /// Reduced AR coefficients φ* of (1 − Σ φ_i Lⁱ)(1 − Σ Φ_j L^{js}) = 1 − Σ φ*_k L^k (length p + P·s).
    /// </summary>
    public static void ReducedAr(ReadOnlySpan<double> ar, ReadOnlySpan<double> seasonalAr, int period, Span<double> reduced)
    {
        reduced.Clear();
        int s = Math.Max(period, 1);
        // coefficient of L^k in the product, with poly a = 1 - Σ ar, b = 1 - Σ sar.
        for (int i = 0; i <= ar.Length; i++)
        {
            double ai = i == 0 ? 1.0 : -ar[i - 1];
            for (int j = 0; j <= seasonalAr.Length; j++)
            {
                if (i == 0 && j == 0)
                {
                    continue;
                }

                double bj = j == 0 ? 1.0 : -seasonalAr[j - 1];
                reduced[i + j * s - 1] -= ai * bj;
            }
        }
    }

    /// <summary>Reduced MA coefficients θ* of (1 + Σ θ_i Lⁱ)(1 + Σ Θ_j L^{js}) = 1 + Σ θ*_k L^k (length q + Q·s).</summary>
    public static void ReducedMa(ReadOnlySpan<double> ma, ReadOnlySpan<double> seasonalMa, int period, Span<double> reduced)
    {
        reduced.Clear();
        int s = Math.Max(period, 1);
        for (int i = 0; i <= ma.Length; i++)
        {
            double ai = i == 0 ? 1.0 : ma[i - 1];
            for (int j = 0; j <= seasonalMa.Length; j++)
            {
                if (i == 0 && j == 0)
                {
                    continue;
                }

                double bj = j == 0 ? 1.0 : seasonalMa[j - 1];
                reduced[i + j * s - 1] += ai * bj;
            }
        }
    }

    /// <summary>
    /// Derivative of <see cref="ReducedAr"/> along (dar, dsar): dφ*_i = dar_i, dφ*_{js} = dsar_j,
    /// dφ*_{i+js} = −(dar_i Φ_j + φ_i dsar_j).
    /// </summary>
    public static void ReducedArDerivative(ReadOnlySpan<double> ar, ReadOnlySpan<double> seasonalAr, ReadOnlySpan<double> dAr, ReadOnlySpan<double> dSeasonalAr, int period, Span<double> dReduced) =>
        ProductDerivative(ar, seasonalAr, dAr, dSeasonalAr, period, -1.0, dReduced);

    /// <summary>
    /// Derivative of <see cref="ReducedMa"/> along (dma, dsma): dθ*_i = dma_i, dθ*_{js} = dsma_j,
    /// dθ*_{i+js} = dma_i Θ_j + θ_i dsma_j.
    /// </summary>
    public static void ReducedMaDerivative(ReadOnlySpan<double> ma, ReadOnlySpan<double> seasonalMa, ReadOnlySpan<double> dMa, ReadOnlySpan<double> dSeasonalMa, int period, Span<double> dReduced) =>
        ProductDerivative(ma, seasonalMa, dMa, dSeasonalMa, period, 1.0, dReduced);

    private static void ProductDerivative(ReadOnlySpan<double> x, ReadOnlySpan<double> seasonal, ReadOnlySpan<double> dx, ReadOnlySpan<double> dSeasonal, int period, double crossSign, Span<double> d)
    {
        d.Clear();
        int s = Math.Max(period, 1);
        for (int i = 0; i < x.Length; i++)
        {
            d[i] += dx[i];
        }

        for (int j = 0; j < seasonal.Length; j++)
        {
            d[(j + 1) * s - 1] += dSeasonal[j];
            for (int i = 0; i < x.Length; i++)
            {
                d[i + 1 + (j + 1) * s - 1] += crossSign * (dx[i] * seasonal[j] + x[i] * dSeasonal[j]);
            }
        }
    }

    /// <summary>Coefficients c_0..c_m (c_0 = 1) of (1 − L)^d (1 − L^s)^D; w_t = Σ c_j y_{t−j}.</summary>
    public static double[] Differencing(int d, int seasonalD, int period)
    {
        double[] c = [1.0];
        for (int k = 0; k < d; k++)
        {
            c = Multiply(c, 1);
        }

        for (int k = 0; k < seasonalD; k++)
        {
            c = Multiply(c, Math.Max(period, 1));
        }

        return c;

        static double[] Multiply(double[] c, int lag)
        {
            var r = new double[c.Length + lag];
            for (int i = 0; i < c.Length; i++)
            {
                r[i] += c[i];
                r[i + lag] -= c[i];
            }

            return r;
        }
    }

    /// <summary>Applies <see cref="Differencing"/> coefficients: w has y.Length − m values (empty if shorter).</summary>
    public static double[] Difference(ReadOnlySpan<double> y, double[] coefficients)
    {
        int m = coefficients.Length - 1;
        if (y.Length <= m)
        {
            return [];
        }

        var w = new double[y.Length - m];
        for (int t = m; t < y.Length; t++)
        {
            double s = 0;
            for (int j = 0; j <= m; j++)
            {
                s += coefficients[j] * y[t - j];
            }

            w[t - m] = s;
        }

        return w;
    }
}
