namespace Vigil.Experiments.Tracking.Mlflow;

/// <summary>Splits what a run logged into log-batch requests that stay within <see cref="MlflowLimits"/>.</summary>
public static class MlflowBatchChunker
{
    /// <summary>
    /// The requests for <paramref name="metrics"/>, <paramref name="parameters"/> and <paramref name="tags"/>: each
    /// within the per-kind and total limits, parameters and tags first (MLflow rejects a duplicate key inside one batch,
    /// so a key given twice keeps its last value), metrics in their given order.
    /// </summary>
    public static IReadOnlyList<MlflowBatch> Chunk(
        IReadOnlyList<MetricPoint> metrics,
        IEnumerable<KeyValuePair<string, string>> parameters,
        IEnumerable<KeyValuePair<string, string>> tags)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        var paramList = Deduplicate(parameters);
        var tagList = Deduplicate(tags);
        var batches = new List<MlflowBatch>();
        int m = 0, p = 0, t = 0;
        while (m < metrics.Count || p < paramList.Count || t < tagList.Count)
        {
            int takeParams = Math.Min(MlflowLimits.ParamsPerBatch, paramList.Count - p);
            int takeTags = Math.Min(MlflowLimits.TagsPerBatch, tagList.Count - t);
            int room = MlflowLimits.EntitiesPerBatch - takeParams - takeTags;
            int takeMetrics = Math.Min(Math.Min(MlflowLimits.MetricsPerBatch, room), metrics.Count - m);
            batches.Add(new MlflowBatch(
                Slice(metrics, m, takeMetrics),
                paramList.GetRange(p, takeParams),
                tagList.GetRange(t, takeTags)));
            m += takeMetrics;
            p += takeParams;
            t += takeTags;
        }

        return batches;
    }

    private static List<KeyValuePair<string, string>> Deduplicate(IEnumerable<KeyValuePair<string, string>> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var list = new List<KeyValuePair<string, string>>();
        foreach (var pair in pairs)
        {
            if (index.TryGetValue(pair.Key, out int at))
            {
                list[at] = pair;
            }
            else
            {
                index[pair.Key] = list.Count;
                list.Add(pair);
            }
        }

        return list;
    }

    private static MetricPoint[] Slice(IReadOnlyList<MetricPoint> metrics, int start, int count)
    {
        var slice = new MetricPoint[count];
        for (int i = 0; i < count; i++)
        {
            slice[i] = metrics[start + i];
        }

        return slice;
    }
}
