using System.ComponentModel.DataAnnotations;
using Vigil.Detection;
using Vigil.Validation;

namespace Vigil.Detectors.Artime;

/// <summary>Options of <see cref="ArtimeDetector"/>; the defaults are ARTimeNAB.jl's, the configuration behind NAB's ARTime results.</summary>
public sealed record ArtimeOptions : DetectorOptions
{
    /// <summary>
    /// Downsampled values per feature window, a power of two (the Haar transform needs one). Longer windows see longer
    /// shapes but need a longer probation to learn them; the features have twice this many values. ARTime uses 8.
    /// </summary>
    [Range(2, 64)]
    public int Window { get; init; } = Defaults.Window;

    /// <summary>
    /// Feature windows that fit in the probationary period; the downsampling step is probation ÷ (window · this).
    /// Larger values downsample less (finer detail, more categories, slower). ARTime uses 13.
    /// </summary>
    [Range(1, 1000)]
    public int WindowsPerProbation { get; init; } = Defaults.WindowsPerProbation;

    /// <summary>
    /// Distance (as a fraction of the input range) within which a downsampled value snaps to the running median. Larger
    /// values ignore more small movements around the typical level. ARTime uses 0.075.
    /// </summary>
    [Range(0.0, 1.0)]
    public double DiscretizeChomp { get; init; } = Defaults.DiscretizeChomp;

    /// <summary>Quantisation levels across the input range. More levels keep finer differences (and make more categories). ARTime uses 80.</summary>
    [Range(2, 10_000)]
    public int Levels { get; init; } = Defaults.Levels;

    /// <summary>
    /// Vigilance the seeding network is trained with when the trend window is complete; the detector's starting
    /// vigilance is the mean similarity that network reached. Higher values split the seed data into more categories. ARTime uses 0.80.
    /// </summary>
    [Range(0.0, 1.0)]
    public double InitialRho { get; init; } = Defaults.InitialRho;

    /// <inheritdoc />
    public override IEnumerable<OptionError> Validate()
    {
        foreach (var error in base.Validate())
        {
            yield return error;
        }

        if (Window > 0 && (Window & (Window - 1)) != 0)
        {
            yield return new OptionError(OptionProperty.JsonKey(nameof(Window)), $"must be a power of two (the Haar transform needs one), got {Window}.");
        }
    }

    /// <summary>Default values: ARTimeNAB.jl's (its <c>P</c> struct).</summary>
    public static class Defaults
    {
        /// <summary>ARTime: 8.</summary>
        public const int Window = 8;

        /// <summary>ARTime: 13.</summary>
        public const int WindowsPerProbation = 13;

        /// <summary>ARTime: 0.075.</summary>
        public const double DiscretizeChomp = 0.075;

        /// <summary>ARTime: 80.</summary>
        public const int Levels = 80;

        /// <summary>ARTime: 0.80.</summary>
        public const double InitialRho = 0.80;
    }
}
