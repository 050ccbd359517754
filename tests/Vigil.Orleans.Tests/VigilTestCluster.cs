using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.TestingHost;
using Vigil.Detection;
using Vigil.Detectors;
using Vigil.Orleans.Hosting;

namespace Vigil.Orleans.Tests;

/// <summary>An in-process cluster of Vigil silos (Orleans' TestingHost: no Redis, no processes).</summary>
internal static class VigilTestCluster
{
    public static async Task<TestCluster> StartAsync(short silos)
    {
        var builder = new TestClusterBuilder(silos);
        builder.AddSiloBuilderConfigurator<Configurator>();
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }

    public static DetectorRegistry Registry { get; } = new DetectorRegistry().AddBuiltInDetectors();

    private sealed class Configurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            VigilSilo.AddVigil(siloBuilder, Registry);
            siloBuilder.AddMemoryGrainStorage(Vigil.Orleans.Tuning.StudyGrain.StorageName);
            siloBuilder.Services.AddSingleton(new Vigil.Orleans.Tuning.StudyGrainSettings { LeaseDuration = TimeSpan.FromSeconds(3), RenewEvery = TimeSpan.FromSeconds(1) });
            siloBuilder.Configure<ClusterMembershipOptions>(MembershipTimings.Apply);
        }
    }
}
