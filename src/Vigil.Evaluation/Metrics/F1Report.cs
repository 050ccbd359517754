namespace Vigil.Evaluation.Metrics;

/// <summary>Precision, recall and F1 counts of one detector at one threshold shared by all evaluated files.</summary>
/// <param name="Mode">How detections were matched to windows.</param>
/// <param name="Threshold">The threshold used (a row is a detection when its score is ≥ it); +∞ when nothing could be detected.</param>
/// <param name="BestF1">True when the threshold was chosen to maximise the corpus F1.</param>
/// <param name="Total">Counts over every evaluated file.</param>
/// <param name="ByCategory">Counts per corpus category, keys sorted.</param>
/// <param name="ByFile">Counts per file (relative path), keys sorted.</param>
public sealed record F1Report(
    F1Mode Mode,
    double Threshold,
    bool BestF1,
    ConfusionCounts Total,
    IReadOnlyDictionary<string, ConfusionCounts> ByCategory,
    IReadOnlyDictionary<string, ConfusionCounts> ByFile);
