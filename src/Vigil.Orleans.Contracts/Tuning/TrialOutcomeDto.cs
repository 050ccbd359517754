using Orleans;

namespace Vigil.Orleans.Contracts.Tuning;

/// <summary>How a worker ended a trial.</summary>
/// <param name="State"><c>Complete</c>, <c>Pruned</c> or <c>Failed</c>.</param>
/// <param name="Value">The objective value of a complete trial.</param>
/// <param name="Message">Why it failed.</param>
/// <param name="Intermediates">Every intermediate value the worker reported, in order.</param>
[GenerateSerializer, Immutable]
public sealed record TrialOutcomeDto(
    [property: Id(0)] string State,
    [property: Id(1)] double? Value,
    [property: Id(2)] string? Message,
    [property: Id(3)] double[] Intermediates);
