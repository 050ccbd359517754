using Vigil.Evaluation.Metrics;
using Vigil.Evaluation.Nab;

namespace Vigil.Cli.Commands;

/// <summary>What scoring one detector produced.</summary>
/// <param name="Detector">Registry name (or results folder name).</param>
/// <param name="Profiles">NAB's result per profile.</param>
/// <param name="F1">The F1 reports, when F1 was asked for; else null.</param>
public sealed record NabScoredDetector(string Detector, IReadOnlyList<NabProfileResult> Profiles, IReadOnlyList<F1Report>? F1);
