namespace Vigil.Experiments.Tracking;

/// <summary>A stored run, as read back from a tracking store.</summary>
/// <param name="Id">Run id.</param>
/// <param name="Experiment">Experiment name.</param>
/// <param name="Status">Life-cycle state.</param>
/// <param name="StartTime">When it started.</param>
/// <param name="EndTime">When it ended; null while running.</param>
/// <param name="ParentRunId">The parent run's id, if any.</param>
/// <param name="Tags">Tags, keys sorted.</param>
/// <param name="Parameters">Parameters, keys sorted.</param>
/// <param name="Metrics">Every logged metric value, in name, step and logging order.</param>
/// <param name="Artifacts">Relative paths of the stored artifacts, sorted.</param>
/// <param name="Sync">Synchronisation with a remote tracker.</param>
public sealed record TrackedRun(
    string Id,
    string Experiment,
    RunStatus Status,
    DateTimeOffset StartTime,
    DateTimeOffset? EndTime,
    string? ParentRunId,
    IReadOnlyDictionary<string, string> Tags,
    IReadOnlyDictionary<string, string> Parameters,
    IReadOnlyList<MetricPoint> Metrics,
    IReadOnlyList<string> Artifacts,
    RunSync Sync)
{
    /// <summary>The last logged value of each metric (largest step, then latest logged), names sorted.</summary>
    public IReadOnlyDictionary<string, double> LatestMetrics =>
        Metrics.GroupBy(m => m.Name, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => Latest(g).Value, StringComparer.Ordinal);

    private static MetricPoint Latest(IEnumerable<MetricPoint> points)
    {
        MetricPoint? latest = null;
        foreach (var point in points)
        {
            if (latest is null || point.Step >= latest.Step)
            {
                latest = point;
            }
        }

        return latest!;
    }

    /// <summary>How long it ran; null while running.</summary>
    public TimeSpan? Duration => EndTime - StartTime;
}
