using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;

namespace Vigil.Detectors.Decomposition;

/// <summary>
/// A Prophet-style additive model y(t) = g(t) + s(t) + h(t) + ε, fitted by MAP: piecewise-linear trend g with
/// automatic changepoints (Laplace prior on the rate changes), Fourier seasonalities s, holiday effects h.
/// </summary>
/// <remarks>
/// <para>
/// As in Prophet (Taylor &amp; Letham 2018): time is scaled to [0, 1] over the fitted span and y by max |y|; the trend is
/// (k + a(t)ᵀδ)·t + (m + a(t)ᵀγ) with γ_j = −s_j δ_j, i.e. k·t + m + Σ_j δ_j·max(0, t − s_j), so the whole mean is linear
/// in the parameters; priors k, m ~ N(0, 5²), δ_j ~ Laplace(0, τ), β ~ N(0, σ_s²), σ ~ half-N(0, 0.5²).
/// The posterior mode is found with MathNet's L-BFGS on analytic gradients.
/// </para>
/// <para>
/// Implementation note: |δ| is smoothed as √(δ² + 10⁻⁸) so that L-BFGS sees a differentiable objective (Stan's L-BFGS in
/// Prophet works on the kink directly); rate changes the prior switches off come out ~10⁻⁶ instead of exactly 0.
/// </para>
/// <para>
/// Uncertainty: σ (residual scale) plus, for h scaled time units past the fitted span, the variance of Prophet's
/// trend-change simulation in closed form: changes arrive at rate S (changepoints per unit scaled time) with Laplace
/// magnitudes of mean |δ| (variance 2b²), so Var[trend deviation] = 2b²·S·h³/3.
/// </para>
/// <para>Immutable and thread-safe once fitted.</para>
/// </remarks>
public sealed class DecompositionModel
{
    private const double SmoothL1 = 1e-8;
    private readonly DecompositionSettings _settings;
    private readonly double[] _theta;

    private DecompositionModel(DecompositionSettings settings, DateTimeOffset start, double spanDays, double yScale, double[] changepoints, double[] theta, double sigma, int iterations)
    {
        _settings = settings;
        Start = start;
        SpanDays = spanDays;
        YScale = yScale;
        ChangepointTimes = changepoints;
        _theta = theta;
        Sigma = sigma;
        Iterations = iterations;
        double meanAbs = 0;
        for (int j = 0; j < changepoints.Length; j++)
        {
            meanAbs += Math.Abs(theta[2 + j]);
        }

        TrendChangeScale = changepoints.Length > 0 ? meanAbs / changepoints.Length : 0.0;
    }

    /// <summary>First timestamp of the fitted data (scaled time 0).</summary>
    public DateTimeOffset Start { get; }

    /// <summary>Days from the first to the last fitted point (scaled time 1).</summary>
    public double SpanDays { get; }

    /// <summary>max |y| of the fitted data: parameters are on y / YScale.</summary>
    public double YScale { get; }

    /// <summary>Changepoint locations in scaled time.</summary>
    public IReadOnlyList<double> ChangepointTimes { get; }

    /// <summary>Residual standard deviation, in the data's units.</summary>
    public double Sigma { get; }

    /// <summary>Mean absolute rate change (scaled units), the Laplace scale of the trend-change simulation.</summary>
    public double TrendChangeScale { get; }

    /// <summary>L-BFGS iterations of the fit.</summary>
    public int Iterations { get; }

    /// <summary>Base growth rate k in data units per day.</summary>
    public double BaseRatePerDay => _theta[0] * YScale / SpanDays;

    /// <summary>Rate changes δ_j in data units per day, one per changepoint.</summary>
    public IReadOnlyList<double> RateChangesPerDay => [.. _theta.Skip(2).Take(ChangepointTimes.Count).Select(d => d * YScale / SpanDays)];

    /// <summary>Trend growth rate at <paramref name="time"/> (k plus the changes before it), in data units per day.</summary>
    public double RatePerDay(DateTimeOffset time)
    {
        double t = Scaled(time);
        double k = _theta[0];
        for (int j = 0; j < ChangepointTimes.Count; j++)
        {
            if (t > ChangepointTimes[j])
            {
                k += _theta[2 + j];
            }
        }

        return k * YScale / SpanDays;
    }

    /// <summary>Trend value at <paramref name="time"/>, in data units.</summary>
    public double Trend(DateTimeOffset time)
    {
        double t = Scaled(time);
        double g = _theta[0] * t + _theta[1];
        for (int j = 0; j < ChangepointTimes.Count; j++)
        {
            g += _theta[2 + j] * Math.Max(0.0, t - ChangepointTimes[j]);
        }

        return g * YScale;
    }

    /// <summary>Amplitude √(Σ aₙ² + bₙ²) over the harmonics of the seasonality with that period (for a pure sine: its amplitude), in data units; 0 if there is none.</summary>
    public double SeasonalAmplitude(double periodDays)
    {
        int offset = 2 + ChangepointTimes.Count;
        foreach (var (period, order) in _settings.Seasonalities ?? [])
        {
            if (Math.Abs(period - periodDays) < 1e-9)
            {
                double ss = 0;
                for (int i = 0; i < 2 * order; i++)
                {
                    ss += _theta[offset + i] * _theta[offset + i];
                }

                return Math.Sqrt(ss) * YScale;
            }

            offset += 2 * order;
        }

        return 0.0;
    }

    /// <summary>Predicted mean at <paramref name="time"/> and its standard deviation (σ and trend-change uncertainty).</summary>
    public (double Mean, double StandardDeviation) Predict(DateTimeOffset time)
    {
        double t = Scaled(time);
        Span<double> row = stackalloc double[_theta.Length];
        Features(t, time, row);
        double mean = 0;
        for (int i = 0; i < row.Length; i++)
        {
            mean += row[i] * _theta[i];
        }

        double variance = Sigma * Sigma;
        if (t > 1 && TrendChangeScale > 0)
        {
            double h = t - 1;
            double rate = ChangepointTimes.Count;   // changepoints per unit of scaled time over the history
            double b = TrendChangeScale * YScale;
            variance += 2 * b * b * rate * h * h * h / 3;
        }

        return (mean * YScale, Math.Sqrt(variance));
    }

    /// <summary>Fits the model to (<paramref name="timestamps"/>, <paramref name="values"/>) by MAP.</summary>
    /// <exception cref="ArgumentException">Fewer than 3 points, mismatched lengths, a zero time span, or all-zero values.</exception>
    public static DecompositionModel Fit(ReadOnlySpan<DateTimeOffset> timestamps, ReadOnlySpan<double> values, DecompositionSettings settings, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        int n = values.Length;
        if (n < 3 || timestamps.Length != n)
        {
            throw new ArgumentException("Need at least 3 points with one timestamp each.");
        }

        var start = timestamps[0];
        double span = (timestamps[n - 1] - start).TotalDays;
        if (!(span > 0))
        {
            throw new ArgumentException("The timestamps must span a positive time.");
        }

        double yScale = 0;
        for (int i = 0; i < n; i++)
        {
            yScale = Math.Max(yScale, Math.Abs(values[i]));
        }

        if (!(yScale > 0) || !double.IsFinite(yScale))
        {
            throw new ArgumentException("The values must be finite and not all zero.");
        }

        // Changepoints evenly over the first ChangepointRange of the history (Prophet uses row quantiles; for evenly
        // sampled data that is the same).
        int s = Math.Min(settings.Changepoints, Math.Max(0, (int)(n * settings.ChangepointRange) - 1));
        var cps = new double[s];
        for (int j = 0; j < s; j++)
        {
            cps[j] = settings.ChangepointRange * (j + 1) / (s + 1);
        }

        var shell = new DecompositionModel(settings, start, span, yScale, cps, new double[2 + s + FeatureCount(settings) + (settings.Holidays?.Count ?? 0)], 1.0, 0);
        int p = shell._theta.Length;
        var x = new double[n * p];
        var y = new double[n];
        for (int i = 0; i < n; i++)
        {
            double t = (timestamps[i] - start).TotalDays / span;
            shell.Features(t, timestamps[i], x.AsSpan(i * p, p));
            y[i] = values[i] / yScale;
        }

        // Prior standard deviations per parameter (k, m: 5; δ: Laplace τ; β: seasonality; holidays).
        var priorSd = new double[p];
        priorSd[0] = priorSd[1] = 5.0;
        for (int i = 2 + s; i < p; i++)
        {
            priorSd[i] = i < 2 + s + FeatureCount(settings) ? settings.SeasonalityPriorScale : settings.HolidayPriorScale;
        }

        double tau = settings.ChangepointPriorScale;
        // Implementation note: the mean is linear in θ, so the residual sum of squares is yᵀy − 2θᵀXᵀy + θᵀXᵀXθ: the
        // Gram matrix is formed once (O(n·p²)) and each objective evaluation costs O(p²) instead of O(n·p).
        var gram = new double[p * p];
        var xty = new double[p];
        double yty = 0;
        for (int i = 0; i < n; i++)
        {
            int o = i * p;
            yty += y[i] * y[i];
            for (int a = 0; a < p; a++)
            {
                double xa = x[o + a];
                if (xa == 0)
                {
                    continue;
                }

                xty[a] += xa * y[i];
                for (int b = 0; b <= a; b++)
                {
                    gram[a * p + b] += xa * x[o + b];
                }
            }
        }

        for (int a = 0; a < p; a++)
        {
            for (int b = 0; b < a; b++)
            {
                gram[b * p + a] = gram[a * p + b];
            }
        }

        var gTheta = new double[p];
        // Unknowns: θ (p) and log σ.
        (double, Vector<double>) Objective(Vector<double> v)
        {
            ct.ThrowIfCancellationRequested();
            double logSigma = v[p];
            double inv2 = Math.Exp(-2 * logSigma);
            double quadratic = 0;
            double linear = 0;
            for (int a = 0; a < p; a++)
            {
                double s = 0;
                for (int b = 0; b < p; b++)
                {
                    s += gram[a * p + b] * v[b];
                }

                gTheta[a] = s;
                quadratic += v[a] * s;
                linear += v[a] * xty[a];
            }

            double rss = Math.Max(yty - 2 * linear + quadratic, 0.0);
            var g = Vector<double>.Build.Dense(p + 1);
            for (int a = 0; a < p; a++)
            {
                g[a] = (gTheta[a] - xty[a]) * inv2;
            }

            double f = 0.5 * rss * inv2 + n * logSigma;
            g[p] = -rss * inv2 + n;
            for (int j = 0; j < p; j++)
            {
                double th = v[j];
                if (j >= 2 && j < 2 + s)
                {
                    double a = Math.Sqrt(th * th + SmoothL1);
                    f += a / tau;
                    g[j] += th / (a * tau);
                }
                else
                {
                    f += 0.5 * th * th / (priorSd[j] * priorSd[j]);
                    g[j] += th / (priorSd[j] * priorSd[j]);
                }
            }

            // σ ~ half-normal(0, 0.5): + σ²/(2·0.25), in terms of log σ.
            double sigma2 = Math.Exp(2 * logSigma);
            f += sigma2 / 0.5;
            g[p] += 2 * sigma2 / 0.5;
            return (f, g);
        }

        var x0 = Vector<double>.Build.Dense(p + 1);
        // Prophet's start: the line through the first and last points, σ from its residuals.
        double tFirst = 0;
        double tLast = 1;
        x0[0] = (y[n - 1] - y[0]) / (tLast - tFirst);
        x0[1] = y[0];
        x0[p] = Math.Log(0.1);
        var best = x0;
        int iterations = 0;
        try
        {
            var minimizer = new LimitedMemoryBfgsMinimizer(1e-8, 1e-12, 1e-12, 10, Math.Max(1, settings.MaxIterations));
            var result = minimizer.FindMinimum(ObjectiveFunction.Gradient(Objective), x0);
            best = result.MinimizingPoint;
            iterations = result.Iterations;
        }
        catch (Exception e) when (e is OptimizationException or ArithmeticException or ArgumentException)
        {
            // Keep the starting point (a straight line) if the line search fails outright.
        }

        var theta = best.SubVector(0, p).ToArray();
        double sigma = Math.Exp(best[p]) * yScale;
        if (!theta.All(double.IsFinite) || !double.IsFinite(sigma))
        {
            throw new ArgumentException("The decomposition fit did not produce finite parameters.");
        }

        return new DecompositionModel(settings, start, span, yScale, cps, theta, sigma, iterations);
    }

    private static int FeatureCount(DecompositionSettings settings) => (settings.Seasonalities ?? []).Sum(x => 2 * x.Order);

    private double Scaled(DateTimeOffset time) => (time - Start).TotalDays / SpanDays;

    private void Features(double t, DateTimeOffset time, Span<double> row)
    {
        row.Clear();
        row[0] = t;
        row[1] = 1;
        int s = ChangepointTimes.Count;
        for (int j = 0; j < s; j++)
        {
            row[2 + j] = Math.Max(0.0, t - ChangepointTimes[j]);
        }

        int o = 2 + s;
        double days = (time - DateTimeOffset.UnixEpoch).TotalDays;   // Prophet's Fourier terms use days since the epoch
        foreach (var (period, order) in _settings.Seasonalities ?? [])
        {
            for (int k = 1; k <= order; k++)
            {
                double angle = 2 * Math.PI * k * days / period;
                row[o++] = Math.Sin(angle);
                row[o++] = Math.Cos(angle);
            }
        }

        var holidays = _settings.Holidays ?? [];
        var day = DateOnly.FromDateTime(time.UtcDateTime);
        for (int h = 0; h < holidays.Count; h++)
        {
            row[o++] = holidays[h] == day ? 1.0 : 0.0;
        }
    }
}
