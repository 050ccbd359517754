using Orleans.Runtime.Placement;

namespace Vigil.Orleans.Training;

/// <summary>Chooses the silo for <see cref="RankPlacementStrategy"/>: the integer key modulo the compatible silos, ordered by address.</summary>
internal sealed class RankPlacementDirector : IPlacementDirector
{
    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        var silos = context.GetCompatibleSilos(target).OrderBy(s => s.ToParsableString(), StringComparer.Ordinal).ToArray();
        if (silos.Length == 0)
        {
            throw new OrleansException("No silo can host this grain.");
        }

        long rank = target.GrainIdentity.TryGetIntegerKey(out long key, out _) ? key : 0;
        return Task.FromResult(silos[(int)(Math.Abs(rank) % silos.Length)]);
    }
}
