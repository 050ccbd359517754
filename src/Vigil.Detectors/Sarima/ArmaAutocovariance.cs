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

    /// <summary>Scratch for an ARMA whose Harvey form has <paramref name="states"/> states.</summary>
    public ArmaAutocovariance(int states)
    {
        _states = states;
        _psi = new double[states + 1];
        _rhs = new double[states + 1];
        _gamma = new double[states + 1];
        _matrix = new double[(states + 1) * (states + 1)];
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

            if (!Solve(a, gamma.AsSpan(0, n), n))
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

    private static bool Solve(Span<double> a, Span<double> b, int n)
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

            if (pivot != c)
            {
                for (int k = 0; k < n; k++)
                {
                    (a[c * n + k], a[pivot * n + k]) = (a[pivot * n + k], a[c * n + k]);
                }

                (b[c], b[pivot]) = (b[pivot], b[c]);
            }

            double d = a[c * n + c];
            for (int r = c + 1; r < n; r++)
            {
                double f = a[r * n + c] / d;
                if (f == 0)
                {
                    continue;
                }

                for (int k = c; k < n; k++)
                {
                    a[r * n + k] -= f * a[c * n + k];
                }

                b[r] -= f * b[c];
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

        for (int i = 0; i < n; i++)
        {
            if (!double.IsFinite(b[i]))
            {
                return false;
            }
        }

        return true;
    }
}
