namespace Vigil.Persistence;

/// <summary>Which data a model was trained (or run) on, recorded in its manifest.</summary>
/// <param name="Source">A file path, a NAB id (<c>nab:realKnownCause/nyc_taxi.csv</c>) or a synthetic id (<c>synth:noisy</c>).</param>
/// <param name="FirstRow">First row used (0-based).</param>
/// <param name="RowCount">Rows used.</param>
/// <param name="Sha256">SHA-256 (lower-case hex) of the rows used, as <see cref="DataFingerprint.Of"/> computes it.</param>
public sealed record TrainingDataInfo(string Source, int FirstRow, int RowCount, string Sha256);
