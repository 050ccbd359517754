using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Vigil.Detection;
using Vigil.Validation;

namespace Vigil.Detectors.Decomposition;

/// <summary>Options of <see cref="DecompositionDetector"/>; model defaults are Prophet's.</summary>
public sealed record DecompositionOptions : DetectorOptions, IRefitOptions
{
    /// <summary>Creates the options with every default, including the documented calibration (<see cref="Defaults.Calibration"/>).</summary>
    public DecompositionOptions()
    {
        Calibration = Defaults.Calibration;
    }

    /// <summary>Potential trend changepoints (Prophet: 25).</summary>
    [Range(0, 200)]
    public int Changepoints { get; init; } = Defaults.Changepoints;

    /// <summary>Fraction of the training window that may hold changepoints (Prophet: 0.8).</summary>
    [Range(0.05, 1.0)]
    public double ChangepointRange { get; init; } = Defaults.ChangepointRange;

    /// <summary>Laplace scale of rate changes (Prophet: 0.05); larger = more flexible trend.</summary>
    [Range(0.0001, 10.0)]
    public double ChangepointPriorScale { get; init; } = Defaults.ChangepointPriorScale;

    /// <summary>Prior standard deviation of Fourier coefficients (Prophet: 10).</summary>
    [Range(0.001, 100.0)]
    public double SeasonalityPriorScale { get; init; } = Defaults.SeasonalityPriorScale;

    /// <summary>Fourier order of the daily seasonality (Prophet: 4); 0 disables it. Used when the window spans ≥ 2 days and is sampled more often than daily.</summary>
    [Range(0, 50)]
    public int DailyOrder { get; init; } = Defaults.DailyOrder;

    /// <summary>Fourier order of the weekly seasonality (Prophet: 3); 0 disables it. Used when the window spans ≥ 2 weeks.</summary>
    [Range(0, 50)]
    public int WeeklyOrder { get; init; } = Defaults.WeeklyOrder;

    /// <summary>Fourier order of the yearly seasonality (Prophet: 10); 0 disables it. Used when the window spans ≥ 2 years.</summary>
    [Range(0, 50)]
    public int YearlyOrder { get; init; } = Defaults.YearlyOrder;

    /// <summary>Custom seasonalities, <c>period:order</c> pairs separated by commas, periods in days (e.g. <c>"0.5:3,30.5:5"</c>).</summary>
    public string CustomSeasonalities { get; init; } = "";

    /// <summary>Holiday/event days (UTC), ISO dates separated by commas (e.g. <c>"2014-11-27,2014-12-25"</c>); each gets its own effect.</summary>
    public string Holidays { get; init; } = "";

    /// <summary>Prior standard deviation of holiday effects (Prophet: 10).</summary>
    [Range(0.001, 100.0)]
    public double HolidayPriorScale { get; init; } = Defaults.HolidayPriorScale;

    /// <summary>Rows before the first fit when the harness gives no probationary length.</summary>
    [Range(3, 1_000_000)]
    public int TrainLength { get; init; } = Defaults.TrainLength;

    /// <summary>Refit after this many further rows on the trailing <see cref="TrainWindow"/>; 0 never refits.</summary>
    [Range(0, 100_000_000)]
    public int RefitEvery { get; init; } = Defaults.RefitEvery;

    /// <summary>Rows a refit uses (the most recent ones).</summary>
    [Range(3, 1_000_000)]
    public int TrainWindow { get; init; } = Defaults.TrainWindow;

    /// <summary>L-BFGS iteration cap per fit.</summary>
    [Range(1, 100_000)]
    public int MaxIterations { get; init; } = Defaults.MaxIterations;

    /// <summary>Divides the standardised error before the Gaussian tail map; spreads large surprises without reordering.</summary>
    [Range(0.001, 1000.0)]
    public double ScoreScale { get; init; } = Defaults.ScoreScale;

    /// <inheritdoc />
    public override IEnumerable<OptionError> Validate()
    {
        foreach (var error in base.Validate())
        {
            yield return error;
        }

        if (!TryParseSeasonalities(CustomSeasonalities, out _))
        {
            yield return new OptionError(OptionProperty.JsonKey(nameof(CustomSeasonalities)), $"must be 'period:order' pairs separated by commas (period > 0 days, order 1..50), got '{CustomSeasonalities}'.");
        }

        if (!TryParseHolidays(Holidays, out _))
        {
            yield return new OptionError(OptionProperty.JsonKey(nameof(Holidays)), $"must be ISO dates (yyyy-MM-dd) separated by commas, got '{Holidays}'.");
        }
    }

    internal static bool TryParseSeasonalities(string? text, out List<(double PeriodDays, int Order)> result)
    {
        result = [];
        foreach (string part in (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var pieces = part.Split(':');
            if (pieces.Length != 2 || !double.TryParse(pieces[0], NumberStyles.Float, CultureInfo.InvariantCulture, out double period) || !(period > 0) || !double.IsFinite(period)
                || !int.TryParse(pieces[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out int order) || order is < 1 or > 50)
            {
                return false;
            }

            result.Add((period, order));
        }

        return true;
    }

    internal static bool TryParseHolidays(string? text, out List<DateOnly> result)
    {
        result = [];
        foreach (string part in (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!DateOnly.TryParseExact(part, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                return false;
            }

            result.Add(day);
        }

        return true;
    }

    /// <summary>Default values.</summary>
    public static class Defaults
    {
        /// <summary>
        /// The documented default calibration: NAB's anomaly likelihood with NuPIC's windows, of the rise of each raw
        /// score above the smallest of the previous 16 (<see cref="Vigil.Pipeline.CalibrationSpec.RiseWindow"/>, since
        /// 2026-12-06). Between refits a lasting change keeps the residual, and so the raw score, high; the rise keeps its
        /// onset and keeps the plateau out of the likelihood's history. 16 was the most frequent choice of a
        /// leave-one-category-out cross-validation on NAB (docs/calibration.md, "decomposition: the rise").
        /// </summary>
        public static Vigil.Pipeline.CalibrationSpec Calibration => Vigil.Pipeline.CalibrationSpec.Likelihood with { RiseWindow = 16 };

        /// <summary>Prophet's n_changepoints.</summary>
        public const int Changepoints = 25;

        /// <summary>Prophet's changepoint_range.</summary>
        public const double ChangepointRange = 0.8;

        /// <summary>Prophet's changepoint_prior_scale.</summary>
        public const double ChangepointPriorScale = 0.05;

        /// <summary>Prophet's seasonality_prior_scale.</summary>
        public const double SeasonalityPriorScale = 10.0;

        /// <summary>Prophet's daily Fourier order.</summary>
        public const int DailyOrder = 4;

        /// <summary>Prophet's weekly Fourier order.</summary>
        public const int WeeklyOrder = 3;

        /// <summary>Prophet's yearly Fourier order.</summary>
        public const int YearlyOrder = 10;

        /// <summary>Prophet's holidays_prior_scale.</summary>
        public const double HolidayPriorScale = 10.0;

        /// <summary>NAB's largest probationary length.</summary>
        public const int TrainLength = 750;

        /// <summary>Refit every 1000 rows.</summary>
        public const int RefitEvery = 1000;

        /// <summary>Refit on the last 3000 rows.</summary>
        public const int TrainWindow = 3000;

        /// <summary>Iteration cap.</summary>
        public const int MaxIterations = 500;

        /// <summary>10, as for <c>sarima</c>: NAB's 12-digit scores make every |z| above ~7 a tie at 1.0 under scale 1.</summary>
        public const double ScoreScale = 10.0;
    }
}
