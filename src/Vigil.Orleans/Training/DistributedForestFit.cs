using Vigil.Detectors.IsolationForest;

namespace Vigil.Orleans.Training;

/// <summary>An isolation forest fitted shard by shard on the cluster.</summary>
/// <param name="Detector">The fitted detector: the forest <see cref="IsolationForestDetector.Fit"/> grows for the seed, exactly.</param>
/// <param name="Shards">Each shard's trees, silo and fit time, in tree order.</param>
/// <param name="Wall">Wall time from the first request to the joined forest.</param>
/// <param name="Resubmitted">Shard requests sent again after a silo failed.</param>
public sealed record DistributedForestFit(IsolationForestDetector Detector, IReadOnlyList<ForestShardDto> Shards, TimeSpan Wall, int Resubmitted);
