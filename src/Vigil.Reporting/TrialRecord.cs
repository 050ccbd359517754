namespace Vigil.Reporting;

/// <summary>
/// One trial of a tuning study as the report's tuning view needs it; the study store (or a JSON export of it) supplies
/// these, so the report does not depend on how studies are stored.
/// </summary>
/// <param name="Number">The trial's number within its study (0-based, in the order trials were started).</param>
/// <param name="State">Its state as the store names it, e.g. <c>complete</c>, <c>pruned</c>, <c>failed</c>, <c>running</c>.</param>
/// <param name="Value">The objective value of a completed trial; null otherwise.</param>
/// <param name="Parameters">The sampled parameters, by name; numbers as doubles, categorical values as strings.</param>
/// <param name="Started">When the trial started, if known.</param>
/// <param name="Finished">When the trial finished, if known.</param>
public sealed record TrialRecord(int Number, string State, double? Value, IReadOnlyDictionary<string, object> Parameters, DateTimeOffset? Started = null, DateTimeOffset? Finished = null);
