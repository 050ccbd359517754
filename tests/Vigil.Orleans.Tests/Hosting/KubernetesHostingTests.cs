using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Hosting.Kubernetes;
using Vigil.Orleans.Hosting;
using OrleansSiloOptions = Orleans.Configuration.SiloOptions;
using VigilSiloOptions = Vigil.Orleans.Hosting.SiloOptions;

namespace Vigil.Orleans.Tests.Hosting;

/// <summary>Kubernetes hosting configures the silo from its pod (no cluster, no Redis: the host is built, not started).</summary>
public sealed class KubernetesHostingTests
{
    private static readonly Dictionary<string, string?> PodEnvironment = new()
    {
        ["POD_NAME"] = "vigil-silo-7d9f-x2k4p",
        ["POD_NAMESPACE"] = "analytics",
        ["POD_IP"] = "10.42.3.17",
        ["ORLEANS_CLUSTER_ID"] = "prod",
        ["ORLEANS_SERVICE_ID"] = "vigil",
    };

    private static readonly ClusterConnectionOptions Connection = new() { Redis = "redis:6379" };

    [Fact]
    public void ThePodIsReadFromTheVariablesOrleansHostingUses()
    {
        var pod = KubernetesPod.FromEnvironment(Read(PodEnvironment));
        Assert.Equal("vigil-silo-7d9f-x2k4p", pod.Name);
        Assert.Equal("analytics", pod.Namespace);
        Assert.Equal(IPAddress.Parse("10.42.3.17"), pod.Address);
        Assert.Equal("prod", pod.ClusterId);
        Assert.Equal("prod", pod.Apply(Connection).ClusterId);
        Assert.True(KubernetesPod.IsPresent(Read(PodEnvironment)));
        // Orleans' own names for them: the Deployment sets exactly these.
        Assert.Equal("POD_NAME", KubernetesHostingOptions.PodNameEnvironmentVariable);
        Assert.Equal("POD_NAMESPACE", KubernetesHostingOptions.PodNamespaceEnvironmentVariable);
        Assert.Equal("POD_IP", KubernetesHostingOptions.PodIPEnvironmentVariable);
        Assert.Equal("ORLEANS_CLUSTER_ID", KubernetesHostingOptions.ClusterIdEnvironmentVariable);
    }

    [Fact]
    public void WithoutAClusterIdThePodKeepsTheGivenOne()
    {
        var pod = KubernetesPod.FromEnvironment(Read(new(PodEnvironment) { ["ORLEANS_CLUSTER_ID"] = null }));
        Assert.Null(pod.ClusterId);
        Assert.Equal("vigil", pod.Apply(Connection).ClusterId);
    }

    [Theory]
    [InlineData("POD_NAME", null, "POD_NAME")]
    [InlineData("POD_IP", "", "POD_IP")]
    [InlineData("POD_IP", "not-an-ip", "'not-an-ip' is not an IP address")]
    [InlineData("ORLEANS_SERVICE_ID", "other-service", "ORLEANS_SERVICE_ID is 'other-service'")]
    public void AMissingOrWrongVariableIsNamed(string variable, string? value, string message)
    {
        var environment = new Dictionary<string, string?>(PodEnvironment) { [variable] = value };
        var e = Assert.Throws<ClusterConnectionException>(() => KubernetesPod.FromEnvironment(Read(environment)));
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OutsideAPodNothingIsPresent()
    {
        Assert.False(KubernetesPod.IsPresent(_ => null));
        Assert.False(KubernetesPod.IsPresent(Read(new(PodEnvironment) { ["POD_NAMESPACE"] = null })));
    }

    [Fact]
    public void ASiloOnKubernetesTakesThePodsNameAddressAndClusterIdAndListensOnAllAddresses()
    {
        // Orleans' hosting reads the pod's variables from the process environment itself (and refuses to run without
        // them), as in a pod; this test sets them for its duration (no other test reads them).
        var saved = PodEnvironment.Keys.ToDictionary(name => name, Environment.GetEnvironmentVariable);
        try
        {
            foreach (var (name, value) in PodEnvironment)
            {
                Environment.SetEnvironmentVariable(name, value);
            }

            AssertConfiguredFromThePod();
        }
        finally
        {
            foreach (var (name, value) in saved)
            {
                Environment.SetEnvironmentVariable(name, value);
            }
        }
    }

    private static void AssertConfiguredFromThePod()
    {
        var pod = KubernetesPod.FromEnvironment(Environment.GetEnvironmentVariable);
        using var host = VigilSilo.Build(Connection, new VigilSiloOptions { SiloPort = 11111, GatewayPort = 30000, Kubernetes = pod }, VigilTestCluster.Registry);

        Assert.Equal(pod.Name, Options<OrleansSiloOptions>(host.Services).SiloName);
        var endpoints = Options<EndpointOptions>(host.Services);
        Assert.Equal(pod.Address, endpoints.AdvertisedIPAddress);
        Assert.Equal(new IPEndPoint(IPAddress.Any, 11111), endpoints.SiloListeningEndpoint);
        Assert.Equal(new IPEndPoint(IPAddress.Any, 30000), endpoints.GatewayListeningEndpoint);
        var cluster = Options<ClusterOptions>(host.Services);
        Assert.Equal("prod", cluster.ClusterId);
        Assert.Equal("vigil", cluster.ServiceId);
        Assert.NotNull(host.Services.GetService<IConfigureOptions<KubernetesHostingOptions>>());   // Orleans' hosting is in
    }

    [Fact]
    public void ASiloOffKubernetesKeepsLoopbackAndItsOwnName()
    {
        using var host = VigilSilo.Build(Connection, new VigilSiloOptions { SiloPort = 11111, GatewayPort = 30000 }, VigilTestCluster.Registry);
        var endpoints = Options<EndpointOptions>(host.Services);
        Assert.Equal(IPAddress.Loopback, endpoints.AdvertisedIPAddress);
        Assert.NotEqual(IPAddress.Any, endpoints.SiloListeningEndpoint?.Address);   // not every address of the machine
        Assert.Equal("vigil", Options<ClusterOptions>(host.Services).ClusterId);
        Assert.NotEqual(PodEnvironment["POD_NAME"], Options<OrleansSiloOptions>(host.Services).SiloName);
        Assert.Null(host.Services.GetService<IConfigureOptions<KubernetesHostingOptions>>());
    }

    private static Func<string, string?> Read(Dictionary<string, string?> environment) => name => environment.GetValueOrDefault(name);

    private static T Options<T>(IServiceProvider services)
        where T : class => services.GetRequiredService<IOptions<T>>().Value;
}
