using System.ComponentModel.DataAnnotations;
using Vigil.Detection;

namespace Vigil.Detectors.Sarima;

/// <summary>Options of <see cref="SarimaDetector"/>.</summary>
public sealed record SarimaOptions : DetectorOptions, IRefitOptions
{
    /// <summary>Creates the options with every default, including the documented calibration (<see cref="Defaults.Calibration"/>).</summary>
    public SarimaOptions()
    {
        Calibration = Defaults.Calibration;
    }

    /// <summary>p, non-seasonal AR order (with <see cref="AutoOrder"/>: the upper bound).</summary>
    [Range(0, 10)]
    public int ArOrder { get; init; } = Defaults.ArOrder;

    /// <summary>d, non-seasonal differences; 1 for series that wander (random-walk-like levels).</summary>
    [Range(0, 2)]
    public int Differences { get; init; } = Defaults.Differences;

    /// <summary>q, non-seasonal MA order (with <see cref="AutoOrder"/>: the upper bound).</summary>
    [Range(0, 10)]
    public int MaOrder { get; init; } = Defaults.MaOrder;

    /// <summary>P, seasonal AR order; used when <see cref="Period"/> ≥ 2.</summary>
    [Range(0, 3)]
    public int SeasonalArOrder { get; init; } = Defaults.SeasonalArOrder;

    /// <summary>D, seasonal differences; used when <see cref="Period"/> ≥ 2.</summary>
    [Range(0, 1)]
    public int SeasonalDifferences { get; init; } = Defaults.SeasonalDifferences;

    /// <summary>Q, seasonal MA order; used when <see cref="Period"/> ≥ 2.</summary>
    [Range(0, 3)]
    public int SeasonalMaOrder { get; init; } = Defaults.SeasonalMaOrder;

    /// <summary>s, seasonal period in rows (e.g. 24 for hourly data with a daily cycle); 0 or 1 = no seasonal part.
    /// Cost grows linearly with it.</summary>
    [Range(0, 2000)]
    public int Period { get; init; } = Defaults.Period;

    /// <summary>Deterministic term of the differenced, normalised series: <c>none</c>, <c>constant</c> or <c>linear</c>.</summary>
    public SarimaTrend Trend { get; init; } = Defaults.Trend;

    /// <summary>Select orders up to the given ones by AIC at every fit (slower: one fit per order combination).</summary>
    public bool AutoOrder { get; init; } = Defaults.AutoOrder;

    /// <summary>Rows collected before the first fit when the harness does not give a probationary length (NAB does).</summary>
    [Range(2, 1_000_000)]
    public int TrainLength { get; init; } = Defaults.TrainLength;

    /// <summary>Refit after this many further rows, on the trailing <see cref="TrainWindow"/> rows; 0 never refits.</summary>
    [Range(0, 100_000_000)]
    public int RefitEvery { get; init; } = Defaults.RefitEvery;

    /// <summary>Rows a refit uses (the most recent ones). Longer windows give steadier parameters and cost more.</summary>
    [Range(2, 1_000_000)]
    public int TrainWindow { get; init; } = Defaults.TrainWindow;

    /// <summary>L-BFGS iteration cap per fit.</summary>
    [Range(1, 10_000)]
    public int MaxIterations { get; init; } = Defaults.MaxIterations;

    /// <summary>The standardised error is divided by this before the Gaussian tail map; larger values spread the scores of
    /// large surprises (less saturation at 1) without changing their order.</summary>
    [Range(0.001, 1000.0)]
    public double ScoreScale { get; init; } = Defaults.ScoreScale;

    /// <summary>Default values.</summary>
    public static class Defaults
    {
        /// <summary>
        /// The documented default calibration: NAB's anomaly likelihood of the raw scores with NuPIC's averaging (10 rows)
        /// and re-estimation (100 rows), but a 1000-row history instead of 8640, as for isolation-forest: the fitted
        /// distribution then forgets an earlier anomaly's surprises within a few days of NAB rows, so a later anomaly in
        /// the same series still stands out. Chosen by leave-one-category-out cross-validation among 16 (history,
        /// averaging) pairs, in all 7 folds (docs/calibration.md, "sarima: the likelihood's history").
        /// </summary>
        public static Vigil.Pipeline.CalibrationSpec Calibration => Vigil.Pipeline.CalibrationSpec.Likelihood with { HistoricWindow = 1000 };

        /// <summary>AR(2): enough for smooth local dynamics.</summary>
        public const int ArOrder = 2;

        /// <summary>No differencing.</summary>
        public const int Differences = 0;

        /// <summary>MA(1).</summary>
        public const int MaOrder = 1;

        /// <summary>No seasonal AR.</summary>
        public const int SeasonalArOrder = 0;

        /// <summary>No seasonal differencing.</summary>
        public const int SeasonalDifferences = 0;

        /// <summary>No seasonal MA.</summary>
        public const int SeasonalMaOrder = 0;

        /// <summary>No seasonality (NAB files differ in sampling; set it per series).</summary>
        public const int Period = 0;

        /// <summary>No trend (the series is normalised with the training window's mean).</summary>
        public const SarimaTrend Trend = SarimaTrend.None;

        /// <summary>Fixed orders.</summary>
        public const bool AutoOrder = false;

        /// <summary>NAB's largest probationary length.</summary>
        public const int TrainLength = 750;

        /// <summary>Refit every 1000 rows.</summary>
        public const int RefitEvery = 1000;

        /// <summary>Refit on the last 2000 rows.</summary>
        public const int TrainWindow = 2000;

        /// <summary>statsmodels' cap in the peer workload.</summary>
        public const int MaxIterations = 200;

        /// <summary>
        /// 10: NAB stores scores with 12 significant digits, so under the plain tail (scale 1) every |e|/√F above ~7 ties at
        /// 1.0 and NAB's threshold sweep cannot separate them (standard profile 0.00 vs 20.23 with 10, measured 2026-11-29).
        /// </summary>
        public const double ScoreScale = 10.0;
    }
}
