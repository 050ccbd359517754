namespace Vigil.Evaluation.Metrics;

/// <summary>
/// Confusion counts as a combinable accumulator: <see cref="Combine"/> adds field by field, so it is associative
/// and commutative and per-file counts add up to per-category and corpus counts in any order.
/// </summary>
/// <remarks>
/// In <see cref="F1Mode.Composite"/> the four counts are the point-wise row counts and <see cref="Windows"/> carries
/// the windows found and missed, from which <see cref="Recall"/> is taken.
/// </remarks>
/// <param name="TruePositives">Detected positives (rows or windows, depending on the <see cref="F1Mode"/>).</param>
/// <param name="FalsePositives">Detections outside every window (rows or runs).</param>
/// <param name="FalseNegatives">Missed positives.</param>
/// <param name="TrueNegatives">Undetected rows outside windows.</param>
public sealed record ConfusionCounts(long TruePositives, long FalsePositives, long FalseNegatives, long TrueNegatives)
{
    /// <summary>All zero: the identity of <see cref="Combine"/>.</summary>
    public static ConfusionCounts Empty { get; } = new(0, 0, 0, 0);

    /// <summary>TP / (TP + FP); defined as 0 when there are no detections (a silent detector has found nothing).</summary>
    public double Precision => TruePositives + FalsePositives == 0 ? 0.0 : (double)TruePositives / (TruePositives + FalsePositives);

    /// <summary>Windows found and missed when recall is counted in windows (<see cref="F1Mode.Composite"/>); else null.</summary>
    public WindowCounts? Windows { get; init; }

    /// <summary>
    /// TP / (TP + FN), or the window recall of <see cref="Windows"/> when it is set; defined as 0 when there are no
    /// positives.
    /// </summary>
    public double Recall => Windows is { } windows
        ? windows.Recall
        : TruePositives + FalseNegatives == 0 ? 0.0 : (double)TruePositives / (TruePositives + FalseNegatives);

    /// <summary>Harmonic mean 2PR / (P + R); defined as 0 when P + R = 0. Always in [0, 1].</summary>
    public double F1
    {
        get
        {
            double p = Precision, r = Recall;
            return p + r == 0 ? 0.0 : 2 * p * r / (p + r);
        }
    }

    /// <summary>The field-by-field sum of the two counts.</summary>
    public ConfusionCounts Combine(ConfusionCounts other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new(TruePositives + other.TruePositives, FalsePositives + other.FalsePositives, FalseNegatives + other.FalseNegatives, TrueNegatives + other.TrueNegatives)
        {
            Windows = Windows is null && other.Windows is null ? null : (Windows ?? WindowCounts.None).Combine(other.Windows ?? WindowCounts.None),
        };
    }
}
