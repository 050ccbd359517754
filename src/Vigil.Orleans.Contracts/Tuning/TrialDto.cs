using Orleans;

namespace Vigil.Orleans.Contracts.Tuning;

/// <summary>One trial as the study grain keeps and reports it (the fields of Vigil.Tuning's trial record).</summary>
/// <param name="Number">0-based number.</param>
/// <param name="State"><c>Running</c>, <c>Complete</c>, <c>Pruned</c> or <c>Failed</c>.</param>
/// <param name="Parameters">Internal parameter values.</param>
/// <param name="Value">The objective value of a complete trial.</param>
/// <param name="Intermediates">Intermediate values, by step.</param>
/// <param name="Started">When it was created.</param>
/// <param name="Finished">When it ended.</param>
/// <param name="Heartbeat">Last sign of life of its worker.</param>
/// <param name="Worker">The worker that runs or ran it.</param>
/// <param name="Message">Why it failed.</param>
[GenerateSerializer, Immutable]
public sealed record TrialDto(
    [property: Id(0)] int Number,
    [property: Id(1)] string State,
    [property: Id(2)] Dictionary<string, double> Parameters,
    [property: Id(3)] double? Value,
    [property: Id(4)] double[] Intermediates,
    [property: Id(5)] DateTimeOffset Started,
    [property: Id(6)] DateTimeOffset? Finished,
    [property: Id(7)] DateTimeOffset Heartbeat,
    [property: Id(8)] string Worker,
    [property: Id(9)] string? Message);
