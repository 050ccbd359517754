namespace Vigil.Detectors.Baselines;

/// <summary>Options of <see cref="NullDetector"/>: it has none beyond the inherited (unused) seed.</summary>
public sealed record NullOptions : Vigil.Detection.DetectorOptions;
