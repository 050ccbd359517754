using System.ComponentModel.DataAnnotations;
using Vigil.Pipeline;
using Vigil.Validation;

namespace Vigil.Detection;

/// <summary>
/// Base of every detector's options record. Options are immutable; defaults are named constants;
/// <see cref="RangeAttribute"/> on a property drives validation, the conformance kit and default search spaces.
/// </summary>
public abstract record DetectorOptions
{
    /// <summary>Seed of the detector's random source. Same seed, same input: same scores.</summary>
    [Range(0, int.MaxValue)]
    public int Seed { get; init; }

    /// <summary>
    /// How the raw scores are calibrated, causally, before any threshold (<c>vigil detect --calibrate</c>, NAB runs,
    /// saved models). Each detector's options set its documented default; a bare method name (<c>"likelihood"</c>) or an
    /// object (<c>{"method":"likelihood","averagingWindow":10}</c>) in options files.
    /// </summary>
    public CalibrationSpec Calibration { get; init; } = CalibrationSpec.None;

    /// <summary>Every error in these options (empty when valid). Override to add cross-field rules.</summary>
    public virtual IEnumerable<OptionError> Validate() =>
        OptionValidator.FromAttributes(this).Concat(Calibration?.Validate() ?? [new OptionError("calibration", "must not be null.")]);

    /// <summary>Throws one <see cref="OptionsValidationException"/> listing every error, if any.</summary>
    public void EnsureValid(string detectorName)
    {
        var errors = Validate().ToList();
        if (errors.Count > 0)
        {
            throw new OptionsValidationException(detectorName, errors);
        }
    }
}
