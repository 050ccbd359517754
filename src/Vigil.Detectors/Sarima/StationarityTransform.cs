namespace Vigil.Detectors.Sarima;

/// <summary>
/// Maps unconstrained reals to the coefficients of a stationary AR polynomial and back (Monahan 1984; Jones 1980),
/// exactly as statsmodels' <c>constrain_stationary_univariate</c> / <c>unconstrain_stationary_univariate</c>.
/// </summary>
/// <remarks>
/// Each unconstrained value x_k becomes a partial autocorrelation r_k = x_k / sqrt(1 + x_k²) in (-1, 1); the
/// Durbin-Levinson recursion turns the partial autocorrelations into AR coefficients. Invertible MA polynomials use
/// the same map with the sign flipped (statsmodels' convention). Allocation-free given scratch of n² doubles.
/// </remarks>
internal static class StationarityTransform
{
    /// <summary>Unconstrained → stationary AR coefficients φ (for 1 - φ1 L - ... - φn Lⁿ).</summary>
    public static void Constrain(ReadOnlySpan<double> unconstrained, Span<double> constrained, Span<double> scratch)
    {
        int n = unconstrained.Length;
        if (n == 0)
        {
            return;
        }

        var y = scratch[..(n * n)];
        for (int k = 0; k < n; k++)
        {
            double r = unconstrained[k] / Math.Sqrt(1 + unconstrained[k] * unconstrained[k]);
            for (int i = 0; i < k; i++)
            {
                y[k * n + i] = y[(k - 1) * n + i] + r * y[(k - 1) * n + k - i - 1];
            }

            y[k * n + k] = r;
        }

        for (int i = 0; i < n; i++)
        {
            constrained[i] = -y[(n - 1) * n + i];
        }
    }

    /// <summary>
    /// Jacobian of <see cref="Constrain"/>: <paramref name="jacobian"/>[i·n + j] = ∂φ_i/∂x_j, by differentiating the
    /// Durbin-Levinson steps forward for each x_j (dr_k/dx_k = (1 + x_k²)^(−3/2)). Scratch: 2n² doubles.
    /// </summary>
    public static void ConstrainJacobian(ReadOnlySpan<double> unconstrained, Span<double> jacobian, Span<double> scratch)
    {
        int n = unconstrained.Length;
        if (n == 0)
        {
            return;
        }

        var y = scratch[..(n * n)];
        var dy = scratch.Slice(n * n, n * n);
        for (int j = 0; j < n; j++)
        {
            for (int k = 0; k < n; k++)
            {
                double x = unconstrained[k];
                double q = 1 + x * x;
                double r = x / Math.Sqrt(q);
                double dr = k == j ? 1.0 / (q * Math.Sqrt(q)) : 0.0;
                for (int i = 0; i < k; i++)
                {
                    y[k * n + i] = y[(k - 1) * n + i] + r * y[(k - 1) * n + k - i - 1];
                    dy[k * n + i] = dy[(k - 1) * n + i] + dr * y[(k - 1) * n + k - i - 1] + r * dy[(k - 1) * n + k - i - 1];
                }

                y[k * n + k] = r;
                dy[k * n + k] = dr;
            }

            for (int i = 0; i < n; i++)
            {
                jacobian[i * n + j] = -dy[(n - 1) * n + i];
            }
        }
    }

    /// <summary>
    /// Stationary AR coefficients → unconstrained values. Returns false (and leaves zeros) when the polynomial is
    /// not stationary (a partial autocorrelation outside (-1, 1)).
    /// </summary>
    public static bool Unconstrain(ReadOnlySpan<double> constrained, Span<double> unconstrained, Span<double> scratch)
    {
        int n = constrained.Length;
        if (n == 0)
        {
            return true;
        }

        var y = scratch[..(n * n)];
        y.Clear();
        for (int i = 0; i < n; i++)
        {
            y[(n - 1) * n + i] = -constrained[i];
        }

        for (int k = n - 1; k > 0; k--)
        {
            double ykk = y[k * n + k];
            double denominator = 1 - ykk * ykk;
            if (!(denominator > 0))
            {
                unconstrained[..n].Clear();
                return false;
            }

            for (int i = 0; i < k; i++)
            {
                y[(k - 1) * n + i] = (y[k * n + i] - ykk * y[k * n + k - i - 1]) / denominator;
            }
        }

        for (int k = 0; k < n; k++)
        {
            double r = y[k * n + k];
            if (!(Math.Abs(r) < 1))
            {
                unconstrained[..n].Clear();
                return false;
            }

            unconstrained[k] = r / Math.Sqrt(1 - r * r);
        }

        return true;
    }

    /// <summary>Whether 1 - φ1 L - ... - φn Lⁿ has all roots outside the unit circle.</summary>
    public static bool IsStationary(ReadOnlySpan<double> phi)
    {
        Span<double> u = phi.Length <= 64 ? stackalloc double[phi.Length] : new double[phi.Length];
        var scratch = new double[phi.Length * phi.Length];
        return Unconstrain(phi, u, scratch);
    }
}
