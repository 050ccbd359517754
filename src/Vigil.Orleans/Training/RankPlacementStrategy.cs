namespace Vigil.Orleans.Training;

/// <summary>
/// Places a grain keyed by an integer rank on the rank-th live silo (modulo the number of silos, silos ordered by
/// address), so that a job's shards or replicas land one per silo while there are enough silos. After a silo dies,
/// new activations go to the silos that remain.
/// </summary>
/// <remarks>Registered by <see cref="TrainingSiloBuilderExtensions.AddVigilTraining"/>; the silo picks it through <see cref="RankPlacementAttribute"/>.</remarks>
[GenerateSerializer, Immutable]
public sealed class RankPlacementStrategy : PlacementStrategy
{
    /// <summary>The one instance grains use.</summary>
    public static RankPlacementStrategy Singleton { get; } = new();
}
