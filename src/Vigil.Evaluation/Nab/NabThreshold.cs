namespace Vigil.Evaluation.Nab;

/// <summary>One (detector, profile) entry of a NAB thresholds file: the threshold and the raw score it reached.</summary>
/// <param name="Threshold">The anomaly-score threshold; rows at or above it are detections.</param>
/// <param name="Score">The raw corpus score at that threshold (0 when the file gives none).</param>
public sealed record NabThreshold(double Threshold, double Score);
