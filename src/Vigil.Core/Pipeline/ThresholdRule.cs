using System.Globalization;
using Vigil.Thresholds;

namespace Vigil.Pipeline;

/// <summary>
/// The one threshold grammar of <c>--threshold</c> (alarms) and <c>--f1-threshold</c> (scoring):
/// <c>none | dynamic | pNN | NUMBER</c>, plus <c>nab</c> where a NAB threshold exists (scoring).
/// </summary>
/// <param name="Kind">How the threshold is chosen.</param>
/// <param name="Value">The percentile in [0, 100] for <see cref="ThresholdKind.Percentile"/> and <see cref="ThresholdKind.Dynamic"/>, the threshold for <see cref="ThresholdKind.Fixed"/>; 0 otherwise.</param>
public sealed record ThresholdRule(ThresholdKind Kind, double Value = 0.0)
{
    /// <summary>The percentile <c>dynamic</c> uses.</summary>
    public const double DynamicPercent = 99.0;

    /// <summary>No alarms.</summary>
    public static ThresholdRule None { get; } = new(ThresholdKind.None);

    /// <summary>Rolling 99th percentile of the previous scores.</summary>
    public static ThresholdRule Dynamic { get; } = new(ThresholdKind.Dynamic, DynamicPercent);

    /// <summary>99th percentile of the training scores.</summary>
    public static ThresholdRule P99 { get; } = new(ThresholdKind.Percentile, 99.0);

    /// <summary>NAB's standard-profile threshold.</summary>
    public static ThresholdRule NabStandard { get; } = new(ThresholdKind.NabStandard);

    /// <summary>
    /// Parses <c>none</c>, <c>dynamic</c>, <c>pNN</c> (NN in [0, 100], e.g. <c>p99</c>, <c>p99.5</c>), a finite number
    /// (e.g. <c>0.7</c>) or <c>nab</c>, case-insensitively; <paramref name="allowed"/> restricts the kinds a context accepts.
    /// </summary>
    /// <exception cref="FormatException">Not in the grammar, or a kind the context does not accept; the message lists what is.</exception>
    public static ThresholdRule Parse(string text, params ThresholdKind[] allowed)
    {
        ArgumentNullException.ThrowIfNull(text);
        var kinds = allowed is { Length: > 0 } ? allowed : [ThresholdKind.None, ThresholdKind.Dynamic, ThresholdKind.Percentile, ThresholdKind.Fixed];
        string t = text.Trim();
        ThresholdRule? rule = null;
        const NumberStyles style = NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign | NumberStyles.AllowExponent;
        if (t.Equals("none", StringComparison.OrdinalIgnoreCase))
        {
            rule = None;
        }
        else if (t.Equals("dynamic", StringComparison.OrdinalIgnoreCase))
        {
            rule = Dynamic;
        }
        else if (t.Equals("nab", StringComparison.OrdinalIgnoreCase))
        {
            rule = NabStandard;
        }
        else if (t.Length > 1 && (t[0] == 'p' || t[0] == 'P'))
        {
            if (double.TryParse(t.AsSpan(1), style, CultureInfo.InvariantCulture, out double percent) && percent is >= 0.0 and <= 100.0)
            {
                rule = new ThresholdRule(ThresholdKind.Percentile, percent);
            }
        }
        else if (double.TryParse(t, style, CultureInfo.InvariantCulture, out double value) && double.IsFinite(value))
        {
            rule = new ThresholdRule(ThresholdKind.Fixed, value);
        }

        if (rule is null || !kinds.Contains(rule.Kind))
        {
            throw new FormatException($"'{text}' is not a threshold here: use {string.Join(", ", kinds.Select(Describe))}.");
        }

        return rule;
    }

    /// <summary>The rule as the grammar writes it: <c>none</c>, <c>dynamic</c>, <c>p99</c>, <c>0.7</c>, <c>nab</c>.</summary>
    public override string ToString() => Kind switch
    {
        ThresholdKind.None => "none",
        ThresholdKind.Dynamic => "dynamic",
        ThresholdKind.Percentile => "p" + Value.ToString("R", CultureInfo.InvariantCulture),
        ThresholdKind.NabStandard => "nab",
        _ => Value.ToString("R", CultureInfo.InvariantCulture),
    };

    /// <summary>
    /// The thresholder this rule describes for a series trained on <paramref name="trainLength"/> rows (null for
    /// <see cref="ThresholdKind.None"/>): fit it on the training rows' scores, apply it to the later rows.
    /// </summary>
    /// <exception cref="InvalidOperationException">The rule is <see cref="ThresholdKind.NabStandard"/>, which only scoring can resolve.</exception>
    public IThresholder? CreateThresholder(int trainLength) => Kind switch
    {
        ThresholdKind.None => null,
        ThresholdKind.Percentile => new PercentileThresholder(Value),
        ThresholdKind.Dynamic => new RollingPercentileThresholder(Math.Max(1, trainLength), Value),
        ThresholdKind.Fixed => new FixedThresholder(Value),
        _ => throw new InvalidOperationException("The 'nab' threshold comes from NAB scoring; alarms need none, dynamic, pNN or a number."),
    };

    private static string Describe(ThresholdKind kind) => kind switch
    {
        ThresholdKind.None => "none (no alarms)",
        ThresholdKind.Dynamic => "dynamic (rolling 99th percentile of the previous scores)",
        ThresholdKind.Percentile => "pNN with NN in [0, 100] (percentile of the training rows' scores, e.g. p99 or p99.5)",
        ThresholdKind.Fixed => "a number (e.g. 0.7)",
        _ => "nab (NAB's standard-profile threshold)",
    };
}
