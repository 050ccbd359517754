using Orleans.Configuration;
using Orleans.TestingHost;
using Vigil.Detectors.Torch;
using Vigil.Orleans.Training;

namespace Vigil.Orleans.Tests.Training;

/// <summary>In-process test clusters for the training grains: N silos with <see cref="TrainingSiloBuilderExtensions.AddVigilTraining"/> and the Torch trainers, membership tuned to notice a dead silo in seconds.</summary>
internal static class TrainingCluster
{
    public static async Task<InProcessTestCluster> StartAsync(int silos)
    {
        // Several replicas share this process's cores: one libtorch thread each avoids oversubscribing them (the
        // local references in these tests run under the same setting, so bitwise comparisons hold).
        TorchSharp.torch.set_num_threads(1);
        var builder = new InProcessTestClusterBuilder((short)silos);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddVigilTraining(new TorchDataParallelTrainers());
            silo.Configure<ClusterMembershipOptions>(o =>
            {
                o.ProbeTimeout = TimeSpan.FromSeconds(1);
                o.NumMissedProbesLimit = 1;
                o.NumVotesForDeathDeclaration = 1;
            });
            silo.Configure<SiloMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(15));
        });
        builder.ConfigureClient(client => client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(15)));
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }
}
