using System.ComponentModel.DataAnnotations;
using Vigil.Detection;
using Vigil.Validation;

namespace Vigil.Detectors.Baselines;

/// <summary>Options of <see cref="MovingZScoreDetector"/>.</summary>
public sealed record MovingZScoreOptions : DetectorOptions
{
    /// <summary>
    /// How many previous values the mean and deviation are taken over. Short windows follow level shifts
    /// quickly but flag less; long windows are steadier. Try roughly one to three seasonal periods.
    /// </summary>
    [Range(2, 1_000_000)]
    public int Window { get; init; } = Defaults.Window;

    /// <summary>
    /// Values that must have been seen before scoring starts; until then scores are 0. Raise it to avoid
    /// noisy scores from a handful of points. At most <see cref="Window"/>.
    /// </summary>
    [Range(2, 1_000_000)]
    public int MinHistory { get; init; } = Defaults.MinHistory;

    /// <summary>
    /// Floor on the standard deviation, in the series' units. It keeps flat stretches from turning tiny
    /// wiggles into huge z-scores; set it near the measurement resolution of the data.
    /// </summary>
    [Range(0.0, 1e300)]
    public double MinStd { get; init; } = Defaults.MinStd;

    /// <summary>
    /// z-score at which the score reaches 1 - 1/e ≈ 0.63 (score = 1 - exp(-z / scale)). Larger values compress
    /// moderate deviations towards 0; it changes no ranking, only how scores spread over [0, 1].
    /// </summary>
    [Range(1e-6, 1e6)]
    public double Scale { get; init; } = Defaults.Scale;

    /// <inheritdoc />
    public override IEnumerable<OptionError> Validate()
    {
        foreach (var error in base.Validate())
        {
            yield return error;
        }

        if (MinHistory > Window)
        {
            yield return new OptionError(OptionProperty.JsonKey(nameof(MinHistory)), $"must not exceed window ({Window}), got {MinHistory}.");
        }
    }

    /// <summary>Default values.</summary>
    public static class Defaults
    {
        /// <summary>Default window length.</summary>
        public const int Window = 100;

        /// <summary>Default history before scoring: two points give the first deviation.</summary>
        public const int MinHistory = 2;

        /// <summary>Default deviation floor.</summary>
        public const double MinStd = 1e-6;

        /// <summary>Default scale: z = 3 maps to 0.63, z = 6 to 0.86, z = 10 to 0.96.</summary>
        public const double Scale = 3.0;
    }
}
