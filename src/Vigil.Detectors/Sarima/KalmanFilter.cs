namespace Vigil.Detectors.Sarima;

/// <summary>
/// Exact Kalman filter for a stationary ARMA process in Harvey's state-space form (the representation statsmodels'
/// SARIMAX uses): y_t = Z α_t, α_{t+1} = T α_t + R η_t, Z = e₁, T the companion matrix with φ in its first column,
/// R = (1, θ₁, …, θ_{r−1})ᵀ, η ~ N(0, σ²), initialised with the stationary distribution α₁ ~ N(0, P₀).
/// </summary>
/// <remarks>
/// <para>
/// Implementation note: instead of propagating the r×r covariance P_t (O(r²) per step even with the companion
/// structure), the filter runs the Chandrasekhar recursions (Morf, Sidhu &amp; Kailath 1974; Herbst 2015). For a
/// time-invariant system, P_{t+1} − P_t = W_t M_t W_tᵀ; with the stationary initialisation P₀ = T P₀ Tᵀ + σ² R Rᵀ the
/// first increment is −T g gᵀ Tᵀ / F₁ (g = P₀ Zᵀ), so W is a single column and M a scalar, and per observation:
/// v = y − a₁, F = g₁, a ← T(a + g v / F), u = W − (W₁/F) g, g ← g + M W₁ W, W ← T u, M ← M F / F_new.
/// Only g = P₀ Zᵀ is needed to start (<see cref="ArmaAutocovariance"/>), never the full Lyapunov solution. The
/// innovations v_t and variances F_t are those of the conventional filter (they do not depend on the
/// representation), so the log-likelihood and e²/F scores agree with statsmodels to rounding. Per step: O(r)
/// time, no allocation.
/// </para>
/// <para>Not thread-safe: one instance per caller.</para>
/// </remarks>
internal sealed class KalmanFilter
{
    private readonly double[] _phi;
    private readonly double[] _theta;
    private readonly double[] _a;
    private readonly double[] _g;
    private readonly double[] _w;
    private readonly double[] _g0;
    private readonly ArmaAutocovariance _acov;
    private double _m;
    private int _p;
    private int _q;

    /// <summary>A filter for Harvey forms of up to <paramref name="states"/> states.</summary>
    public KalmanFilter(int states)
    {
        States = Math.Max(1, states);
        _phi = new double[States];
        _theta = new double[States + 1];
        _a = new double[States];
        _g = new double[States];
        _w = new double[States];
        _g0 = new double[States];
        _acov = new ArmaAutocovariance(States);
    }

    /// <summary>Number of states r = max(p, q + 1).</summary>
    public int States { get; }

    /// <summary>
    /// Sets the ARMA polynomials (φ₁..φ_p for 1 − Σ φ_i Lⁱ; θ₁..θ_q for 1 + Σ θ_i Lⁱ) and σ², and resets the state
    /// to the stationary initialisation. Returns false when the model is not stationary enough to initialise.
    /// </summary>
    public bool Configure(ReadOnlySpan<double> phi, ReadOnlySpan<double> theta, double sigma2)
    {
        if (Math.Max(phi.Length, theta.Length + 1) > States)
        {
            throw new ArgumentException("The polynomials need more states than the filter has.");
        }

        _p = phi.Length;
        _q = theta.Length;
        Array.Clear(_phi);
        Array.Clear(_theta);
        phi.CopyTo(_phi);
        _theta[0] = 1;
        theta.CopyTo(_theta.AsSpan(1));
        if (!(sigma2 > 0) || !_acov.FirstStateCovarianceColumn(_phi, _p, _theta, _q, sigma2, _g0))
        {
            return false;
        }

        Reset();
        return true;
    }

    /// <summary>Returns the state to the stationary initialisation (α₁ ~ N(0, P₀)).</summary>
    public void Reset()
    {
        int r = States;
        Array.Clear(_a);
        Array.Copy(_g0, _g, r);
        double f = _g[0];
        // W₁ = T g, M₁ = −1/F₁.
        double g0 = _g[0];
        for (int i = 0; i < r - 1; i++)
        {
            _w[i] = _phi[i] * g0 + _g[i + 1];
        }

        _w[r - 1] = _phi[r - 1] * g0;
        _m = -1.0 / f;
    }

    /// <summary>Variance F_t of the next one-step-ahead forecast error.</summary>
    public double ForecastVariance => _g[0];

    /// <summary>The next one-step-ahead forecast of the (mean-removed) series.</summary>
    public double Forecast => _a[0];

    /// <summary>
    /// Absorbs y (mean removed): returns the forecast error v and writes its variance F (both from before y).
    /// </summary>
    public double Step(double y, out double variance)
    {
        var a = _a;
        var g = _g;
        var w = _w;
        var phi = _phi;
        int r = States;
        double f = g[0];
        double v = y - a[0];
        variance = f;

        double s = v / f;
        double a0 = a[0] + g[0] * s;
        double c = w[0];
        double cf = c / f;
        double mc = _m * c;
        double u0 = c - cf * g[0];
        g[0] += mc * c;
        for (int i = 1; i < r; i++)
        {
            double gi = g[i];
            double wi = w[i];
            a[i - 1] = phi[i - 1] * a0 + a[i] + gi * s;
            double ui = wi - cf * gi;
            g[i] = gi + mc * wi;
            w[i - 1] = phi[i - 1] * u0 + ui;
        }

        a[r - 1] = phi[r - 1] * a0;
        w[r - 1] = phi[r - 1] * u0;
        double fNew = g[0];
        _m = _m * f / fNew;
        return v;
    }

    /// <summary>
    /// Filters <paramref name="y"/> from the initial state; accumulates Σ log F_t and Σ v_t²/F_t. Optionally writes
    /// v_t and F_t. Returns false if a variance is not positive and finite.
    /// </summary>
    public bool Run(ReadOnlySpan<double> y, out double sumLogF, out double sumSquares, Span<double> errors = default, Span<double> variances = default)
    {
        Reset();
        double logF = 0;
        double squares = 0;
        bool keep = !errors.IsEmpty;
        int r = States;
        var a = _a.AsSpan(0, r);
        var g = _g.AsSpan(0, r);
        var w = _w.AsSpan(0, r);
        var phi = _phi.AsSpan(0, r);
        double m = _m;
        for (int t = 0; t < y.Length; t++)
        {
            // Same arithmetic as Step, inlined for the likelihood loop.
            double f = g[0];
            if (!(f > 0) || !double.IsFinite(f))
            {
                sumLogF = double.NaN;
                sumSquares = double.NaN;
                return false;
            }

            double v = y[t] - a[0];
            double s = v / f;
            logF += Math.Log(f);
            squares += v * s;
            if (keep)
            {
                errors[t] = v;
                variances[t] = f;
            }

            double a0 = a[0] + g[0] * s;
            double c = w[0];
            double cf = c / f;
            double mc = m * c;
            double u0 = c - cf * g[0];
            g[0] += mc * c;
            for (int i = 1; i < r; i++)
            {
                double gi = g[i];
                double wi = w[i];
                double ph = phi[i - 1];
                a[i - 1] = ph * a0 + a[i] + gi * s;
                g[i] = gi + mc * wi;
                w[i - 1] = ph * u0 + (wi - cf * gi);
            }

            a[r - 1] = phi[r - 1] * a0;
            w[r - 1] = phi[r - 1] * u0;
            m = m * f / g[0];
        }

        _m = m;
        sumLogF = logF;
        sumSquares = squares;
        return double.IsFinite(squares);
    }

}
