namespace Vigil.Training;

/// <summary>
/// One replica's contribution to a synchronous step: the gradient of the loss on its shard of the global batch,
/// multiplied by the shard's size, so that summing contributions and dividing by the batch size gives the gradient
/// of the global batch's mean loss (<see cref="GradientAllReduce"/>).
/// </summary>
/// <param name="Step">The optimiser step (0-based, over all epochs) the gradient is for.</param>
/// <param name="Samples">Samples in the shard (0 for a replica with no share of a small batch).</param>
/// <param name="LossSum">The shard's mean loss times <paramref name="Samples"/>.</param>
/// <param name="WeightedGradient">The shard's gradient times <paramref name="Samples"/>, every parameter flattened in the model's order, in float64.</param>
/// <param name="Compute">Time the replica spent computing it (forward and backward), for the communication share.</param>
public sealed record ShardGradient(int Step, int Samples, double LossSum, double[] WeightedGradient, TimeSpan Compute);
