using System.Globalization;
using System.Text.Json.Nodes;

namespace Vigil.Tuning.Space;

/// <summary>Integers <c>Low, Low + Step, ..., High</c>; on a log scale when <see cref="Log"/> is set (then Step is 1).</summary>
/// <param name="Name">Option key.</param>
/// <param name="Low">Smallest value.</param>
/// <param name="High">Largest value (inclusive).</param>
/// <param name="Step">Spacing of the values.</param>
/// <param name="Log">Sample on a log scale (needs <paramref name="Low"/> ≥ 1).</param>
public sealed record IntDistribution(string Name, long Low, long High, long Step = 1, bool Log = false) : ParameterDistribution(Name)
{
    /// <summary>Most values a grid may enumerate from one int range.</summary>
    public const int MaxGridPoints = 100_000;

    /// <inheritdoc />
    public override bool IsFinite => (High - Low) / Step + 1 <= MaxGridPoints;

    /// <inheritdoc />
    public override IReadOnlyList<double> GridPoints()
    {
        if (!IsFinite)
        {
            throw new InvalidOperationException($"'{Name}' has more than {MaxGridPoints} values: too many for a grid.");
        }

        var points = new List<double>();
        for (long v = Low; v <= High; v += Step)
        {
            points.Add(v);
        }

        return points;
    }

    /// <summary>The nearest allowed value to a real number.</summary>
    public long Round(double value)
    {
        double k = Math.Round((value - Low) / Step);
        long v = Low + (long)k * Step;
        return Math.Clamp(v, Low, Low + ((High - Low) / Step * Step));
    }

    /// <inheritdoc />
    public override bool Contains(double internalValue) =>
        internalValue >= Low && internalValue <= High && internalValue == Math.Floor(internalValue) && ((long)internalValue - Low) % Step == 0;

    /// <inheritdoc />
    public override JsonNode? ToJson(double internalValue) => JsonValue.Create((long)internalValue);

    /// <inheritdoc />
    public override string Format(double internalValue) => ((long)internalValue).ToString(CultureInfo.InvariantCulture);

    /// <inheritdoc />
    public override string Describe() => string.Create(CultureInfo.InvariantCulture, $"{Low}..{High}{(Log ? ":log" : Step != 1 ? $":step={Step}" : "")}");
}
