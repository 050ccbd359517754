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

    /// <summary>
    /// The composite F1 of Garg et al. (2021, "An Evaluation of Anomaly Detection and Diagnosis in Multivariate Time
    /// Series"): point-wise precision (TP and FP are row counts, as in <see cref="Pointwise"/>) with event recall
    /// (windows found over windows, as in <see cref="Event"/>; <see cref="ConfusionCounts.Windows"/>). Unlike the event
    /// F1, flagging every row cannot win it: every false-positive row costs precision.
    /// </summary>
    Composite,
}
