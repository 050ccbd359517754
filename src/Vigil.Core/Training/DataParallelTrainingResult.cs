namespace Vigil.Training;

/// <summary>The outcome of a synchronous data-parallel training.</summary>
/// <param name="Model">The trained detector's persisted state (from replica 0; every replica holds the same).</param>
/// <param name="Parameters">The trained parameters, flattened.</param>
/// <param name="Replicas">Replicas that shared each global batch.</param>
/// <param name="Steps">Optimiser steps taken.</param>
/// <param name="FinalLoss">Mean loss of the last global batch (before its update).</param>
/// <param name="Wall">Wall time of the steps (start-up excluded).</param>
/// <param name="Compute">Σ over steps of the slowest replica's compute time: the critical path without communication.</param>
/// <param name="Restarts">Times the training restarted from its last checkpoint after losing a replica.</param>
public sealed record DataParallelTrainingResult(byte[] Model, float[] Parameters, int Replicas, int Steps, double FinalLoss, TimeSpan Wall, TimeSpan Compute, int Restarts)
{
    /// <summary>Share of the wall time not spent computing gradients: all-reduce, transfers, updates and waiting, in [0, 1].</summary>
    public double CommunicationShare => Wall <= TimeSpan.Zero ? 0 : Math.Clamp(1.0 - Compute / Wall, 0.0, 1.0);
}
