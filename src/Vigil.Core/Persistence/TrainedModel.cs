using Vigil.Detection;

namespace Vigil.Persistence;

/// <summary>What <see cref="ModelTrainer.Train"/> produced: the trained detector, its runner (streaming view) and the
/// manifest fields to save with it.</summary>
/// <param name="Detector">The trained detector.</param>
/// <param name="Runner">The runner a batch detector should be saved with to continue (null for streaming detectors).</param>
/// <param name="Details">Training data, threshold, metrics, harness and time, for <see cref="ModelStore.Save"/>.</param>
/// <param name="TrainingScores">The detector's scores on its training rows (in-sample for batch detectors).</param>
public sealed record TrainedModel(IAnomalyDetector Detector, BatchAsStreaming? Runner, ModelManifest Details, double[] TrainingScores);
