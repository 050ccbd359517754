namespace Vigil.Orleans.Training;

/// <summary>
/// One replica of a synchronous data-parallel training (Horovod's pattern), keyed by (rank, training key and
/// generation): the rank spreads replicas over the silos. The caller all-reduces the replicas' contributions and
/// sends every replica the same mean. A replica that lost its state (its silo died and it was activated again)
/// refuses to step, and the caller restarts the training from its last checkpoint under a new generation.
/// </summary>
public interface IDataParallelReplicaGrain : IGrainWithIntegerCompoundKey
{
    /// <summary>Creates the replica (fresh, or from the start's checkpoint) and says where it stands.</summary>
    Task<ReplicaStatusDto> StartAsync(DataParallelStartDto start);

    /// <summary>
    /// Applies <paramref name="previousMean"/> (the mean gradient of step <paramref name="step"/> − 1; null for the
    /// first step after a start), then returns the contribution to <paramref name="step"/>. Fusing the two halves
    /// one round trip per step.
    /// </summary>
    Task<ShardGradientDto> StepAsync(int step, float[]? previousMean);

    /// <summary>Applies the mean gradient of <paramref name="step"/> (the last step, or before a checkpoint).</summary>
    Task ApplyAsync(int step, float[] mean);

    /// <summary>The whole training state at the replica's next step.</summary>
    Task<byte[]> CheckpointAsync();

    /// <summary>The trained detector's persisted state; only after the last step.</summary>
    Task<byte[]> ModelAsync();

    /// <summary>The parameters, flattened (replicas in step hold the same bits).</summary>
    Task<float[]> ParametersAsync();

    /// <summary>Releases the replica and deactivates the grain.</summary>
    Task StopAsync();
}
