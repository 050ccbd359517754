namespace Vigil.Detectors.Sarima;

/// <summary>
/// The exact Gaussian likelihood terms of a stationary ARMA (Σ log F_t and Σ v_t²/F_t, as <see cref="KalmanFilter"/>
/// computes them without the steady-state shortcut) together with their gradient with respect to the reduced AR and MA
/// coefficients and the data, by reverse-mode differentiation (the adjoint) of the Chandrasekhar recursions.
/// </summary>
/// <remarks>
/// <para>
/// <see cref="Forward"/> runs the filter and keeps its trajectory (g_t = P_t Zᵀ and W_t for every step, and a few
/// scalars); <see cref="Backward"/> walks it back once with the adjoint of every statement of the step in reverse order,
/// and yields ∂J/∂φ (φ enters every transition and the first W), ∂J/∂g₀ (g₀ = P₀ Zᵀ, through which θ enters) and
/// ∂J/∂y_t, for J = c_L Σ log F + c_S Σ v²/F. <see cref="Directional"/> then turns ∂J/∂g₀ into a derivative along
/// any (dφ, dθ) by differentiating the autocovariance solve forward (<see cref="ArmaAutocovariance.ColumnDerivative"/>,
/// O(r²) per direction). A value and full gradient cost 2–4 filter passes (the backward pass touches more memory
/// than the forward one), whatever the number of parameters; central differences cost 2k + 1.
/// </para>
/// <para>
/// The forward pass performs the same floating-point operations as <see cref="KalmanFilter.Run"/> with
/// <see cref="KalmanFilter.ConvergenceTolerance"/> 0, so the values are identical. Memory: 2·(n + 1)·r doubles for the
/// trajectory, allocated once. Not thread-safe.
/// </para>
/// </remarks>
internal sealed class KalmanFilterGradient
{
    private readonly int _r;
    private readonly double[] _phi;
    private readonly double[] _theta;
    private readonly double[] _g0;
    private readonly double[] _a;
    private readonly double[] _gTrace;
    private readonly double[] _wTrace;
    private readonly double[] _v;
    private readonly double[] _s;
    private readonly double[] _b;
    private readonly double[] _m;
    private readonly double[] _aBar;
    private readonly double[] _gBar;
    private readonly double[] _wBar;
    private readonly double[] _phiBar;
    private readonly double[] _g0Bar;
    private readonly double[] _dg0;
    private readonly double[] _dphi;
    private readonly double[] _dtheta;
    private readonly ArmaAutocovariance _acov;
    private int _p;
    private int _q;
    private int _n;
    private double _sigma2;

    /// <summary>Scratch for Harvey forms of <paramref name="states"/> states and series of up to <paramref name="capacity"/> values.</summary>
    public KalmanFilterGradient(int states, int capacity)
    {
        _r = Math.Max(1, states);
        Capacity = capacity;
        _phi = new double[_r];
        _theta = new double[_r + 1];
        _g0 = new double[_r];
        _a = new double[_r];
        _gTrace = new double[(capacity + 1) * _r];
        _wTrace = new double[(capacity + 1) * _r];
        _v = new double[capacity];
        _s = new double[capacity];
        _b = new double[capacity];
        _m = new double[capacity + 1];
        _aBar = new double[_r];
        _gBar = new double[_r];
        _wBar = new double[_r];
        _phiBar = new double[_r];
        _g0Bar = new double[_r];
        _dg0 = new double[_r];
        _dphi = new double[_r];
        _dtheta = new double[_r + 1];
        _acov = new ArmaAutocovariance(_r);
    }

    /// <summary>The longest series <see cref="Forward"/> accepts.</summary>
    public int Capacity { get; }

    /// <summary>Doubles of trajectory a gradient over <paramref name="n"/> values with <paramref name="states"/> states keeps.</summary>
    public static long TraceSize(int states, int n) => 2L * (n + 1) * Math.Max(1, states);

    /// <summary>
    /// Filters y from the stationary initialisation of the ARMA (φ for 1 − Σ φ_i Lⁱ, θ for 1 + Σ θ_i Lⁱ, σ²) and keeps
    /// the trajectory. Returns false when the model cannot be initialised or a variance is not positive and finite.
    /// </summary>
    public bool Forward(ReadOnlySpan<double> phi, ReadOnlySpan<double> theta, double sigma2, ReadOnlySpan<double> y, out double sumLogF, out double sumSquares)
    {
        int r = _r;
        if (Math.Max(phi.Length, theta.Length + 1) > r || y.Length > Capacity)
        {
            throw new ArgumentException("The polynomials or the series exceed the scratch.");
        }

        sumLogF = double.NaN;
        sumSquares = double.NaN;
        _p = phi.Length;
        _q = theta.Length;
        _sigma2 = sigma2;
        _n = y.Length;
        Array.Clear(_phi);
        Array.Clear(_theta);
        phi.CopyTo(_phi);
        _theta[0] = 1;
        theta.CopyTo(_theta.AsSpan(1));
        if (!(sigma2 > 0) || !_acov.FirstStateCovarianceColumn(_phi, _p, _theta, _q, sigma2, _g0))
        {
            return false;
        }

        // Initial state as KalmanFilter.Reset: a = 0, g = g₀, W₁ = T g₀, M₁ = −1/F₁.
        var ph = _phi.AsSpan(0, r);
        var a = _a.AsSpan(0, r);
        a.Clear();
        var g = _gTrace.AsSpan(0, r);
        var w = _wTrace.AsSpan(0, r);
        _g0.AsSpan(0, r).CopyTo(g);
        double g00 = g[0];
        for (int i = 0; i < r - 1; i++)
        {
            w[i] = ph[i] * g00 + g[i + 1];
        }

        w[r - 1] = ph[r - 1] * g00;
        double m = -1.0 / g00;
        double logF = 0;
        double squares = 0;
        for (int t = 0; t < y.Length; t++)
        {
            var gn = _gTrace.AsSpan((t + 1) * r, r);
            var wn = _wTrace.AsSpan((t + 1) * r, r);
            double f = g[0];
            if (!(f > 0) || !double.IsFinite(f))
            {
                return false;
            }

            double v = y[t] - a[0];
            double s = v / f;
            logF += Math.Log(f);
            squares += v * s;
            double b = a[0] + g[0] * s;
            double c = w[0];
            double h = c / f;
            double k = m * c;
            _v[t] = v;
            _s[t] = s;
            _b[t] = b;
            _m[t] = m;
            gn[0] = g[0] + k * c;
            for (int i = 1; i < r; i++)
            {
                double gi = g[i];
                double wi = w[i];
                a[i - 1] = ph[i - 1] * b + a[i] + gi * s;
                gn[i] = gi + k * wi;
                wn[i - 1] = wi - h * gi;
            }

            a[r - 1] = ph[r - 1] * b;
            wn[r - 1] = 0.0;
            m = m * f / gn[0];
            g = gn;
            w = wn;
        }

        _m[y.Length] = m;
        sumLogF = logF;
        sumSquares = squares;
        return double.IsFinite(squares);
    }

    /// <summary>
    /// The reverse pass for J = <paramref name="seedLogF"/>·Σ log F_t + <paramref name="seedSquares"/>·Σ v_t²/F_t after a
    /// successful <see cref="Forward"/>: keeps ∂J/∂φ and ∂J/∂g₀ for <see cref="Directional"/> and writes ∂J/∂y_t into
    /// <paramref name="yBar"/> when it is not empty.
    /// </summary>
    public void Backward(double seedLogF, double seedSquares, Span<double> yBar)
    {
        int r = _r;
        var ph = _phi.AsSpan(0, r);
        var aBar = _aBar.AsSpan(0, r);
        var gBar = _gBar.AsSpan(0, r);
        var wBar = _wBar.AsSpan(0, r);
        var phiBar = _phiBar.AsSpan(0, r);
        aBar.Clear();
        gBar.Clear();
        wBar.Clear();
        phiBar.Clear();
        bool keepY = !yBar.IsEmpty;
        double mBar = 0;
        for (int t = _n - 1; t >= 0; t--)
        {
            // On entry the bars are the adjoints of the step's outputs (a_{t+1}, g_{t+1}, W_{t+1}, M_{t+1}); on exit,
            // of its inputs. Statements of the forward step are undone last to first.
            var g = _gTrace.AsSpan(t * r, r);
            var w = _wTrace.AsSpan(t * r, r);
            double f = g[0];
            double s = _s[t];
            double v = _v[t];
            double b = _b[t];
            double m = _m[t];
            double c = w[0];
            double h = c / f;
            double k = m * c;
            double gn0 = _gTrace[(t + 1) * r];

            // m' = m f / g'₀
            double mNext = _m[t + 1];
            double fBar = mBar * m / gn0;
            double mIn = mBar * f / gn0;
            double gn0Bar = gBar[0] - mBar * mNext / gn0;

            // a'[r−1] = φ[r−1] b (W'[r−1] = 0 is a constant)
            double bBar = aBar[r - 1] * ph[r - 1];
            phiBar[r - 1] += aBar[r - 1] * b;
            double kBar = 0;
            double hBar = 0;
            double sBar = 0;
            for (int i = r - 1; i >= 1; i--)
            {
                double aOut = aBar[i - 1];
                double wOut = wBar[i - 1];
                double gOut = gBar[i];
                double gi = g[i];
                double wi = w[i];
                // W'[i−1] = W[i] − h g[i];  g'[i] = g[i] + k W[i];  a'[i−1] = φ[i−1] b + a[i] + g[i] s
                phiBar[i - 1] += aOut * b;
                bBar += aOut * ph[i - 1];
                sBar += aOut * gi;
                kBar += gOut * wi;
                hBar -= wOut * gi;
                gBar[i] = gOut - wOut * h + aOut * s;
                wBar[i] = wOut + gOut * k;
                aBar[i] = aOut;
            }

            // g'₀ = g₀ + k c;  k = m c;  h = c / f;  b = a₀ + g₀ s
            double g0Bar = gn0Bar;
            kBar += gn0Bar * c;
            double cBar = gn0Bar * k + kBar * m + hBar / f;
            mIn += kBar * c;
            fBar -= hBar * h / f;
            double a0Bar = bBar;
            g0Bar += bBar * s;
            sBar += bBar * f;

            // Σ v s and Σ log f;  s = v / f;  v = y − a₀;  f = g₀;  c = W₀
            double vBar = seedSquares * s;
            sBar += seedSquares * v;
            fBar += seedLogF / f;
            vBar += sBar / f;
            fBar -= sBar * s / f;
            a0Bar -= vBar;
            if (keepY)
            {
                yBar[t] = vBar;
            }

            g0Bar += fBar;
            aBar[0] = a0Bar;
            gBar[0] = g0Bar;
            wBar[0] = cBar;
            mBar = mIn;
        }

        // Initial state: g = g₀, W₁[i] = φ[i] g₀[0] + g₀[i+1], W₁[r−1] = φ[r−1] g₀[0], M₁ = −1/g₀[0].
        var g0 = _g0.AsSpan(0, r);
        var g0Bar2 = _g0Bar.AsSpan(0, r);
        gBar.CopyTo(g0Bar2);
        double first = g0[0];
        g0Bar2[0] += mBar / (first * first);
        for (int i = 0; i < r; i++)
        {
            phiBar[i] += wBar[i] * first;
            g0Bar2[0] += wBar[i] * ph[i];
            if (i + 1 < r)
            {
                g0Bar2[i + 1] += wBar[i];
            }
        }
    }

    /// <summary>
    /// ∂J along (dφ, dθ) after <see cref="Backward"/>: Σ ∂J/∂φ_i dφ_i + Σ ∂J/∂g₀_i dg₀_i, with dg₀ the derivative of
    /// the stationary covariance column. dφ and dθ are as long as φ and θ were.
    /// </summary>
    public double Directional(ReadOnlySpan<double> dphi, ReadOnlySpan<double> dtheta)
    {
        int r = _r;
        var dphiPadded = _dphi.AsSpan(0, r);
        var dthetaPadded = _dtheta.AsSpan(0, r + 1);
        dphiPadded.Clear();
        dthetaPadded.Clear();
        dphi.CopyTo(dphiPadded);
        dtheta.CopyTo(dthetaPadded[1..]);
        _acov.ColumnDerivative(_phi, _p, _theta, _q, _sigma2, dphiPadded, dthetaPadded, _dg0);
        double d = 0;
        for (int i = 0; i < r; i++)
        {
            d += _phiBar[i] * dphiPadded[i] + _g0Bar[i] * _dg0[i];
        }

        return d;
    }
}
