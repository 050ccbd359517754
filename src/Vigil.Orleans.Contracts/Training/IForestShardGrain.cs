namespace Vigil.Orleans.Training;

/// <summary>
/// Fits shards of isolation forests (Dask-ML's pattern: trees on several silos, merged by the caller). Keyed by
/// (shard index, job key): the index spreads a job's shards over the silos, one per silo while there are enough.
/// Stateless and idempotent: the same request gives the same bytes, so a shard lost with its silo is simply asked again.
/// </summary>
public interface IForestShardGrain : IGrainWithIntegerCompoundKey
{
    /// <summary>Fits the requested trees.</summary>
    Task<ForestShardDto> FitAsync(ForestShardRequestDto request);
}
