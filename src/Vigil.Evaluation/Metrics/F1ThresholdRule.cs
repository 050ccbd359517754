using System.Globalization;
using Vigil.Pipeline;

namespace Vigil.Evaluation.Metrics;

/// <summary>
/// The threshold precision/recall/F1 are reported at beside the best-F1 threshold: <c>nab</c> (NAB's standard-profile
/// threshold), <c>pNN</c> (per file, the NN-th percentile of its probationary scores) or a fixed number.
/// </summary>
/// <param name="Kind">How the threshold is chosen.</param>
/// <param name="Value">The percentile in [0, 100] for <see cref="F1ThresholdKind.ProbationPercentile"/>, the threshold for <see cref="F1ThresholdKind.Fixed"/>; unused (0) otherwise.</param>
public sealed record F1ThresholdRule(F1ThresholdKind Kind, double Value = 0.0)
{
    /// <summary>NAB's standard-profile threshold (the default).</summary>
    public static F1ThresholdRule NabStandard { get; } = new(F1ThresholdKind.NabStandard);

    /// <summary>Per file, the 99th percentile of the probationary scores.</summary>
    public static F1ThresholdRule P99 { get; } = new(F1ThresholdKind.ProbationPercentile, 99.0);

    /// <summary>
    /// The label of reports at this threshold, as the F1 CSV's <c>threshold_kind</c> column writes it:
    /// <c>nab-standard</c>, <c>p99</c> (<c>p</c> and the percentile) or <c>fixed</c>.
    /// </summary>
    public string Label => Kind switch
    {
        F1ThresholdKind.NabStandard => "nab-standard",
        F1ThresholdKind.ProbationPercentile => "p" + Value.ToString("R", CultureInfo.InvariantCulture),
        _ => "fixed",
    };

    /// <summary>
    /// Parses <c>nab</c>, <c>pNN</c> (NN a number in [0, 100], e.g. <c>p99</c> or <c>p99.5</c>) or a finite number
    /// (e.g. <c>0.5</c>), case-insensitively.
    /// </summary>
    /// <exception cref="FormatException">The text is none of these; the message says what is accepted.</exception>
    /// <remarks>The grammar is <see cref="ThresholdRule"/>'s (that of <c>--threshold</c>), restricted to the kinds scoring can use.</remarks>
    public static F1ThresholdRule Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var rule = ThresholdRule.Parse(text, ThresholdKind.NabStandard, ThresholdKind.Percentile, ThresholdKind.Fixed);
        return rule.Kind switch
        {
            ThresholdKind.NabStandard => NabStandard,
            ThresholdKind.Percentile => new F1ThresholdRule(F1ThresholdKind.ProbationPercentile, rule.Value),
            _ => new F1ThresholdRule(F1ThresholdKind.Fixed, rule.Value),
        };
    }

    /// <inheritdoc />
    public override string ToString() => Kind switch
    {
        F1ThresholdKind.NabStandard => "nab",
        F1ThresholdKind.ProbationPercentile => Label,
        _ => Value.ToString("R", CultureInfo.InvariantCulture),
    };
}
