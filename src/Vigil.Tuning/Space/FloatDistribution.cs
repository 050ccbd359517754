using System.Globalization;
using System.Text.Json.Nodes;

namespace Vigil.Tuning.Space;

/// <summary>Real numbers in <c>[Low, High]</c>, uniform or on a log scale, optionally on a grid of <see cref="Step"/>.</summary>
/// <param name="Name">Option key.</param>
/// <param name="Low">Lower bound.</param>
/// <param name="High">Upper bound (inclusive).</param>
/// <param name="Log">Sample the logarithm uniformly (needs <paramref name="Low"/> &gt; 0).</param>
/// <param name="Step">When set, only <c>Low + k·Step</c> (makes the range usable by a grid).</param>
public sealed record FloatDistribution(string Name, double Low, double High, bool Log = false, double? Step = null) : ParameterDistribution(Name)
{
    /// <inheritdoc />
    public override bool IsFinite => Step is not null && (High - Low) / Step.Value + 1 <= IntDistribution.MaxGridPoints;

    /// <inheritdoc />
    public override IReadOnlyList<double> GridPoints()
    {
        if (!IsFinite)
        {
            throw new InvalidOperationException($"'{Name}' is a continuous range ({Describe()}): a grid needs listed values, e.g. --grid {Name}=0.1,0.2.");
        }

        int count = (int)Math.Floor(((High - Low) / Step!.Value) + 1e-9) + 1;
        return Enumerable.Range(0, count).Select(k => Low + (k * Step.Value)).ToArray();
    }

    /// <summary>The nearest allowed value to a real number (clamped, and on the step grid when there is one).</summary>
    public double Snap(double value)
    {
        value = Math.Clamp(value, Low, High);
        if (Step is { } step)
        {
            value = Math.Min(High, Low + (Math.Round((value - Low) / step) * step));
        }

        return value;
    }

    /// <inheritdoc />
    public override bool Contains(double internalValue) => internalValue >= Low && internalValue <= High;

    /// <inheritdoc />
    public override JsonNode? ToJson(double internalValue) => JsonValue.Create(internalValue);

    /// <inheritdoc />
    public override string Format(double internalValue) => internalValue.ToString("G6", CultureInfo.InvariantCulture);

    /// <inheritdoc />
    public override string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"{Low:R}..{High:R}{(Log ? ":log" : "")}{(Step is { } s ? $":step={s:R}" : "")}");
}
