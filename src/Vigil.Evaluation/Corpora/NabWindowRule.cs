namespace Vigil.Evaluation.Corpora;

/// <summary>
/// NAB's rule for turning point labels into anomaly windows (nab-scoring.md §1, "How the windows were derived"):
/// window length <c>L = int(0.10 n / k)</c> rows for <c>k</c> labels in <c>n</c> rows, each label at row <c>c</c>
/// covering <c>[max(c - L div 2, 0), min(c + L div 2, n - 1)]</c>, overlapping windows merged, and a first window
/// that starts before the probationary boundary dropped.
/// </summary>
public static class NabWindowRule
{
    /// <summary>The windows for point labels at <paramref name="labelRows"/> in a file of <paramref name="rowCount"/> rows.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A label row is outside the file.</exception>
    public static IReadOnlyList<AnomalyWindow> Windows(int rowCount, IReadOnlyList<int> labelRows, int probationLength)
    {
        ArgumentNullException.ThrowIfNull(labelRows);
        if (labelRows.Count == 0)
        {
            return [];
        }

        var rows = labelRows.Order().ToArray();
        if (rows[0] < 0 || rows[^1] >= rowCount)
        {
            throw new ArgumentOutOfRangeException(nameof(labelRows), $"Label rows must lie in [0, {rowCount - 1}].");
        }

        int length = (int)(0.10 * rowCount / rows.Length);
        int half = length / 2;
        var merged = new List<AnomalyWindow>();
        foreach (int c in rows)
        {
            var w = new AnomalyWindow(Math.Max(c - half, 0), Math.Min(c + half, rowCount - 1));
            if (merged.Count > 0 && w.FirstRow <= merged[^1].LastRow)
            {
                merged[^1] = merged[^1] with { LastRow = Math.Max(merged[^1].LastRow, w.LastRow) };
            }
            else
            {
                merged.Add(w);
            }
        }

        if (merged[0].FirstRow < probationLength)
        {
            merged.RemoveAt(0);
        }

        return merged;
    }
}
