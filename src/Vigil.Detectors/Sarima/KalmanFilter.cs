using System.Runtime.CompilerServices;

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
/// v = y − a₁, F = g₁, a ← T(a + g v / F), g ← g + M W₁ W, W ← T(W − (W₁/F) g) = shift(W − (W₁/F) g) (the first
/// element of W − (W₁/F) g is W₁ − W₁ g₁/F = 0, so T's first column drops out), M ← M F / F_new.
/// Only g = P₀ Zᵀ is needed to start (<see cref="ArmaAutocovariance"/>), never the full Lyapunov solution. The
/// innovations v_t and variances F_t are those of the conventional filter (they do not depend on the
/// representation). Per step: O(r) time, no allocation.
/// </para>
/// <para>
/// Steady state, as statsmodels: its filter stops updating P_t once ‖P_{t+1} − P_t‖²_F (squared Frobenius norm) falls
/// below <see cref="ConvergenceTolerance"/> (statsmodels' <c>tolerance</c>, default 1e-19) at a step t ≥ 1 (0-based);
/// from then on F is frozen at F_t, the next step still uses P_{t+1}, and every later one P_t (statsmodels copies its
/// stored "converged" P_t into each new prediction). Here ‖W M Wᵀ‖²_F = (M·WᵀW)², an O(r) check. Freezing changes
/// F by at most a few 1e-10 relative per remaining step, but on a near-unit seasonal root (nyc_taxi) the exact F keeps
/// drifting after the freeze and e²/F would differ from statsmodels' by up to 6.6e-6 relative; with the same rule the
/// two agree to rounding. Tolerance 0 gives the exact filter.
/// </para>
/// <para>Not thread-safe: one instance per caller.</para>
/// </remarks>
internal sealed class KalmanFilter
{
    /// <summary>statsmodels' default steady-state tolerance on ‖P_{t+1} − P_t‖²_F.</summary>
    public const double StatsmodelsTolerance = 1e-19;

    private readonly double[] _phi;
    private readonly double[] _theta;
    private readonly double[] _a;
    private readonly double[] _g;
    private readonly double[] _w;
    private readonly double[] _g0;
    private readonly double[] _gFrozen;
    private readonly ArmaAutocovariance _acov;
    private double _m;
    private double _ww;
    private double _fFrozen;
    private int _t;
    private Phase _phase;
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
        _gFrozen = new double[States];
        _acov = new ArmaAutocovariance(States);
    }

    private enum Phase
    {
        /// <summary>P_t is updated every step.</summary>
        Updating,

        /// <summary>Converged at the previous step: F frozen, P_{t} still the freshly updated one.</summary>
        JustConverged,

        /// <summary>F and P frozen.</summary>
        Frozen,
    }

    /// <summary>Number of states r = max(p, q + 1).</summary>
    public int States { get; }

    /// <summary>
    /// Steady-state tolerance on ‖P_{t+1} − P_t‖²_F (default <see cref="StatsmodelsTolerance"/>; 0 = never freeze).
    /// It is absolute, so it refers to the σ² the filter was configured with. <see cref="Step"/> reads it at every
    /// step, <see cref="Run"/> once at its start.
    /// </summary>
    public double ConvergenceTolerance { get; set; } = StatsmodelsTolerance;

    /// <summary>0-based step at which the covariance was declared converged since the last reset; −1 if not (yet).</summary>
    public int ConvergedAt { get; private set; } = -1;

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
        // W₁ = T g, M₁ = −1/F₁.
        double g0 = _g[0];
        double ww = 0;
        for (int i = 0; i < r - 1; i++)
        {
            double wi = _phi[i] * g0 + _g[i + 1];
            _w[i] = wi;
            ww += wi * wi;
        }

        _w[r - 1] = _phi[r - 1] * g0;
        ww += _w[r - 1] * _w[r - 1];
        _ww = ww;
        _m = -1.0 / g0;
        _t = 0;
        _phase = Phase.Updating;
        ConvergedAt = -1;
    }

    /// <summary>Variance F_t of the next one-step-ahead forecast error.</summary>
    public double ForecastVariance => _phase == Phase.Updating ? _g[0] : _fFrozen;

    /// <summary>The next one-step-ahead forecast of the (mean-removed) series.</summary>
    public double Forecast => _a[0];

    /// <summary>
    /// Absorbs y (mean removed): returns the forecast error v and writes its variance F (both from before y).
    /// </summary>
    public double Step(double y, out double variance)
    {
        if (_phase != Phase.Updating)
        {
            return FrozenStep(y, out variance);
        }

        var a = _a;
        var g = _g;
        var w = _w;
        var phi = _phi;
        int r = States;
        double f = g[0];
        double v = y - a[0];
        variance = f;
        bool converged = _t >= 1 && Converged(_m, _ww, ConvergenceTolerance);
        if (converged)
        {
            Array.Copy(g, _gFrozen, r);
            _fFrozen = f;
        }

        double s = v / f;
        _ww = ChandrasekharUpdate(a.AsSpan(0, r), g.AsSpan(0, r), w.AsSpan(0, r), phi.AsSpan(0, r), s, f, ref _m);
        if (converged)
        {
            ConvergedAt = _t;
            _phase = Phase.JustConverged;
        }

        _t++;
        return v;
    }

    /// <summary>statsmodels' test ‖P_t − P_{t+1}‖²_F &lt; tolerance with the increment W M Wᵀ.</summary>
    private static bool Converged(double m, double ww, double tolerance)
    {
        double d = m * ww;
        return d * d < tolerance;
    }

    /// <summary>A step after convergence: F frozen; the gain uses the current g, which becomes the frozen one after the first such step.</summary>
    private double FrozenStep(double y, out double variance)
    {
        var a = _a;
        var g = _g;
        var phi = _phi;
        int r = States;
        double f = _fFrozen;
        double v = y - a[0];
        variance = f;
        double s = v / f;
        double b = a[0] + g[0] * s;
        for (int i = 1; i < r; i++)
        {
            a[i - 1] = phi[i - 1] * b + a[i] + g[i] * s;
        }

        a[r - 1] = phi[r - 1] * b;
        if (_phase == Phase.JustConverged)
        {
            Array.Copy(_gFrozen, g, r);
            _phase = Phase.Frozen;
        }

        _t++;
        return v;
    }

    // One Chandrasekhar recursion step, shared by Step and Run: state a, gain g and W from the scaled error
    // s = v/F; updates M and returns WᵀW (the convergence check's input).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double ChandrasekharUpdate(Span<double> a, Span<double> g, Span<double> w, ReadOnlySpan<double> phi, double s, double f, ref double m)
    {
        int r = a.Length;
        double b = a[0] + g[0] * s;
        double c = w[0];
        double h = c / f;
        double k = m * c;
        g[0] += k * c;
        double ww = 0;
        for (int i = 1; i < r; i++)
        {
            double gi = g[i];
            double wi = w[i];
            a[i - 1] = phi[i - 1] * b + a[i] + gi * s;
            g[i] = gi + k * wi;
            double wn = wi - h * gi;
            w[i - 1] = wn;
            ww += wn * wn;
        }

        a[r - 1] = phi[r - 1] * b;
        w[r - 1] = 0.0;
        m = m * f / g[0];
        return ww;
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
        double ww = _ww;
        double tolerance = ConvergenceTolerance;
        int t = 0;
        for (; t < y.Length; t++)
        {
            // Same arithmetic as Step on local copies of the fields, for the likelihood loop.
            double f = g[0];
            if (!(f > 0) || !double.IsFinite(f))
            {
                sumLogF = double.NaN;
                sumSquares = double.NaN;
                return false;
            }

            bool converged = t >= 1 && tolerance > 0 && Converged(m, ww, tolerance);
            if (converged)
            {
                g.CopyTo(_gFrozen);
                _fFrozen = f;
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

            ww = ChandrasekharUpdate(a, g, w, phi, s, f, ref m);
            if (converged)
            {
                ConvergedAt = t;
                _phase = Phase.JustConverged;
                t++;
                break;
            }
        }

        _m = m;
        _ww = ww;
        _t = t;
        for (; t < y.Length; t++)
        {
            // After the steady state: the frozen F, log F and gain.
            double v = FrozenStep(y[t], out double f);
            logF += Math.Log(f);
            squares += v * (v / f);
            if (keep)
            {
                errors[t] = v;
                variances[t] = f;
            }
        }

        sumLogF = logF;
        sumSquares = squares;
        return double.IsFinite(squares);
    }
}
