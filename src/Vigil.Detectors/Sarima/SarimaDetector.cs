using Vigil.Detection;

namespace Vigil.Detectors.Sarima;

/// <summary>
/// SARIMA as a causal anomaly detector: fit on the first rows (NAB's probationary prefix), then score each row by how
/// surprising it is under the one-step-ahead forecast made before it arrived, refitting on a trailing window.
/// </summary>
/// <remarks>
/// <para>
/// Per row: the value is normalised with the training window's mean and standard deviation, the
/// <see cref="SarimaOnlineFilter"/> gives the forecast error e and its variance F (O(states), no allocation), and the
/// score is <see cref="SarimaSurprise.Score"/>(e, F, scoreScale) — the two-sided Gaussian tail complement of e/√F.
/// Rows before the first fit score 0. Every <see cref="SarimaOptions.RefitEvery"/> rows the model is refitted on the
/// last <see cref="SarimaOptions.TrainWindow"/> rows and the filter is run over that window to reach the present.
/// </para>
/// <para>
/// Fallbacks (never NaN): a seasonal period too long for the training rows drops the seasonal part; orders still too
/// large for the data, a failed fit or a non-finite likelihood fall back to white noise N(mean, std²) of the window
/// (the ARMA(0,0) model); a constant window uses a standard deviation of 1e-6·max(1, |mean|), so an equal value scores 0
/// and any other value about 1; a non-finite forecast error scores 1 and restarts the filter.
/// </para>
/// <para>Not thread-safe: one instance per series.</para>
/// </remarks>
public sealed class SarimaDetector : DetectorBase<SarimaOptions>, IStreamingDetector, ISeriesContextAware, Vigil.Persistence.IPersistable
{
    private readonly RefitWindow _window;
    private readonly Vigil.Persistence.ObservationLog _log = new();
    private SarimaOnlineFilter? _filter;
    private double _mean;
    private double _scale = 1.0;

    /// <summary>Creates the detector.</summary>
    /// <exception cref="Vigil.Validation.OptionsValidationException">The options are invalid.</exception>
    public SarimaDetector(SarimaOptions options)
        : base(options, Descriptor)
    {
        _window = new RefitWindow(RefitPolicy.For(options, options.TrainLength));
    }

    /// <summary>Registry entry: <c>sarima</c>.</summary>
    public static DetectorDescriptor Descriptor { get; } = new(
        Name: "sarima",
        Kind: DetectorKind.Streaming,
        OptionsType: typeof(SarimaOptions),
        StateVersion: 1,
        Create: options => new SarimaDetector((SarimaOptions)options),
        Restore: (options, reader, _) => Restore((SarimaOptions)options, reader),
        Summary: "SARIMA forecaster (exact Kalman-filter MLE): Gaussian tail of the standardised one-step-ahead error.");

    /// <summary>The model in use (on the normalised scale); null before the first fit.</summary>
    public SarimaModel? Model { get; private set; }

    /// <summary>Uses the harness's probationary length as the first training length (capped by the buffer).</summary>
    public void Prepare(SeriesContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        _log.Context = context;
        _window.UseTrainLength(context.ProbationLength, minimum: 2);
    }

    /// <summary>Scores x against the forecast from the past, then absorbs it (and refits when due, if learning).</summary>
    public double Step(in Observation x, bool learn = true)
    {
        _log.Add(x, learn);
        double value = x.Value;
        double score = 0.0;
        if (_filter is not null)
        {
            double e = _filter.Step((value - _mean) / _scale, out double f);
            score = SarimaSurprise.Score(e, f, Options.ScoreScale);
            if (!double.IsFinite(e))
            {
                _filter = new SarimaOnlineFilter(Model!);
            }

            _window.CountScored();
        }

        if (_window.Add(x, learn))
        {
            Refit();
        }

        return score;
    }

    /// <summary>
    /// Writes the context and the rows seen since creation or the last reset (<see cref="Vigil.Persistence.ObservationLog"/>):
    /// a restore replays them, refits included, so the filter continues bit for bit.
    /// </summary>
    public void WriteState(BinaryWriter writer) => _log.Write(writer);

    private static SarimaDetector Restore(SarimaOptions options, BinaryReader reader)
    {
        var detector = new SarimaDetector(options);
        Vigil.Persistence.ObservationLog.ReplayInto(reader, detector);
        return detector;
    }

    /// <summary>Forgets the sequence and the model; the next rows train again from scratch.</summary>
    public void Reset()
    {
        _log.Clear();
        _window.Reset();
        _filter = null;
        Model = null;
        _mean = 0;
        _scale = 1;
    }

    private void Refit()
    {
        var (_, window) = _window.TrainingWindow();
        int length = window.Length;
        double mean = window.Average();
        double ss = 0;
        foreach (double v in window)
        {
            ss += (v - mean) * (v - mean);
        }

        double sd = Math.Sqrt(ss / length);
        bool constant = !(sd > 1e-12 * Math.Max(1.0, Math.Abs(mean)));
        _mean = mean;
        _scale = constant ? 1e-6 * Math.Max(1.0, Math.Abs(mean)) : sd;
        for (int i = 0; i < length; i++)
        {
            window[i] = (window[i] - _mean) / _scale;
        }

        Model = constant ? WhiteNoise() : FitOrFallBack(window);
        _filter = new SarimaOnlineFilter(Model);
        foreach (double v in window)
        {
            _filter.Step(v, out _);
        }

        _window.MarkFitted();
    }

    private SarimaModel FitOrFallBack(double[] window)
    {
        var o = Options;
        var spec = new SarimaSpecification(o.ArOrder, o.Differences, o.MaOrder, o.SeasonalArOrder, o.SeasonalDifferences, o.SeasonalMaOrder, o.Period, o.Trend);
        if (spec.IsSeasonal && window.Length < 2 * (spec.States + spec.DifferencingLength) + 10)
        {
            spec = spec with { Period = 0 };   // the seasonal period is too long for the data
        }

        try
        {
            var model = o.AutoOrder ? SarimaOrderSearch.FitBestByAic(window, spec, o.MaxIterations) : SarimaModel.Fit(window, spec, o.MaxIterations);
            return double.IsFinite(model.LogLikelihood) && model.Sigma2 > 0 && double.IsFinite(model.Sigma2) ? model : WhiteNoise();
        }
        catch (ArgumentException)
        {
            return WhiteNoise();
        }
    }

    private static SarimaModel WhiteNoise() => SarimaModel.FromParameters(new SarimaSpecification(0, 0, 0), [1.0]);
}
