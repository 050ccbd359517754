using Vigil.Evaluation.Metrics;

namespace Vigil.Evaluation.Nab;

/// <summary>The outcome of a <see cref="NabScoringRun"/>, for a renderer.</summary>
/// <param name="Files">The files scored.</param>
/// <param name="CorpusFileCount">Files in the corpus (the normalised scores cover the whole corpus only when equal to <c>Files.Count</c>).</param>
/// <param name="Entries">One entry per detector, in request order.</param>
/// <param name="Warnings">Things the user should know (thresholds below every row of some files).</param>
/// <param name="Written">Files written, as user-facing lines.</param>
public sealed record NabScoringReport(
    IReadOnlyList<NabDataFile> Files,
    int CorpusFileCount,
    IReadOnlyList<NabScoringEntry> Entries,
    IReadOnlyList<string> Warnings,
    IReadOnlyList<string> Written)
{
    /// <summary>Whether every corpus file was scored.</summary>
    public bool WholeCorpus => Files.Count == CorpusFileCount;
}

/// <summary>One detector's scores.</summary>
/// <param name="Detector">Detector name.</param>
/// <param name="Results">NAB results per profile (standard first).</param>
/// <param name="F1">Precision/recall/F1: point-wise, point-adjusted and event at the rule's threshold, then the same three at the best-F1 threshold; null when not asked for.</param>
public sealed record NabScoringEntry(string Detector, IReadOnlyList<NabProfileResult> Results, IReadOnlyList<F1Report>? F1);
