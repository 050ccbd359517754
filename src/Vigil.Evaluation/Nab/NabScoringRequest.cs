using Vigil.Evaluation.Metrics;

namespace Vigil.Evaluation.Nab;

/// <summary>What to score and how (<c>vigil nab score</c>, <c>nab benchmark</c>, <c>compare</c>).</summary>
/// <param name="NabRoot">Corpus folder.</param>
/// <param name="ResultsRoot">Folder holding one subfolder of results per detector.</param>
/// <param name="Detectors">Detectors to score; empty = every detector folder under the results root.</param>
/// <param name="ThresholdsFile">Thresholds to score with; null = see <paramref name="Optimize"/>.</param>
/// <param name="Optimize">Choose thresholds with NAB's sweep.</param>
/// <param name="FinalResultsPath">Where final_results.json goes; null = in the report root.</param>
/// <param name="Metrics">Which reports to compute ("nab", "f1").</param>
/// <param name="Category">Restrict every report to one category.</param>
/// <param name="ReportRoot">Where scores CSVs, final_results.json and thresholds.json go; null = the results root (NAB's layout).</param>
/// <param name="F1Threshold">The threshold of the first precision/recall/F1 reports; null = NAB's standard-profile threshold.</param>
/// <param name="DefaultToOptimize">Optimise a detector's thresholds when neither a thresholds file nor <paramref name="Optimize"/> was given and the corpus lists none for it.</param>
/// <param name="FileGlob">Restrict to files matching this glob.</param>
public sealed record NabScoringRequest(
    string NabRoot,
    string ResultsRoot,
    IReadOnlyList<string> Detectors,
    string? ThresholdsFile,
    bool Optimize,
    string? FinalResultsPath,
    IReadOnlySet<string> Metrics,
    string? Category,
    string? ReportRoot = null,
    F1ThresholdRule? F1Threshold = null,
    bool DefaultToOptimize = false,
    string? FileGlob = null)
{
    /// <summary>
    /// Detector name → the NAB entry it ports (e.g. <c>context-ose</c> → <c>contextOSE</c>): when a thresholds table lists
    /// the entry but not the detector, the detector is scored at the entry's thresholds (unless it would be optimised anyway).
    /// </summary>
    public IReadOnlyDictionary<string, string> NabNames { get; init; } = new Dictionary<string, string>();

    /// <summary>Cancels the scoring between files, profiles and detectors; output files already written stay whole (each is replaced atomically), and final_results.json is written only after every detector is scored.</summary>
    public CancellationToken Cancellation { get; init; }
}
