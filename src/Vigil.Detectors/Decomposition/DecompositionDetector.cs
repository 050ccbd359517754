using Vigil.Detection;
using Vigil.Detectors.Sarima;

namespace Vigil.Detectors.Decomposition;

/// <summary>
/// A Prophet-style decomposition (<see cref="DecompositionModel"/>) as a causal anomaly detector: fitted on the first
/// rows, then each row is scored by the Gaussian tail complement of (y − ŷ)/σ̂, where σ̂ combines the residual scale and
/// the trend-change uncertainty at that distance past the fit; refits on a trailing window.
/// </summary>
/// <remarks>
/// <para>Rows before the first fit score 0. Scoring a row: O(features), no allocation.</para>
/// <para>
/// Fallbacks (never NaN): seasonalities whose period the window does not cover twice are left out (as Prophet's
/// automatic ones); a window that is constant, spans no time or fails to fit falls back to N(mean, max(std,
/// 1e-6·max(1, |mean|))²) of the window.
/// </para>
/// <para>Not thread-safe: one instance per series.</para>
/// </remarks>
public sealed class DecompositionDetector : DetectorBase<DecompositionOptions>, IStreamingDetector, ISeriesContextAware, Vigil.Persistence.IPersistable
{
    private readonly RefitWindow _window;
    private readonly List<(double, int)> _custom;
    private readonly List<DateOnly> _holidays;
    private readonly Vigil.Persistence.ObservationLog _log = new();
    private DecompositionModel? _model;
    private double _fallbackMean;
    private double _fallbackSd = 1;

    /// <summary>Creates the detector.</summary>
    /// <exception cref="Vigil.Validation.OptionsValidationException">The options are invalid.</exception>
    public DecompositionDetector(DecompositionOptions options)
        : base(options, Descriptor)
    {
        DecompositionOptions.TryParseSeasonalities(options.CustomSeasonalities, out _custom);
        DecompositionOptions.TryParseHolidays(options.Holidays, out _holidays);
        _window = new RefitWindow(RefitPolicy.For(options, options.TrainLength));
    }

    /// <summary>Registry entry: <c>decomposition</c>.</summary>
    public static DetectorDescriptor Descriptor { get; } = new(
        Name: "decomposition",
        Kind: DetectorKind.Streaming,
        OptionsType: typeof(DecompositionOptions),
        StateVersion: 1,
        Create: options => new DecompositionDetector((DecompositionOptions)options),
        Restore: (options, reader, _) => Restore((DecompositionOptions)options, reader),
        Summary: "Prophet-style trend + seasonality + holidays (MAP fit): Gaussian tail of the forecast error.");

    /// <summary>The model in use; null before the first fit or while the fallback is in use.</summary>
    public DecompositionModel? Model => _model;

    /// <summary>Uses the harness's probationary length as the first training length (capped by the buffer).</summary>
    public void Prepare(SeriesContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        _log.Context = context;
        _window.UseTrainLength(context.ProbationLength, minimum: 3);
    }

    /// <summary>Scores x against the forecast, then stores it (and refits when due, if learning).</summary>
    public double Step(in Observation x, bool learn = true)
    {
        _log.Add(x, learn);
        double score = 0.0;
        if (_window.IsFitted)
        {
            double mean = _fallbackMean;
            double sd = _fallbackSd;
            if (_model is not null)
            {
                (mean, sd) = _model.Predict(x.Timestamp);
            }

            score = SarimaSurprise.Score(x.Value - mean, sd * sd, Options.ScoreScale);
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

    private static DecompositionDetector Restore(DecompositionOptions options, BinaryReader reader)
    {
        var detector = new DecompositionDetector(options);
        Vigil.Persistence.ObservationLog.ReplayInto(reader, detector);
        return detector;
    }

    /// <summary>Forgets the sequence and the model.</summary>
    public void Reset()
    {
        _log.Clear();
        _window.Reset();
        _model = null;
    }

    private void Refit()
    {
        var (times, values) = _window.TrainingWindow();
        int length = values.Length;

        double mean = values.Average();
        double sd = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / length);
        _fallbackMean = mean;
        _fallbackSd = Math.Max(sd, 1e-6 * Math.Max(1.0, Math.Abs(mean)));
        _model = null;
        double spanDays = (times[^1] - times[0]).TotalDays;
        if (sd > 1e-12 * Math.Max(1.0, Math.Abs(mean)) && spanDays > 0)
        {
            var seasonalities = new List<(double, int)>();
            double stepDays = spanDays / Math.Max(1, length - 1);
            if (Options.DailyOrder > 0 && spanDays >= 2 && stepDays < 1)
            {
                seasonalities.Add((1.0, Options.DailyOrder));
            }

            if (Options.WeeklyOrder > 0 && spanDays >= 14 && stepDays < 7)
            {
                seasonalities.Add((7.0, Options.WeeklyOrder));
            }

            if (Options.YearlyOrder > 0 && spanDays >= 730)
            {
                seasonalities.Add((365.25, Options.YearlyOrder));
            }

            seasonalities.AddRange(_custom.Where(c => spanDays >= 2 * c.Item1));
            var settings = new DecompositionSettings(Options.Changepoints, Options.ChangepointRange, Options.ChangepointPriorScale,
                Options.SeasonalityPriorScale, Options.HolidayPriorScale, seasonalities, _holidays, Options.MaxIterations);
            try
            {
                var model = DecompositionModel.Fit(times, values, settings);
                if (double.IsFinite(model.Sigma) && model.Sigma > 0)
                {
                    _model = model;
                }
            }
            catch (ArgumentException)
            {
                // Fallback below.
            }
        }

        _window.MarkFitted();
    }
}
