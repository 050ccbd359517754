using System.ComponentModel.DataAnnotations;
using Vigil.Detection;
using Vigil.Validation;

namespace Vigil.Detectors.ContextOse;

/// <summary>Options of <see cref="ContextOseDetector"/>; the defaults are those NAB's contextOSE detector runs with.</summary>
public sealed record ContextOseOptions : DetectorOptions
{
    /// <summary>
    /// Which edition to reproduce: <c>nab</c> (default; the code behind NAB's shipped results, reproduced on every row)
    /// or <c>predictive</c> (the later CAD OSE code, which also predicts the next sensor facts and scores 0 when they came).
    /// </summary>
    public ContextOseVariant Variant { get; init; } = Defaults.Variant;

    /// <summary>
    /// A raw score at or above this silences the output for the next <see cref="RestPeriod"/> rows (the output is 0
    /// while any of the last rest-period raw scores reached it). Lower values silence more often; CAD OSE uses 0.75.
    /// </summary>
    [Range(0.0, 1.0)]
    public double BaseThreshold { get; init; } = Defaults.BaseThreshold;

    /// <summary>
    /// Rows of silence after a raw score reached <see cref="BaseThreshold"/> (truncated to an integer, as Python's
    /// <c>int()</c> does; below 1 the whole history counts). 0 (default) derives it as NAB does: the harness's
    /// probationary length / 5 (150 for long NAB files), or CAD OSE's own default 30 when no harness gives one.
    /// </summary>
    [Range(0.0, 1_000_000.0)]
    public double RestPeriod { get; init; } = Defaults.RestPeriod;

    /// <summary>
    /// Longest left semi-context (facts in common with the previous step) from which new contexts are proposed.
    /// Larger values learn more specific contexts (more memory and time); CAD OSE uses 7.
    /// </summary>
    [Range(1, 1000)]
    public int MaxLeftSemiContextsLength { get; init; } = Defaults.MaxLeftSemiContextsLength;

    /// <summary>
    /// Most active contexts carried to the next step as facts (the highest ranked by activations). More neurons
    /// give longer memory of the sequence; CAD OSE uses 15.
    /// </summary>
    [Range(1, 1000)]
    public int MaxActiveNeurons { get; init; } = Defaults.MaxActiveNeurons;

    /// <summary>
    /// Bits a value is quantised to: the input range is cut into 2^bits − 1 steps and each bit is one sensor fact.
    /// More bits see finer changes but generalise less; CAD OSE uses 3.
    /// </summary>
    [Range(1, 16)]
    public int NumNormValueBits { get; init; } = Defaults.NumNormValueBits;

    /// <summary>
    /// Smallest value of the input range. Null (default): the minimum the harness gives (NAB gives the file's),
    /// else the first value. Set it with <see cref="InputMax"/> to run without a harness.
    /// </summary>
    public double? InputMin { get; init; }

    /// <summary>Largest value of the input range. Null (default): the maximum the harness gives, else the first value.</summary>
    public double? InputMax { get; init; }

    /// <inheritdoc />
    public override IEnumerable<OptionError> Validate()
    {
        foreach (var error in base.Validate())
        {
            yield return error;
        }

        if (InputMin is { } min && !double.IsFinite(min))
        {
            yield return new OptionError(OptionProperty.JsonKey(nameof(InputMin)), $"must be finite, got {min}.");
        }

        if (InputMax is { } max && !double.IsFinite(max))
        {
            yield return new OptionError(OptionProperty.JsonKey(nameof(InputMax)), $"must be finite, got {max}.");
        }

        if (InputMin.HasValue != InputMax.HasValue)
        {
            yield return new OptionError(OptionProperty.JsonKey(InputMin.HasValue ? nameof(InputMax) : nameof(InputMin)), "inputMin and inputMax must be given together.");
        }
        else if (InputMin is { } lo && InputMax is { } hi && hi < lo)
        {
            yield return new OptionError(OptionProperty.JsonKey(nameof(InputMax)), $"must not be below inputMin ({lo}), got {hi}.");
        }
    }

    /// <summary>Default values: NAB's contextOSE detector.</summary>
    public static class Defaults
    {
        /// <summary>The edition behind NAB's shipped results.</summary>
        public const ContextOseVariant Variant = ContextOseVariant.Nab;

        /// <summary>CAD OSE: 0.75.</summary>
        public const double BaseThreshold = 0.75;

        /// <summary>0: the harness's probationary length / 5 (NAB), else 30.</summary>
        public const double RestPeriod = 0.0;

        /// <summary>CAD OSE's rest period when no harness gives a probationary length.</summary>
        public const double StandaloneRestPeriod = 30.0;

        /// <summary>CAD OSE: 7.</summary>
        public const int MaxLeftSemiContextsLength = 7;

        /// <summary>CAD OSE: 15.</summary>
        public const int MaxActiveNeurons = 15;

        /// <summary>CAD OSE: 3.</summary>
        public const int NumNormValueBits = 3;
    }
}
