using Vigil.Evaluation.Metrics;
using Vigil.Evaluation.Nab;

namespace Vigil.Reporting;

/// <summary>One detector's scores for the report: NAB's three profiles and precision/recall/F1 in the three modes.</summary>
/// <param name="Detector">The detector (its results folder name).</param>
/// <param name="Profiles">NAB's result under each corpus profile, in the corpus' profile order.</param>
/// <param name="ThresholdsOptimized">True when the thresholds came from NAB's sweep, false when from the corpus' <c>config/thresholds.json</c>.</param>
/// <param name="F1">Point-wise, point-adjusted and event precision/recall/F1 at the standard-profile threshold.</param>
/// <param name="ScoresByFile">The anomaly scores, one per data row, by the file's relative path.</param>
public sealed record DetectorSummary(string Detector, IReadOnlyList<NabProfileResult> Profiles, bool ThresholdsOptimized, IReadOnlyList<F1Report> F1, IReadOnlyDictionary<string, double[]> ScoresByFile)
{
    /// <summary>The standard profile's result (the first profile when the corpus has no <c>standard</c>).</summary>
    public NabProfileResult Standard => Profiles.FirstOrDefault(p => p.Profile.Name == NabProfile.Standard.Name) ?? Profiles[0];
}
