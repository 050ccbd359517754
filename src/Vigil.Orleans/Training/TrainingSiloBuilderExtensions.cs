using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Vigil.Training;

namespace Vigil.Orleans.Training;

/// <summary>Silo set-up for distributed training.</summary>
public static class TrainingSiloBuilderExtensions
{
    /// <summary>
    /// Registers <see cref="RankPlacementStrategy"/>, which the forest-shard and replica grains need, and, when given,
    /// the factory of data-parallel replicas (e.g. <c>Vigil.Detectors.Torch.TorchDataParallelTrainers</c>): the host
    /// composes it so that this project does not reference TorchSharp. Without one, a silo refuses data-parallel replicas.
    /// </summary>
    public static ISiloBuilder AddVigilTraining(this ISiloBuilder builder, IDataParallelTrainerFactory? trainers = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddPlacementDirector<RankPlacementStrategy, RankPlacementDirector>();
        if (trainers is not null)
        {
            builder.Services.TryAddSingleton(trainers);
        }

        return builder;
    }
}
