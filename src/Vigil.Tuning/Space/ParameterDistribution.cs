using System.Text.Json.Nodes;

namespace Vigil.Tuning.Space;

/// <summary>
/// One tunable parameter and the values it may take. Samplers work on the parameter's <em>internal</em> value, a
/// double: the number itself for ints and floats, the choice's index for categoricals; <see cref="ToJson"/> turns it
/// into the value a detector's options receive.
/// </summary>
/// <param name="Name">The option key (camelCase), e.g. <c>hiddenUnits</c>.</param>
public abstract record ParameterDistribution(string Name)
{
    /// <summary>When set, the parameter exists only while another (categorical) parameter has one of some values.</summary>
    public ParameterCondition? Condition { get; init; }

    /// <summary>Whether <see cref="GridPoints"/> lists every value (categoricals, ints, floats with a step).</summary>
    public abstract bool IsFinite { get; }

    /// <summary>Every internal value, in order, for grid search.</summary>
    /// <exception cref="InvalidOperationException">The distribution is continuous (<see cref="IsFinite"/> is false).</exception>
    public abstract IReadOnlyList<double> GridPoints();

    /// <summary>Whether <paramref name="internalValue"/> is a value this distribution can produce.</summary>
    public abstract bool Contains(double internalValue);

    /// <summary>The internal value as the JSON value a detector option receives.</summary>
    public abstract JsonNode? ToJson(double internalValue);

    /// <summary>The internal value as short text, e.g. <c>64</c>, <c>0.00031</c>, <c>median</c>.</summary>
    public abstract string Format(double internalValue);

    /// <summary>The distribution as the command line and YAML write it, e.g. <c>1e-4..1e-2:log</c> or <c>32,64,128</c>.</summary>
    public abstract string Describe();
}
