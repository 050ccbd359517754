using System.Globalization;
using System.Text.Json.Nodes;

namespace Vigil.Tuning.Space;

/// <summary>One of a list of values (numbers, booleans or strings); the internal value is the choice's index.</summary>
/// <param name="Name">Option key.</param>
/// <param name="Choices">The values, each a JSON scalar.</param>
public sealed record CategoricalDistribution(string Name, IReadOnlyList<JsonValue> Choices) : ParameterDistribution(Name)
{
    /// <inheritdoc />
    public override bool IsFinite => true;

    /// <inheritdoc />
    public override IReadOnlyList<double> GridPoints() => Enumerable.Range(0, Choices.Count).Select(i => (double)i).ToArray();

    /// <inheritdoc />
    public override bool Contains(double internalValue) => internalValue >= 0 && internalValue < Choices.Count && internalValue == Math.Floor(internalValue);

    /// <inheritdoc />
    public override JsonNode? ToJson(double internalValue) => Choices[(int)internalValue].DeepClone();

    /// <inheritdoc />
    public override string Format(double internalValue) => Text(Choices[(int)internalValue]);

    /// <inheritdoc />
    public override string Describe() => string.Join(',', Choices.Select(Text));

    /// <summary>The index of the choice whose text is <paramref name="text"/>, or -1.</summary>
    public int IndexOf(string text)
    {
        for (int i = 0; i < Choices.Count; i++)
        {
            if (string.Equals(Text(Choices[i]), text, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>A choice as plain text (numbers in invariant culture, strings unquoted).</summary>
    public static string Text(JsonValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.TryGetValue(out string? s))
        {
            return s;
        }

        if (value.TryGetValue(out double d))
        {
            return d.ToString("R", CultureInfo.InvariantCulture);
        }

        return value.ToJsonString();
    }
}
