using System.ComponentModel.DataAnnotations;
using Vigil.Detection;
using Vigil.Validation;

namespace Vigil.Detectors.IsolationForest;

/// <summary>Options of <see cref="IsolationForestDetector"/>; names and defaults follow scikit-learn's <c>IsolationForest</c>.</summary>
public sealed record IsolationForestOptions : DetectorOptions, IRefitOptions
{
    /// <summary>Creates the options with every default, including the documented calibration (<see cref="Defaults.Calibration"/>).</summary>
    public IsolationForestOptions()
    {
        Calibration = Defaults.Calibration;
    }

    /// <summary>Number of trees (sklearn's <c>n_estimators</c>). More trees give steadier scores; gains flatten out past a few hundred.</summary>
    [Range(1, 10_000)]
    public int Trees { get; init; } = Defaults.Trees;

    /// <summary>
    /// Windows drawn to grow each tree (sklearn's <c>max_samples</c>). When the training data has fewer windows, all
    /// of them are used (as sklearn does). 256 is the paper's choice; larger samples rarely help and cost depth.
    /// </summary>
    [Range(2, 100_000)]
    public int SampleSize { get; init; } = Defaults.SampleSize;

    /// <summary>
    /// Fraction of the window's positions each tree may split on (sklearn's float <c>max_features</c>), at least one.
    /// 1 uses every position; smaller values decorrelate trees on high-dimensional windows. In (0, 1].
    /// </summary>
    [Range(0.0, 1.0)]
    public double MaxFeatures { get; init; } = Defaults.MaxFeatures;

    /// <summary>Draw each tree's sample with replacement (sklearn's <c>bootstrap</c>). Off by default, as in the paper.</summary>
    public bool Bootstrap { get; init; } = Defaults.Bootstrap;

    /// <summary>
    /// Expected share of outliers, used only for <see cref="IsolationForestDetector.Threshold"/>: 0 means sklearn's
    /// <c>"auto"</c> (threshold 0.5); a fraction in (0, 0.5] puts the threshold at that upper quantile of the training scores.
    /// </summary>
    [Range(0.0, 0.5)]
    public double Contamination { get; init; } = Defaults.Contamination;

    /// <summary>Points per window; each window is one sample of <see cref="Window"/> features. Longer windows see longer patterns but isolate point spikes less sharply.</summary>
    [Range(1, 10_000)]
    public int Window { get; init; } = Defaults.Window;

    /// <summary>
    /// z-normalise values with the mean and population standard deviation of the training series (a constant
    /// training series is only centred). Causal: scoring reuses the training statistics. Scores are invariant to it
    /// up to rounding (the splits are affine-equivariant); it keeps thresholds on a common scale.
    /// </summary>
    public bool Normalize { get; init; } = Defaults.Normalize;

    /// <summary>
    /// Windows of first differences <c>x[i] − x[i−1]</c> instead of values: a level shift is then unusual only where it
    /// happens, not for as long as the new level lasts (a window of <see cref="Window"/> differences spans
    /// <see cref="Window"/> + 1 values). Off by default, as scikit-learn sees the values.
    /// </summary>
    public bool Differences { get; init; } = Defaults.Differences;

    /// <summary>In causal (streaming/NAB) mode, refit after this many further points; 0 never refits. Default 500 (with a 2000-row <see cref="TrainWindow"/>): a forest that follows level and regime changes.</summary>
    [Range(0, int.MaxValue)]
    public int RefitEvery { get; init; } = Defaults.RefitEvery;

    /// <summary>In causal mode, refits use at most this many trailing points (default 2000); 0 uses all points so far.</summary>
    [Range(0, int.MaxValue)]
    public int TrainWindow { get; init; } = Defaults.TrainWindow;

    /// <inheritdoc />
    public override IEnumerable<OptionError> Validate()
    {
        foreach (var error in base.Validate())
        {
            yield return error;
        }

        if (MaxFeatures <= 0.0)
        {
            yield return new OptionError(OptionProperty.JsonKey(nameof(MaxFeatures)), $"must be greater than 0, got {MaxFeatures}.");
        }
    }

    /// <summary>Default values (scikit-learn's, plus the window of the NAB peer workload).</summary>
    public static class Defaults
    {
        /// <summary>
        /// The documented default calibration: NAB's anomaly likelihood of the raw scores with NuPIC's averaging (10 rows)
        /// and re-estimation (100 rows), but a 1000-row history instead of 8640, so that the fitted distribution follows a
        /// refitted forest's new score level. Chosen with <see cref="RefitEvery"/> and <see cref="TrainWindow"/> by
        /// leave-one-category-out cross-validation on NAB (docs/calibration.md, "isolation-forest"). Since 2026-12-06 the
        /// likelihood receives the rise of each raw score above the smallest of the previous 24
        /// (<see cref="Vigil.Pipeline.CalibrationSpec.RiseWindow"/>), chosen the same way among 8 rise windows; a window's
        /// score no longer stays high for the 32 rows its anomaly stays inside it.
        /// </summary>
        public static Vigil.Pipeline.CalibrationSpec Calibration => Vigil.Pipeline.CalibrationSpec.Likelihood with { HistoricWindow = 1000, RiseWindow = 24 };

        /// <summary>sklearn's <c>n_estimators</c>.</summary>
        public const int Trees = 100;

        /// <summary>sklearn's <c>max_samples="auto"</c> cap.</summary>
        public const int SampleSize = 256;

        /// <summary>All features.</summary>
        public const double MaxFeatures = 1.0;

        /// <summary>Sampling without replacement.</summary>
        public const bool Bootstrap = false;

        /// <summary>"auto".</summary>
        public const double Contamination = 0.0;

        /// <summary>The window of the scikit-learn peer workload.</summary>
        public const int Window = 32;

        /// <summary>Normalise with training statistics.</summary>
        public const bool Normalize = true;

        /// <summary>Windows of values, as the scikit-learn peer workload.</summary>
        public const bool Differences = false;

        /// <summary>
        /// Causal mode: refit every 500 rows on the last <see cref="TrainWindow"/> (the NAB configuration chosen by
        /// cross-validation, docs/calibration.md); batch <c>Fit</c>/<c>ScoreSamples</c> never refit.
        /// </summary>
        public const int RefitEvery = 500;

        /// <summary>Causal mode: refits use the last 2000 rows.</summary>
        public const int TrainWindow = 2000;
    }
}
