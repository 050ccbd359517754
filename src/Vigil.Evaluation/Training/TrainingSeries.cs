namespace Vigil.Evaluation.Training;

/// <summary>One series to train on.</summary>
/// <param name="Source">Where it came from, for manifests (a path, <c>nab:category/file.csv</c>, <c>synth:noisy</c>).</param>
/// <param name="Name">A short name for model names (the file's stem).</param>
/// <param name="Series">The series with its anomaly windows (empty when it has no labels) and NAB's probation length.</param>
/// <param name="Labeled">Whether windows are known (then F1 is measured).</param>
public sealed record TrainingSeries(string Source, string Name, LabeledSeries Series, bool Labeled);
