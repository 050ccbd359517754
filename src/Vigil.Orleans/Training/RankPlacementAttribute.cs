using Orleans.Placement;

namespace Vigil.Orleans.Training;

/// <summary>Marks a grain class whose activations <see cref="RankPlacementStrategy"/> places by the rank in its compound key.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class RankPlacementAttribute : PlacementAttribute
{
    /// <summary>Uses <see cref="RankPlacementStrategy.Singleton"/>.</summary>
    public RankPlacementAttribute()
        : base(RankPlacementStrategy.Singleton)
    {
    }
}
