namespace Vigil.Evaluation.Nab;

/// <summary>The result of scoring one detector under one profile (nab-scoring.md §9–§10).</summary>
/// <param name="Profile">The cost profile.</param>
/// <param name="Threshold">The threshold applied to every file.</param>
/// <param name="Optimized">True when the threshold was found by the sweep of §8, false when it was given.</param>
/// <param name="RawScore">Sum of the file scores (the <c>Totals</c> score).</param>
/// <param name="NullScore">Raw score of a detector that never fires: <c>-fnW</c> × windows with a scored row.</param>
/// <param name="PerfectScore">Raw score of the perfect detector: <c>tpW</c> × all windows of the scored files.</param>
/// <param name="NormalizedScore"><c>100 (R - null) / (perfect - null)</c>; NaN when the scored files have no windows.</param>
/// <param name="Files">Per-file scores, sorted by file path.</param>
public sealed record NabProfileResult(NabProfile Profile, double Threshold, bool Optimized, double RawScore, double NullScore, double PerfectScore, double NormalizedScore, IReadOnlyList<NabFileScore> Files)
{
    /// <summary>
    /// Files whose every scored row is at or above the threshold (nab-scoring.md §12: the official scorer crashes
    /// there, NAB #361; Vigil scores them with every scored row detected and reports them here).
    /// </summary>
    public IReadOnlyList<string> FilesBelowThreshold { get; init; } = [];
}
