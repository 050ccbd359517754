using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;

namespace Vigil.Detectors.Sarima;

/// <summary>Exact maximum-likelihood estimation of SARIMA parameters.</summary>
/// <remarks>
/// <para>
/// Starting values follow statsmodels' <c>SARIMAX.start_params</c>: the trend by OLS, then conditional sum of squares
/// (<c>_conditional_sum_squares</c>) for the non-seasonal and the seasonal ARMA separately: an AR(2q) regression gives
/// residuals that stand in for the innovations, and one least-squares regression on the AR lags and the residual lags
/// gives the ARMA coefficients. A non-stationary or non-invertible start becomes zeros, as in statsmodels.
/// </para>
/// <para>
/// Implementation note: σ² is concentrated out of the likelihood (σ̂² = Σ v²/F* / n with F* the variances at σ² = 1);
/// the maximiser of the concentrated likelihood is the full maximum-likelihood estimate, with one parameter fewer for
/// the optimiser. The remaining parameters are optimised in statsmodels' unconstrained space (Monahan/Jones transforms)
/// by MathNet's L-BFGS on −llf/n. Gradients are analytic by default: the adjoint of the filter
/// (<see cref="KalmanFilterGradient"/>) gives ∂/∂φ* and ∂/∂θ* of the reduced polynomials in 2–4 filter passes, and the
/// chain rule runs through the seasonal products (<see cref="SarimaPolynomials.ReducedArDerivative"/>) and the
/// transforms (<see cref="StationarityTransform.ConstrainJacobian"/>). Central differences (2k + 1 passes of
/// O(n·states)) remain for trajectories above <see cref="MaxTraceDoubles"/> and for comparison.
/// </para>
/// </remarks>
internal static class SarimaEstimator
{
    /// <summary>Largest trajectory (doubles) the analytic gradient may keep; beyond it, central differences.</summary>
    internal const long MaxTraceDoubles = 1L << 23;

    public static SarimaModel Fit(ReadOnlySpan<double> y, SarimaSpecification spec, int maxIterations, CancellationToken ct, SarimaGradientMethod gradientMethod = SarimaGradientMethod.Analytic)
    {
        var diffCoefficients = SarimaPolynomials.Differencing(spec.Differences, spec.EffectiveSeasonalDifferences, spec.Period);
        var w = SarimaPolynomials.Difference(y, diffCoefficients);
        if (w.Length < spec.States + spec.TrendCount + 2)
        {
            throw new ArgumentException($"{y.Length} observations are too few for {Describe(spec)} (needs at least {spec.States + spec.TrendCount + 2 + spec.DifferencingLength}).");
        }

        for (int i = 0; i < w.Length; i++)
        {
            if (!double.IsFinite(w[i]))
            {
                throw new ArgumentException("The series must be finite.");
            }
        }

        bool analytic = gradientMethod == SarimaGradientMethod.Analytic && KalmanFilterGradient.TraceSize(spec.States, w.Length) <= MaxTraceDoubles;
        var problem = new Problem(w, spec, analytic);
        var x0 = problem.StartingPoint();
        int k = x0.Length;
        if (k == 0)
        {
            problem.Evaluate(x0, out double llf0, out double s2);
            return problem.ToModel(x0, llf0, s2, 0, true);
        }

        double best = double.PositiveInfinity;
        double[] bestX = (double[])x0.Clone();
        int n = w.Length;
        void Track(double[] x, double f)
        {
            if (f < best)
            {
                best = f;
                Array.Copy(x, bestX, x.Length);
            }
        }

        double Objective(double[] x)
        {
            ct.ThrowIfCancellationRequested();
            double f = problem.Evaluate(x, out double llf, out _) ? -llf / n : double.PositiveInfinity;
            Track(x, f);
            return f;
        }

        var xs = new double[k];
        var gs = new double[k];
        var objective = ObjectiveFunction.Gradient(v =>
        {
            for (int i = 0; i < k; i++)
            {
                xs[i] = v[i];
            }

            var g = Vector<double>.Build.Dense(k);
            double f;
            if (analytic)
            {
                ct.ThrowIfCancellationRequested();
                f = problem.EvaluateWithGradient(xs, gs) ? problem.Objective : double.PositiveInfinity;
                Track(xs, f);
                if (!double.IsFinite(f))
                {
                    return (1e10, g);
                }

                for (int i = 0; i < k; i++)
                {
                    g[i] = gs[i];
                }

                return (f, g);
            }

            f = Objective(xs);
            if (!double.IsFinite(f))
            {
                return (1e10, g);
            }

            for (int i = 0; i < k; i++)
            {
                double xi = xs[i];
                double h = 1e-5 * Math.Max(1.0, Math.Abs(xi));
                xs[i] = xi + h;
                double fp = Objective(xs);
                xs[i] = xi - h;
                double fm = Objective(xs);
                xs[i] = xi;
                g[i] = double.IsFinite(fp) && double.IsFinite(fm) ? (fp - fm) / (2 * h) : 0.0;
            }

            return (f, g);
        });

        int iterations = 0;
        bool converged = false;
        double[] xHat = bestX;
        try
        {
            var minimizer = new LimitedMemoryBfgsMinimizer(1e-8, 1e-10, 1e-13, 10, Math.Max(1, maxIterations));
            var result = minimizer.FindMinimum(objective, Vector<double>.Build.DenseOfArray(x0));
            iterations = result.Iterations;
            converged = result.ReasonForExit is ExitCondition.AbsoluteGradient or ExitCondition.RelativeGradient or ExitCondition.LackOfProgress or ExitCondition.WeakWolfeCriteria or ExitCondition.StrongWolfeCriteria or ExitCondition.RelativePoints;
            var xr = result.MinimizingPoint.ToArray();
            xHat = problem.Evaluate(xr, out double llfR, out _) && -llfR / n <= best ? xr : bestX;
        }
        catch (Exception e) when (e is OptimizationException or ArithmeticException or ArgumentException)
        {
            // Line-search failure or iteration cap: keep the best point seen (a defined fallback).
            xHat = bestX;
        }

        if (!problem.Evaluate(xHat, out double llfHat, out double sigma2))
        {
            throw new ArgumentException($"The likelihood of {Describe(spec)} could not be evaluated at any point.");
        }

        return problem.ToModel(xHat, llfHat, sigma2, iterations, converged);
    }

    private static string Describe(SarimaSpecification s) =>
        $"SARIMA({s.ArOrder},{s.Differences},{s.MaOrder})({s.SeasonalArOrder},{s.SeasonalDifferences},{s.SeasonalMaOrder},{s.Period})";

    /// <summary>The likelihood of one differenced series under one specification, with preallocated scratch.</summary>
    internal sealed class Problem
    {
        private readonly double[] _w;
        private readonly double[] _residual;
        private readonly SarimaSpecification _spec;
        private readonly KalmanFilter _filter;
        private readonly double[] _ar;
        private readonly double[] _ma;
        private readonly double[] _sar;
        private readonly double[] _sma;
        private readonly double[] _phi;
        private readonly double[] _theta;
        private readonly double[] _scratch;

        private readonly KalmanFilterGradient? _gradient;
        private readonly double[] _yBar;
        private readonly double[] _jacobian;
        private readonly double[] _direction;
        private readonly double[] _zeros;
        private readonly double[] _dPhi;
        private readonly double[] _dTheta;

        public Problem(double[] w, SarimaSpecification spec, bool analytic)
        {
            _w = w;
            _spec = spec;
            _residual = new double[w.Length];
            if (analytic)
            {
                _gradient = new KalmanFilterGradient(spec.States, w.Length);
            }

            _yBar = new double[spec.TrendCount > 0 && analytic ? w.Length : 0];
            // The optimiser maximises the exact likelihood: σ² is concentrated (the filter runs at σ² = 1), so
            // statsmodels' absolute steady-state tolerance on P has no fixed meaning here. ToModel re-evaluates the
            // optimum as statsmodels does.
            _filter = new KalmanFilter(spec.States) { ConvergenceTolerance = 0 };
            _ar = new double[spec.ArOrder];
            _ma = new double[spec.MaOrder];
            _sar = new double[spec.EffectiveSeasonalAr];
            _sma = new double[spec.EffectiveSeasonalMa];
            _phi = new double[spec.ReducedArDegree];
            _theta = new double[spec.ReducedMaDegree];
            int m = Math.Max(Math.Max(_ar.Length, _ma.Length), Math.Max(_sar.Length, _sma.Length));
            _scratch = new double[2 * m * m];
            _jacobian = new double[m * m];
            _direction = new double[m];
            _zeros = new double[m];
            _dPhi = new double[_phi.Length];
            _dTheta = new double[_theta.Length];
        }

        /// <summary>−llf/n at the point of the last successful <see cref="EvaluateWithGradient"/>.</summary>
        public double Objective { get; private set; }

        private int Count => _spec.TrendCount + _ar.Length + _ma.Length + _sar.Length + _sma.Length;

        /// <summary>Unconstrained vector → constrained blocks (trend stays as is).</summary>
        private void Constrain(ReadOnlySpan<double> x, Span<double> trend)
        {
            int o = 0;
            x.Slice(o, trend.Length).CopyTo(trend);
            o += trend.Length;
            StationarityTransform.Constrain(x.Slice(o, _ar.Length), _ar, _scratch);
            o += _ar.Length;
            StationarityTransform.Constrain(x.Slice(o, _ma.Length), _ma, _scratch);
            Negate(_ma);
            o += _ma.Length;
            StationarityTransform.Constrain(x.Slice(o, _sar.Length), _sar, _scratch);
            o += _sar.Length;
            StationarityTransform.Constrain(x.Slice(o, _sma.Length), _sma, _scratch);
            Negate(_sma);
        }

        private static void Negate(Span<double> v)
        {
            for (int i = 0; i < v.Length; i++)
            {
                v[i] = -v[i];
            }
        }

        /// <summary>Constrains x, expands the polynomials and removes the trend; returns the series to filter.</summary>
        private ReadOnlySpan<double> Prepare(ReadOnlySpan<double> x)
        {
            Span<double> trend = stackalloc double[2];
            trend = trend[.._spec.TrendCount];
            Constrain(x, trend);
            SarimaPolynomials.ReducedAr(_ar, _sar, _spec.Period, _phi);
            SarimaPolynomials.ReducedMa(_ma, _sma, _spec.Period, _theta);
            if (trend.Length == 0)
            {
                return _w;
            }

            double mu = trend[0];
            double delta = trend.Length > 1 ? trend[1] : 0.0;
            for (int t = 0; t < _w.Length; t++)
            {
                _residual[t] = _w[t] - mu - delta * t;
            }

            return _residual;
        }

        /// <summary>Concentrated log-likelihood from the filter sums; false when σ̂² or llf is not finite and positive.</summary>
        private bool Concentrated(double sumLogF, double squares, out double llf, out double sigma2)
        {
            int n = _w.Length;
            sigma2 = squares / n;
            llf = double.NaN;
            if (!(sigma2 > 0) || !double.IsFinite(sigma2))
            {
                return false;
            }

            llf = -0.5 * n * (Math.Log(2 * Math.PI) + 1 + Math.Log(sigma2)) - 0.5 * sumLogF;
            return double.IsFinite(llf);
        }

        /// <summary>Concentrated log-likelihood at unconstrained x; false when it cannot be evaluated.</summary>
        public bool Evaluate(ReadOnlySpan<double> x, out double llf, out double sigma2)
        {
            var data = Prepare(x);
            llf = double.NaN;
            sigma2 = double.NaN;
            if (!_filter.Configure(_phi, _theta, 1.0) || !_filter.Run(data, out double sumLogF, out double squares))
            {
                return false;
            }

            return Concentrated(sumLogF, squares, out llf, out sigma2);
        }

        /// <summary>
        /// −llf/n (into <see cref="Objective"/>) and its gradient with respect to the unconstrained x, by the adjoint
        /// filter and the chain rule through the polynomial products and the stationarity transforms. The
        /// concentrated objective is ½(log 2π + 1 + log(S/n)) + L/(2n) with S = Σ v²/F and L = Σ log F (at σ² = 1),
        /// so the adjoint seeds are ∂/∂S = 1/(2S) and ∂/∂L = 1/(2n).
        /// </summary>
        public bool EvaluateWithGradient(double[] x, Span<double> gradient)
        {
            var data = Prepare(x);
            var grad = _gradient!;
            int n = _w.Length;
            if (!grad.Forward(_phi, _theta, 1.0, data, out double sumLogF, out double squares) || !Concentrated(sumLogF, squares, out double llf, out _))
            {
                return false;
            }

            Objective = -llf / n;
            grad.Backward(0.5 / n, 0.5 / squares, _yBar);
            int o = 0;
            if (_spec.TrendCount > 0)
            {
                double mu = 0;
                double delta = 0;
                for (int t = 0; t < n; t++)
                {
                    mu -= _yBar[t];
                    delta -= t * _yBar[t];
                }

                gradient[o++] = mu;
                if (_spec.TrendCount > 1)
                {
                    gradient[o++] = delta;
                }
            }

            o = BlockGradient(x, o, _ar.Length, 1.0, Block.Ar, gradient);
            o = BlockGradient(x, o, _ma.Length, -1.0, Block.Ma, gradient);
            o = BlockGradient(x, o, _sar.Length, 1.0, Block.SeasonalAr, gradient);
            BlockGradient(x, o, _sma.Length, -1.0, Block.SeasonalMa, gradient);
            for (int i = 0; i < gradient.Length; i++)
            {
                if (!double.IsFinite(gradient[i]))
                {
                    return false;
                }
            }

            return true;
        }

        private enum Block
        {
            Ar,
            Ma,
            SeasonalAr,
            SeasonalMa,
        }

        /// <summary>Gradient entries of one coefficient block (sign −1: the MA blocks, whose coefficients are −Constrain(x)).</summary>
        private int BlockGradient(double[] x, int offset, int length, double sign, Block block, Span<double> gradient)
        {
            if (length == 0)
            {
                return offset;
            }

            StationarityTransform.ConstrainJacobian(x.AsSpan(offset, length), _jacobian, _scratch);
            var direction = _direction.AsSpan(0, length);
            ReadOnlySpan<double> zeros = _zeros;
            for (int j = 0; j < length; j++)
            {
                for (int i = 0; i < length; i++)
                {
                    direction[i] = sign * _jacobian[i * length + j];
                }

                _dPhi.AsSpan().Clear();
                _dTheta.AsSpan().Clear();
                switch (block)
                {
                    case Block.Ar:
                        SarimaPolynomials.ReducedArDerivative(_ar, _sar, direction, zeros[.._sar.Length], _spec.Period, _dPhi);
                        break;
                    case Block.SeasonalAr:
                        SarimaPolynomials.ReducedArDerivative(_ar, _sar, zeros[.._ar.Length], direction, _spec.Period, _dPhi);
                        break;
                    case Block.Ma:
                        SarimaPolynomials.ReducedMaDerivative(_ma, _sma, direction, zeros[.._sma.Length], _spec.Period, _dTheta);
                        break;
                    default:
                        SarimaPolynomials.ReducedMaDerivative(_ma, _sma, zeros[.._ma.Length], direction, _spec.Period, _dTheta);
                        break;
                }

                gradient[offset + j] = _gradient!.Directional(_dPhi, _dTheta);
            }

            return offset + length;
        }

        /// <summary>
        /// The model at x (σ² given). Call right after <see cref="Evaluate"/> at the same x: its log-likelihood
        /// (<paramref name="llf"/>, exact) is re-evaluated at σ² with statsmodels' steady-state rule, so that it is
        /// the number statsmodels reports for these parameters (they differ by up to ~1e-5 on the peer workload).
        /// </summary>
        public SarimaModel ToModel(double[] x, double llf, double sigma2, int iterations, bool converged)
        {
            var trend = new double[_spec.TrendCount];
            Constrain(x, trend);
            var reporting = new KalmanFilter(_spec.States);
            ReadOnlySpan<double> data = trend.Length > 0 ? _residual : _w;
            if (reporting.Configure(_phi, _theta, sigma2) && reporting.Run(data, out double sumLogF, out double squares))
            {
                double reported = -0.5 * (data.Length * Math.Log(2 * Math.PI) + sumLogF + squares);
                llf = double.IsFinite(reported) ? reported : llf;
            }

            return new SarimaModel(_spec, trend, (double[])_ar.Clone(), (double[])_ma.Clone(), (double[])_sar.Clone(), (double[])_sma.Clone(), sigma2, llf, _w.Length, iterations, converged);
        }

        /// <summary>statsmodels-style starting values, transformed to the unconstrained space.</summary>
        public double[] StartingPoint()
        {
            var x = new double[Count];
            var e = (double[])_w.Clone();
            int o = 0;
            if (_spec.TrendCount > 0)
            {
                var design = Matrix<double>.Build.Dense(e.Length, _spec.TrendCount, (t, j) => j == 0 ? 1.0 : t);
                var beta = LeastSquares(design, e);
                for (int j = 0; j < beta.Length; j++)
                {
                    x[o++] = beta[j];
                }

                for (int t = 0; t < e.Length; t++)
                {
                    e[t] -= beta[0] + (beta.Length > 1 ? beta[1] * t : 0.0);
                }
            }

            int s = Math.Max(_spec.Period, 1);
            var (ar, ma) = ConditionalSumOfSquares(e, _spec.ArOrder, 1, _spec.MaOrder);
            var (sar, sma) = ConditionalSumOfSquares(e, _spec.EffectiveSeasonalAr, s, _spec.EffectiveSeasonalMa);
            o = Put(x, o, ar, negate: false);
            o = Put(x, o, ma, negate: true);
            o = Put(x, o, sar, negate: false);
            Put(x, o, sma, negate: true);
            return x;
        }

        private int Put(double[] x, int o, double[] constrained, bool negate)
        {
            var c = negate ? constrained.Select(v => -v).ToArray() : constrained;
            StationarityTransform.Unconstrain(c, x.AsSpan(o, c.Length), _scratch);   // zeros when invalid, as statsmodels
            return o + c.Length;
        }

        /// <summary>statsmodels' <c>_conditional_sum_squares</c> for lags step, 2·step, … (orders in units of step).</summary>
        private static (double[] Ar, double[] Ma) ConditionalSumOfSquares(double[] e, int arOrder, int step, int maOrder)
        {
            var ar = new double[arOrder];
            var ma = new double[maOrder];
            int kAr = arOrder * step;
            int kMa = maOrder * step;
            if (kAr + kMa == 0)
            {
                return (ar, ma);
            }

            int k = 2 * kMa;
            int r = Math.Max(k + kMa, kAr);
            int n = e.Length;
            if (n - r < arOrder + maOrder + 1 || n - k < k + 1)
            {
                return (ar, ma);
            }

            double[]? residuals = null;
            if (kMa > 0)
            {
                var xk = Matrix<double>.Build.Dense(n - k, k, (i, j) => e[i + k - 1 - j]);
                var yk = new double[n - k];
                Array.Copy(e, k, yk, 0, n - k);
                var b = LeastSquares(xk, yk);
                residuals = new double[n - k];
                for (int i = 0; i < n - k; i++)
                {
                    double s = yk[i];
                    for (int j = 0; j < k; j++)
                    {
                        s -= xk[i, j] * b[j];
                    }

                    residuals[i] = s;
                }
            }

            int rows = n - r;
            var design = Matrix<double>.Build.Dense(rows, arOrder + maOrder);
            var target = new double[rows];
            for (int i = 0; i < rows; i++)
            {
                int t = i + r;
                target[i] = e[t];
                for (int j = 0; j < arOrder; j++)
                {
                    design[i, j] = e[t - (j + 1) * step];
                }

                for (int j = 0; j < maOrder; j++)
                {
                    design[i, arOrder + j] = residuals![t - (j + 1) * step - k];
                }
            }

            var p = LeastSquares(design, target);
            Array.Copy(p, 0, ar, 0, arOrder);
            Array.Copy(p, arOrder, ma, 0, maOrder);
            return (ar, ma);
        }

        private static double[] LeastSquares(Matrix<double> x, double[] y)
        {
            // Normal equations with a Cholesky solve (MathNet), falling back to zeros on a singular design:
            // starting values need not be exact, and the managed QR of a 2000×48 lag matrix costs 100+ ms.
            int n = x.RowCount;
            int k = x.ColumnCount;
            var cols = new double[k][];
            for (int j = 0; j < k; j++)
            {
                cols[j] = x.Column(j).ToArray();
            }

            var xtx = Matrix<double>.Build.Dense(k, k);
            var xty = Vector<double>.Build.Dense(k);
            for (int i = 0; i < k; i++)
            {
                var ci = cols[i];
                for (int j = 0; j <= i; j++)
                {
                    var cj = cols[j];
                    double s = 0;
                    for (int t = 0; t < n; t++)
                    {
                        s += ci[t] * cj[t];
                    }

                    xtx[i, j] = s;
                    xtx[j, i] = s;
                }

                double sy = 0;
                for (int t = 0; t < n; t++)
                {
                    sy += ci[t] * y[t];
                }

                xty[i] = sy;
            }

            try
            {
                var b = xtx.Cholesky().Solve(xty).ToArray();
                return b.All(double.IsFinite) ? b : new double[k];
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or ArithmeticException)
            {
                return new double[k];
            }
        }

    }
}
