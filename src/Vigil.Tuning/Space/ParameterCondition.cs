namespace Vigil.Tuning.Space;

/// <summary>A parameter is active only while the categorical <paramref name="Parent"/> takes one of <paramref name="Choices"/>.</summary>
/// <param name="Parent">Name of a categorical parameter declared earlier in the space.</param>
/// <param name="Choices">The parent's choices (as text) under which the parameter exists.</param>
public sealed record ParameterCondition(string Parent, IReadOnlyList<string> Choices);
