namespace Vigil.Experiments.Tracking.Mlflow;

/// <summary>The content of one <c>runs/log-batch</c> request.</summary>
/// <param name="Metrics">Metric values.</param>
/// <param name="Params">Parameters (keys unique within the batch).</param>
/// <param name="Tags">Tags (keys unique within the batch).</param>
public sealed record MlflowBatch(IReadOnlyList<MetricPoint> Metrics, IReadOnlyList<KeyValuePair<string, string>> Params, IReadOnlyList<KeyValuePair<string, string>> Tags)
{
    /// <summary>Metrics, parameters and tags together.</summary>
    public int Count => Metrics.Count + Params.Count + Tags.Count;
}
