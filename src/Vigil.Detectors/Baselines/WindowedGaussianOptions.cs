using System.ComponentModel.DataAnnotations;
using Vigil.Detection;
using Vigil.Validation;

namespace Vigil.Detectors.Baselines;

/// <summary>Options of <see cref="WindowedGaussianDetector"/>; the defaults are NAB's.</summary>
public sealed record WindowedGaussianOptions : DetectorOptions
{
    /// <summary>
    /// Most recent values the Gaussian is fitted to. Larger windows give steadier statistics but adapt more
    /// slowly to level shifts; NAB's published results used 6400 (its current code says 1000).
    /// </summary>
    [Range(1, 1_000_000)]
    public int WindowSize { get; init; } = Defaults.WindowSize;

    /// <summary>
    /// Once the window is full, the window slides (and the statistics are refitted) every this many values.
    /// 1 refits on every row; larger steps are cheaper and react later; NAB's published results used 100.
    /// At most <see cref="WindowSize"/>.
    /// </summary>
    [Range(1, 1_000_000)]
    public int StepSize { get; init; } = Defaults.StepSize;

    /// <summary>
    /// Score rule: <c>tailComplement</c> (NAB's published detector; flags outliers on both sides) or
    /// <c>nupicTail</c> (NAB's current code with NuPIC 0.5's one-sided rule; flags only drops).
    /// </summary>
    public WindowedGaussianScoring Scoring { get; init; } = Defaults.Scoring;

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

    /// <summary>Default values: those of the detector behind NAB's published windowedGaussian results.</summary>
    public static class Defaults
    {
        /// <summary>Window of NAB's published run.</summary>
        public const int WindowSize = 6400;

        /// <summary>Step of NAB's published run.</summary>
        public const int StepSize = 100;

        /// <summary>Score rule of NAB's published run.</summary>
        public const WindowedGaussianScoring Scoring = WindowedGaussianScoring.TailComplement;
    }
}
