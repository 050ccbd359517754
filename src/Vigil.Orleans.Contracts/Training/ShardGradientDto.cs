namespace Vigil.Orleans.Training;

/// <summary>A replica's contribution to one synchronous step (see <c>Vigil.Training.ShardGradient</c>).</summary>
/// <param name="Step">The step.</param>
/// <param name="Samples">Samples in the replica's shard of the global batch.</param>
/// <param name="LossSum">The shard's mean loss times its samples.</param>
/// <param name="WeightedGradient">The shard's gradient times its samples, flattened, float64.</param>
/// <param name="Compute">Time spent computing it.</param>
[GenerateSerializer, Immutable]
public sealed record ShardGradientDto(int Step, int Samples, double LossSum, double[] WeightedGradient, TimeSpan Compute);
