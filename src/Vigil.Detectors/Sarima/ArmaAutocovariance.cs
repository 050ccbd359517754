namespace Vigil.Detectors.Sarima;

/// <summary>
/// Autocovariances of a stationary ARMA process and the first column of the stationary state covariance of its
/// Harvey state-space form, which is all the Chandrasekhar filter (<see cref="KalmanFilter"/>) needs.
/// </summary>
/// <remarks>
/// The autocovariances γ(0..p) solve the linear system γ(k) − Σ φ_j γ(|k−j|) = σ² Σ_{j≥k} θ_j ψ_{j−k}
/// (Brockwell &amp; Davis, §3.3, method 2), by Gaussian elimination with partial pivoting; higher lags follow by
/// recursion. The Harvey state α_i,t = Σ_{j≥i} φ_j y_{t+i−1−j} + Σ_{j≥i−1} θ_j ε_{t+i−1−j} then gives
/// Cov(α_i,t, y_t) = Σ_{j≥i} φ_j γ(j−i+1) + σ² Σ_{j≥i−1} θ_j ψ_{j−i+1}. This equals the first column of the
/// solution of the discrete Lyapunov equation P = T P Tᵀ + σ² R Rᵀ that statsmodels computes in full.
/// </remarks>
internal sealed class ArmaAutocovariance
{
    private readonly int _states;
    private readonly double[] _psi;
    private readonly double[] _rhs;
    private readonly double[] _gamma;
    private readonly double[] _matrix;
    private readonly int[] _pivots;
    private readonly double[] _dpsi;
    private readonly double[] _dgamma;

    /// <summary>Scratch for an ARMA whose Harvey form has <paramref name="states"/> states.</summary>
    public ArmaAutocovariance(int states)
    {
        _states = states;
        _psi = new double[states + 1];
        _rhs = new double[states + 1];
        _gamma = new double[states + 1];
        _matrix = new double[(states + 1) * (states + 1)];
        _pivots = new int[states + 1];
        _dpsi = new double[states + 1];
        _dgamma = new double[states + 1];
    }

    /// <summary>
    /// Writes Cov(α_t, y_t) (length r) for φ (length r, zero-padded) and θ (length r, θ_0 = 1, zero-padded).
    /// Returns false when the system is singular or the result not finite (a non-stationary φ).
    /// </summary>
    public bool FirstStateCovarianceColumn(ReadOnlySpan<double> phi, int p, ReadOnlySpan<double> theta, int q, double sigma2, Span<double> column)
    {
        int r = _states;
        var psi = _psi;
        psi[0] = 1;
        for (int m = 1; m <= r; m++)
        {
            double s = m <= q ? theta[m] : 0.0;
            for (int j = 1, jmax = Math.Min(m, p); j <= jmax; j++)
            {
                s += phi[j - 1] * psi[m - j];
            }

            psi[m] = s;
        }

        for (int k = 0; k <= r; k++)
        {
            double s = 0;
            for (int j = k; j <= q; j++)
            {
                s += theta[j] * psi[j - k];
            }

            _rhs[k] = sigma2 * s;
        }

        var gamma = _gamma;
        if (p == 0)
        {
            for (int k = 0; k <= r; k++)
            {
                gamma[k] = _rhs[k];
            }
        }
        else
        {
            int n = p + 1;
            var a = _matrix.AsSpan(0, n * n);
            a.Clear();
            for (int k = 0; k < n; k++)
            {
                a[k * n + k] += 1;
                for (int j = 1; j <= p; j++)
                {
                    a[k * n + Math.Abs(k - j)] -= phi[j - 1];
                }

                gamma[k] = _rhs[k];
            }

            if (!Factor(a, n, _pivots))
            {
                return false;
            }

            SolveFactored(a, n, _pivots, gamma.AsSpan(0, n));
            if (!AllFinite(gamma.AsSpan(0, n)))
            {
                return false;
            }

            for (int k = n; k <= r; k++)
            {
                double s = _rhs[k];
                for (int j = 1; j <= p; j++)
                {
                    s += phi[j - 1] * gamma[k - j];
                }

                gamma[k] = s;
            }
        }

        for (int i = 1; i <= r; i++)
        {
            double s = 0;
            for (int j = i; j <= p; j++)
            {
                s += phi[j - 1] * gamma[j - i + 1];
            }

            double t = 0;
            for (int j = i - 1; j <= q; j++)
            {
                t += theta[j] * psi[j - i + 1];
            }

            column[i - 1] = s + sigma2 * t;
        }

        return double.IsFinite(column[0]) && column[0] > 0;
    }

    /// <summary>
    /// Derivative of <see cref="FirstStateCovarianceColumn"/> along (dφ, dθ) (same padding, dθ₀ = 0), by forward
    /// differentiation of the same steps; the linear system is not factorised again. Valid only right after a
    /// successful <see cref="FirstStateCovarianceColumn"/> call with the same φ, θ, p, q and σ².
    /// </summary>
    public void ColumnDerivative(ReadOnlySpan<double> phi, int p, ReadOnlySpan<double> theta, int q, double sigma2, ReadOnlySpan<double> dphi, ReadOnlySpan<double> dtheta, Span<double> dcolumn)
    {
        int r = _states;
        var psi = _psi;
        var gamma = _gamma;
        var dpsi = _dpsi;
        dpsi[0] = 0;
        for (int m = 1; m <= r; m++)
        {
            double s = m <= q ? dtheta[m] : 0.0;
            for (int j = 1, jmax = Math.Min(m, p); j <= jmax; j++)
            {
                s += dphi[j - 1] * psi[m - j] + phi[j - 1] * dpsi[m - j];
            }

            dpsi[m] = s;
        }

        // dγ: the right-hand side's derivative, then A dγ = drhs − dA γ for lags 0..p and the recursion above p.
        var dgamma = _dgamma;
        for (int k = 0; k <= r; k++)
        {
            double s = 0;
            for (int j = k; j <= q; j++)
            {
                s += dtheta[j] * psi[j - k] + theta[j] * dpsi[j - k];
            }

            dgamma[k] = sigma2 * s;
        }

        if (p > 0)
        {
            int n = p + 1;
            for (int k = 0; k < n; k++)
            {
                double s = 0;
                for (int j = 1; j <= p; j++)
                {
                    s += dphi[j - 1] * gamma[Math.Abs(k - j)];
                }

                dgamma[k] += s;
            }

            SolveFactored(_matrix.AsSpan(0, n * n), n, _pivots, dgamma.AsSpan(0, n));
            for (int k = n; k <= r; k++)
            {
                double s = dgamma[k];
                for (int j = 1; j <= p; j++)
                {
                    s += dphi[j - 1] * gamma[k - j] + phi[j - 1] * dgamma[k - j];
                }

                dgamma[k] = s;
            }
        }

        for (int i = 1; i <= r; i++)
        {
            double s = 0;
            for (int j = i; j <= p; j++)
            {
                s += dphi[j - 1] * gamma[j - i + 1] + phi[j - 1] * dgamma[j - i + 1];
            }

            double t = 0;
            for (int j = i - 1; j <= q; j++)
            {
                t += dtheta[j] * psi[j - i + 1] + theta[j] * dpsi[j - i + 1];
            }

            dcolumn[i - 1] = s + sigma2 * t;
        }
    }

    /// <summary>In-place LU factorisation with partial pivoting (multipliers below the diagonal); false if singular.</summary>
    private static bool Factor(Span<double> a, int n, int[] pivots)
    {
        for (int c = 0; c < n; c++)
        {
            int pivot = c;
            double best = Math.Abs(a[c * n + c]);
            for (int r = c + 1; r < n; r++)
            {
                double v = Math.Abs(a[r * n + c]);
                if (v > best)
                {
                    best = v;
                    pivot = r;
                }
            }

            if (!(best > 0))
            {
                return false;
            }

            pivots[c] = pivot;
            if (pivot != c)
            {
                // Only the columns not yet eliminated: the multipliers stay where they were made, so that
                // SolveFactored can interleave the swaps and the eliminations as the factorisation did.
                for (int k = c; k < n; k++)
                {
                    (a[c * n + k], a[pivot * n + k]) = (a[pivot * n + k], a[c * n + k]);
                }
            }

            double d = a[c * n + c];
            for (int r = c + 1; r < n; r++)
            {
                double f = a[r * n + c] / d;
                a[r * n + c] = f;
                if (f == 0)
                {
                    continue;
                }

                for (int k = c + 1; k < n; k++)
                {
                    a[r * n + k] -= f * a[c * n + k];
                }
            }
        }

        return true;
    }

    /// <summary>Solves with the factors of <see cref="Factor"/>: the row swaps and eliminations in the order they were made, then back substitution.</summary>
    private static void SolveFactored(ReadOnlySpan<double> a, int n, int[] pivots, Span<double> b)
    {
        for (int c = 0; c < n; c++)
        {
            int pivot = pivots[c];
            if (pivot != c)
            {
                (b[c], b[pivot]) = (b[pivot], b[c]);
            }

            for (int r = c + 1; r < n; r++)
            {
                double f = a[r * n + c];
                if (f != 0)
                {
                    b[r] -= f * b[c];
                }
            }
        }

        for (int r = n - 1; r >= 0; r--)
        {
            double s = b[r];
            for (int k = r + 1; k < n; k++)
            {
                s -= a[r * n + k] * b[k];
            }

            b[r] = s / a[r * n + r];
        }
    }

    private static bool AllFinite(ReadOnlySpan<double> v)
    {
        foreach (double x in v)
        {
            if (!double.IsFinite(x))
            {
                return false;
            }
        }

        return true;
    }
}
