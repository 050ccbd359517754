namespace Vigil.Training;

/// <summary>
/// One replica of synchronous data-parallel SGD (Horovod's pattern): it holds a full copy of the model and the
/// training data, computes the gradient of its shard of every global batch, and applies the all-reduced mean
/// gradient with its own optimiser. Replicas that start equal and apply the same means stay equal.
/// </summary>
/// <remarks>
/// The step protocol: <see cref="ComputeGradient"/> for step <see cref="NextStep"/>, then
/// <see cref="ApplyMeanGradient"/> with the mean of all replicas' contributions for that step, which advances
/// <see cref="NextStep"/>; repeat until it equals <see cref="TotalSteps"/>. Not thread-safe: one caller at a time.
/// </remarks>
public interface IDataParallelReplica : IDisposable
{
    /// <summary>Optimiser steps of the whole training (epochs × batches per epoch).</summary>
    int TotalSteps { get; }

    /// <summary>The step the next gradient is for: 0 at the start, the checkpoint's step after a restore.</summary>
    int NextStep { get; }

    /// <summary>This replica's contribution to step <see cref="NextStep"/>.</summary>
    ShardGradient ComputeGradient(CancellationToken ct = default);

    /// <summary>Applies the global batch's mean gradient for step <see cref="NextStep"/> (clipping it, if the model clips, then the optimiser update) and advances to the next step.</summary>
    /// <exception cref="ArgumentException">The gradient's length is not the model's parameter count.</exception>
    void ApplyMeanGradient(float[] meanGradient);

    /// <summary>The model's parameters flattened in the gradient's order (replicas in step compare them bitwise).</summary>
    float[] Parameters();

    /// <summary>The whole training state at <see cref="NextStep"/> (weights, optimiser moments, step): restores a replica with any rank.</summary>
    byte[] SaveCheckpoint();

    /// <summary>The trained detector's persisted state (<c>IPersistable.WriteState</c>, the detector's current state version): a fitted model.</summary>
    byte[] SaveModel();
}
