namespace Vigil.Training;

/// <summary>What one replica of a synchronous data-parallel training needs to start: the model, the data, and its place among the replicas.</summary>
/// <param name="Detector">Registry name of the detector to train (e.g. <c>lstm-autoencoder</c>).</param>
/// <param name="OptionsJson">The detector's options as JSON (camelCase keys, as in <c>--options</c> files); the seed decides the initial weights and the batch order.</param>
/// <param name="Values">The whole training series: every replica holds it and takes its own shard of each global batch.</param>
/// <param name="Rank">This replica's index, in [0, <paramref name="Replicas"/>).</param>
/// <param name="Replicas">Replicas sharing every global batch, at least 1.</param>
public sealed record DataParallelPlan(string Detector, string OptionsJson, ReadOnlyMemory<double> Values, int Rank, int Replicas)
{
    /// <summary>
    /// The shard of a global batch of <paramref name="batchSize"/> samples that <paramref name="rank"/> of
    /// <paramref name="replicas"/> computes: contiguous, sizes differing by at most one, the first ranks taking the
    /// extra samples; empty when the batch is smaller than the number of replicas.
    /// </summary>
    /// <returns>The shard's offset in the batch and its length.</returns>
    public static (int Offset, int Count) ShardOf(int batchSize, int rank, int replicas)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(batchSize);
        ArgumentOutOfRangeException.ThrowIfLessThan(replicas, 1);
        if (rank < 0 || rank >= replicas)
        {
            throw new ArgumentOutOfRangeException(nameof(rank), $"Rank {rank} is not in [0, {replicas}).");
        }

        int quotient = batchSize / replicas;
        int remainder = batchSize % replicas;
        int offset = rank * quotient + Math.Min(rank, remainder);
        return (offset, quotient + (rank < remainder ? 1 : 0));
    }
}
