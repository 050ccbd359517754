using Vigil.Detection;

namespace Vigil.Orleans.Training;

/// <summary>A detector fitted across the cluster by <see cref="DistributedModelFit"/>.</summary>
/// <param name="Detector">The fitted detector.</param>
/// <param name="Metrics">How it was trained: <c>distributed.workers</c> (shards or replicas), <c>distributed.fitSeconds</c>,
/// <c>distributed.resubmitted</c> (shards re-requested or training restarts after a lost silo), and per trainer
/// <c>distributed.silos</c> (forest) or <c>distributed.communicationShare</c> and <c>loss</c> (LSTM).</param>
public sealed record DistributedModelFitResult(IBatchDetector Detector, IReadOnlyDictionary<string, double> Metrics);
