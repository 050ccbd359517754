namespace Vigil.Evaluation.Metrics;

/// <summary>How detections are matched against anomaly windows when counting for precision, recall and F1.</summary>
public enum F1Mode
{
    /// <summary>Every scored row is one sample: TP/FN/FP/TN are row counts.</summary>
    Pointwise,

    /// <summary>
    /// Point adjustment (Xu et al., 2018): if any scored row of a window is detected, every scored row of that
    /// window counts as detected. Rows outside windows count as in <see cref="Pointwise"/>.
    /// </summary>
    PointAdjusted,

    /// <summary>
    /// Event counting: TP = windows with at least one detection, FN = windows without, FP = maximal runs of
    /// consecutive detected rows outside every window (each run once), TN = undetected rows outside windows
    /// (informative only; it enters no metric).
    /// </summary>
    Event,
}
