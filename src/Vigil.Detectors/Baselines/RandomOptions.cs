using Vigil.Detection;

namespace Vigil.Detectors.Baselines;

/// <summary>Options of <see cref="RandomDetector"/>.</summary>
/// <remarks>
/// The only option is the inherited <see cref="DetectorOptions.Seed"/>, here defaulting to
/// <see cref="Defaults.Seed"/> (42, NAB's seed) instead of 0, so that the defaults reproduce NAB's
/// published <c>random</c> results. Any other seed gives another equally uninformative baseline; averaging
/// NAB scores over several seeds shows how much of a detector's lead over <c>random</c> is luck.
/// </remarks>
public sealed record RandomOptions : DetectorOptions
{
    /// <summary>Options with every default, including <see cref="Defaults.Seed"/>.</summary>
    public RandomOptions()
    {
        Seed = Defaults.Seed;
    }

    /// <summary>Default values.</summary>
    public static class Defaults
    {
        /// <summary>NAB seeds Python's <c>random</c> with 42 at the start of every file.</summary>
        public const int Seed = 42;
    }
}
