using Vigil.Persistence;

namespace Vigil.Evaluation.Training;

/// <summary>One model trained by <see cref="ConfiguredTraining"/>.</summary>
/// <param name="Detector">The detector's registry name.</param>
/// <param name="Source">The training series' source.</param>
/// <param name="Stored">Where the model was saved.</param>
/// <param name="Metrics">Its metrics (also in its manifest).</param>
public sealed record TrainingOutcome(string Detector, string Source, StoredModel Stored, IReadOnlyDictionary<string, double> Metrics);
