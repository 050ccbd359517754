namespace Vigil.Experiments.Tracking;

/// <summary>Runs side by side: one row per parameter and per metric (its last value), one column per run.</summary>
/// <param name="Runs">The runs, in the order asked for.</param>
/// <param name="Parameters">Parameter name → each run's value (null where a run has none); names sorted.</param>
/// <param name="Metrics">Metric name → each run's last value (null where a run has none); names sorted.</param>
public sealed record RunComparison(
    IReadOnlyList<TrackedRun> Runs,
    IReadOnlyList<KeyValuePair<string, IReadOnlyList<string?>>> Parameters,
    IReadOnlyList<KeyValuePair<string, IReadOnlyList<double?>>> Metrics)
{
    /// <summary>Lines up <paramref name="runs"/>.</summary>
    public static RunComparison Of(IReadOnlyList<TrackedRun> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var latest = runs.Select(r => r.LatestMetrics).ToArray();
        var parameters = runs.SelectMany(r => r.Parameters.Keys).Distinct().Order(StringComparer.Ordinal)
            .Select(k => new KeyValuePair<string, IReadOnlyList<string?>>(k, runs.Select(r => r.Parameters.GetValueOrDefault(k)).ToArray()))
            .ToArray();
        var metrics = latest.SelectMany(m => m.Keys).Distinct().Order(StringComparer.Ordinal)
            .Select(k => new KeyValuePair<string, IReadOnlyList<double?>>(k, latest.Select(m => m.TryGetValue(k, out double v) ? v : (double?)null).ToArray()))
            .ToArray();
        return new RunComparison(runs, parameters, metrics);
    }

    /// <summary>Whether the runs disagree on parameter <paramref name="values"/>.</summary>
    public static bool Differs(IReadOnlyList<string?> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return values.Distinct().Skip(1).Any();
    }
}
