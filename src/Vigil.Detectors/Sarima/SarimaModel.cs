namespace Vigil.Detectors.Sarima;

/// <summary>
/// A SARIMA(p,d,q)(P,D,Q,s) model with parameters: fitted by exact maximum likelihood
/// (<see cref="Fit"/>), or given (<see cref="FromParameters"/>).
/// </summary>
/// <remarks>
/// <para>
/// The ARMA part is filtered exactly in Harvey's state-space form with the stationary initialisation, as statsmodels'
/// SARIMAX does (<see cref="KalmanFilter"/>). Differencing (d, D &gt; 0) is applied to the data before filtering
/// (statsmodels' <c>simple_differencing=True</c>): the likelihood is that of the differenced series, conditional on the
/// first d + D·s observations, which get no forecast. The trend is a regression mean of the differenced series.
/// </para>
/// <para>Immutable and thread-safe; <see cref="Filter"/> allocates its own scratch per call.</para>
/// </remarks>
public sealed class SarimaModel
{
    private readonly double[] _trend;
    private readonly double[] _ar;
    private readonly double[] _ma;
    private readonly double[] _seasonalAr;
    private readonly double[] _seasonalMa;

    internal SarimaModel(SarimaSpecification specification, double[] trend, double[] ar, double[] ma, double[] seasonalAr, double[] seasonalMa, double sigma2, double logLikelihood, int observations, int iterations, bool converged)
    {
        Specification = specification;
        _trend = trend;
        _ar = ar;
        _ma = ma;
        _seasonalAr = seasonalAr;
        _seasonalMa = seasonalMa;
        Sigma2 = sigma2;
        LogLikelihood = logLikelihood;
        ObservationCount = observations;
        Iterations = iterations;
        Converged = converged;
        ReducedAr = new double[specification.ReducedArDegree];
        ReducedMa = new double[specification.ReducedMaDegree];
        SarimaPolynomials.ReducedAr(ar, seasonalAr, specification.Period, ReducedAr);
        SarimaPolynomials.ReducedMa(ma, seasonalMa, specification.Period, ReducedMa);
        DifferencingCoefficients = SarimaPolynomials.Differencing(specification.Differences, specification.EffectiveSeasonalDifferences, specification.Period);
    }

    /// <summary>The orders.</summary>
    public SarimaSpecification Specification { get; }

    /// <summary>Innovation variance σ².</summary>
    public double Sigma2 { get; }

    /// <summary>
    /// Gaussian log-likelihood of the fitted data at these parameters, evaluated as statsmodels does (its steady-state
    /// rule, see <see cref="Filter"/>; the optimiser itself maximises the exact likelihood); NaN for
    /// <see cref="FromParameters"/>.
    /// </summary>
    public double LogLikelihood { get; }

    /// <summary>Observations the likelihood covers (after differencing); 0 for <see cref="FromParameters"/>.</summary>
    public int ObservationCount { get; }

    /// <summary>L-BFGS iterations the fit took.</summary>
    public int Iterations { get; }

    /// <summary>Whether the optimiser reported convergence (false also for fallbacks and given parameters).</summary>
    public bool Converged { get; }

    /// <summary>Akaike's criterion −2·llf + 2k (k counts σ², as statsmodels does).</summary>
    public double Aic => -2 * LogLikelihood + 2 * Specification.ParameterCount;

    /// <summary>Bayesian criterion −2·llf + k·ln n.</summary>
    public double Bic => -2 * LogLikelihood + Specification.ParameterCount * Math.Log(ObservationCount);

    /// <summary>Parameters in statsmodels' order (see <see cref="SarimaSpecification.ParameterNames"/>).</summary>
    public IReadOnlyList<double> Parameters => [.. _trend, .. _ar, .. _ma, .. _seasonalAr, .. _seasonalMa, Sigma2];

    /// <summary>Names of <see cref="Parameters"/>.</summary>
    public IReadOnlyList<string> ParameterNames => Specification.ParameterNames();

    internal double[] ReducedAr { get; }

    internal double[] ReducedMa { get; }

    internal double[] DifferencingCoefficients { get; }

    internal ReadOnlySpan<double> TrendCoefficients => _trend;

    /// <summary>
    /// Builds a model from parameters in statsmodels' order (trend, ar, ma, seasonal ar, seasonal ma, σ²).
    /// </summary>
    /// <exception cref="ArgumentException">Wrong count, σ² not positive, or a non-stationary / non-invertible polynomial.</exception>
    public static SarimaModel FromParameters(SarimaSpecification specification, ReadOnlySpan<double> parameters)
    {
        ArgumentNullException.ThrowIfNull(specification);
        specification.Validate();
        if (parameters.Length != specification.ParameterCount)
        {
            throw new ArgumentException($"Expected {specification.ParameterCount} parameters ({string.Join(", ", specification.ParameterNames())}), got {parameters.Length}.", nameof(parameters));
        }

        var all = parameters.ToArray();
        int o = 0;
        double[] Take(int n)
        {
            var r = all.AsSpan(o, n).ToArray();
            o += n;
            return r;
        }

        var trend = Take(specification.TrendCount);
        var ar = Take(specification.ArOrder);
        var ma = Take(specification.MaOrder);
        var sar = Take(specification.EffectiveSeasonalAr);
        var sma = Take(specification.EffectiveSeasonalMa);
        double sigma2 = parameters[o];
        if (!(sigma2 > 0) || !double.IsFinite(sigma2))
        {
            throw new ArgumentException("sigma2 must be positive and finite.", nameof(parameters));
        }

        var negMa = ma.Select(v => -v).ToArray();
        var negSma = sma.Select(v => -v).ToArray();
        if (!StationarityTransform.IsStationary(ar) || !StationarityTransform.IsStationary(sar) || !StationarityTransform.IsStationary(negMa) || !StationarityTransform.IsStationary(negSma))
        {
            throw new ArgumentException("The AR polynomials must be stationary and the MA polynomials invertible.", nameof(parameters));
        }

        return new SarimaModel(specification, trend, ar, ma, sar, sma, sigma2, double.NaN, 0, 0, false);
    }

    /// <summary>
    /// Fits the model to <paramref name="y"/> by exact maximum likelihood (L-BFGS from statsmodels-style
    /// conditional-sum-of-squares starting values; stationarity and invertibility enforced by transforms).
    /// </summary>
    /// <param name="y">The series; finite values.</param>
    /// <param name="specification">The orders.</param>
    /// <param name="maxIterations">L-BFGS iteration cap (statsmodels' default for this workload: 200).</param>
    /// <param name="ct">Checked between likelihood evaluations.</param>
    /// <exception cref="ArgumentException">Too few observations for the orders (fewer than the states + differencing + 2).</exception>
    public static SarimaModel Fit(ReadOnlySpan<double> y, SarimaSpecification specification, int maxIterations = 200, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(specification);
        specification.Validate();
        return SarimaEstimator.Fit(y, specification, maxIterations, ct);
    }

    /// <summary>
    /// Filters <paramref name="y"/> from the stationary initialisation and writes the one-step-ahead forecast errors
    /// and their variances (the first d + D·s points get error 0 and variance +∞). Returns the log-likelihood.
    /// </summary>
    /// <remarks>
    /// Like statsmodels' Kalman filter, the covariance stops being updated once consecutive predicted covariances
    /// differ by less than 1e-19 in squared Frobenius norm; from then on F is constant. This is what makes e²/F equal
    /// statsmodels' to rounding (docs/detectors/sarima.md).
    /// </remarks>
    public double Filter(ReadOnlySpan<double> y, Span<double> errors, Span<double> variances)
    {
        if (errors.Length < y.Length || variances.Length < y.Length)
        {
            throw new ArgumentException("errors and variances must be at least as long as y.");
        }

        var filter = new SarimaOnlineFilter(this);
        double llf = 0;
        for (int t = 0; t < y.Length; t++)
        {
            errors[t] = filter.Step(y[t], out double f);
            variances[t] = f;
            if (double.IsFinite(f))
            {
                llf -= 0.5 * (Math.Log(2 * Math.PI) + Math.Log(f) + errors[t] * errors[t] / f);
            }
        }

        return llf;
    }
}
