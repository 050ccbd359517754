using System.ComponentModel.DataAnnotations;
using Vigil.Detection;
using Vigil.Validation;

namespace Vigil.Detectors.Baselines;

/// <summary>Options of <see cref="WindowedGaussianDetector"/>; the defaults are NAB's.</summary>
public sealed record WindowedGaussianOptions : DetectorOptions
{
    /// <summary>
    /// Most recent values the Gaussian is fitted to. Larger windows give steadier statistics but adapt more
    /// slowly to level shifts; NAB uses 1000.
    /// </summary>
    [Range(1, 1_000_000)]
    public int WindowSize { get; init; } = Defaults.WindowSize;

    /// <summary>
    /// Once the window is full, the window slides (and the statistics are refitted) every this many values.
    /// 1 (NAB's choice) refits on every row; larger steps are cheaper and react later. At most
    /// <see cref="WindowSize"/>.
    /// </summary>
    [Range(1, 1_000_000)]
    public int StepSize { get; init; } = Defaults.StepSize;

    /// <inheritdoc />
    public override IEnumerable<OptionError> Validate()
    {
        foreach (var error in base.Validate())
        {
            yield return error;
        }

        if (StepSize > WindowSize)
        {
            yield return new OptionError(OptionProperty.JsonKey(nameof(StepSize)), $"must not exceed windowSize ({WindowSize}), got {StepSize}.");
        }
    }

    /// <summary>Default values (NAB's).</summary>
    public static class Defaults
    {
        /// <summary>NAB's window size.</summary>
        public const int WindowSize = 1000;

        /// <summary>NAB's step size.</summary>
        public const int StepSize = 1;
    }
}
