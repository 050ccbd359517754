namespace Vigil;

/// <summary>A series with its ground-truth anomaly windows and probationary (learning) length.</summary>
/// <param name="Series">The data.</param>
/// <param name="Windows">Anomaly windows in row order, not overlapping.</param>
/// <param name="ProbationLength">Leading rows excluded from scoring; detectors may learn during them.</param>
public sealed record LabeledSeries(TimeSeries Series, IReadOnlyList<AnomalyWindow> Windows, int ProbationLength)
{
    /// <summary>A per-row 0/1 label: 1 inside a window.</summary>
    public byte[] RowLabels()
    {
        var labels = new byte[Series.Length];
        foreach (var w in Windows)
        {
            for (int i = Math.Max(0, w.FirstRow); i <= Math.Min(w.LastRow, labels.Length - 1); i++)
            {
                labels[i] = 1;
            }
        }

        return labels;
    }
}
