namespace Vigil.Evaluation.Metrics;

/// <summary>
/// Precision, recall and F1 counts of one detector at one threshold shared by all evaluated files, or at one threshold
/// per file (<see cref="ThresholdByFile"/>).
/// </summary>
/// <param name="Mode">How detections were matched to windows.</param>
/// <param name="Threshold">The shared threshold (a row is a detection when its score is ≥ it); +∞ when nothing could be
/// detected; NaN when every file had its own (<paramref name="ThresholdByFile"/>).</param>
/// <param name="BestF1">True when the threshold was chosen to maximise the corpus F1.</param>
/// <param name="Total">Counts over every evaluated file.</param>
/// <param name="ByCategory">Counts per corpus category, keys sorted.</param>
/// <param name="ByFile">Counts per file (relative path), keys sorted.</param>
/// <param name="Rule">The rule the threshold came from, when it came from one (null for a plain threshold and for best-F1).</param>
/// <param name="ThresholdByFile">Each file's own threshold, keys sorted, when the rule sets one per file
/// (<see cref="F1ThresholdKind.ProbationPercentile"/>: a row is a detection when its score is strictly above it); else null.</param>
public sealed record F1Report(
    F1Mode Mode,
    double Threshold,
    bool BestF1,
    ConfusionCounts Total,
    IReadOnlyDictionary<string, ConfusionCounts> ByCategory,
    IReadOnlyDictionary<string, ConfusionCounts> ByFile,
    F1ThresholdRule? Rule = null,
    IReadOnlyDictionary<string, double>? ThresholdByFile = null)
{
    /// <summary>The label of the threshold, as the F1 CSV's <c>threshold_kind</c> column writes it: <c>best-f1</c>, the rule's <see cref="F1ThresholdRule.Label"/>, or <c>fixed</c>.</summary>
    public string ThresholdLabel => BestF1 ? "best-f1" : Rule?.Label ?? "fixed";
}
