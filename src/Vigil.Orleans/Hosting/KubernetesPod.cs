using System.Net;
using Orleans.Hosting.Kubernetes;

namespace Vigil.Orleans.Hosting;

/// <summary>
/// The Kubernetes pod a silo runs in, as its Deployment passes it through the downward API: the variables Orleans'
/// Kubernetes hosting reads (<c>POD_NAME</c>, <c>POD_NAMESPACE</c>, <c>POD_IP</c>, and optionally
/// <c>ORLEANS_CLUSTER_ID</c> and <c>ORLEANS_SERVICE_ID</c>).
/// </summary>
public sealed record KubernetesPod
{
    /// <summary>The pod's name; it becomes the silo's name, which is how Orleans matches silos to pods.</summary>
    public required string Name { get; init; }

    /// <summary>The pod's namespace, where the silo looks for the other silos' pods.</summary>
    public required string Namespace { get; init; }

    /// <summary>The pod's address, advertised to the other silos and to clients.</summary>
    public required IPAddress Address { get; init; }

    /// <summary>The cluster id from <c>ORLEANS_CLUSTER_ID</c> (the pod's <c>orleans/clusterId</c> label); null = not set.</summary>
    public string? ClusterId { get; init; }

    /// <summary>Whether the pod variables are all present, i.e. this process runs in a pod set up for Orleans' hosting.</summary>
    /// <param name="environment">Reads an environment variable.</param>
    public static bool IsPresent(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return Required.All(name => !string.IsNullOrWhiteSpace(environment(name)));
    }

    /// <summary>Reads the pod from the environment.</summary>
    /// <param name="environment">Reads an environment variable.</param>
    /// <exception cref="ClusterConnectionException">A variable is missing or invalid, or the service id is not Vigil's;
    /// the message names the variable.</exception>
    public static KubernetesPod FromEnvironment(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        string[] missing = [.. Required.Where(name => string.IsNullOrWhiteSpace(environment(name)))];
        if (missing.Length > 0)
        {
            throw new ClusterConnectionException(
                $"Kubernetes hosting needs the pod's {string.Join(", ", missing)} in the environment (set them from the downward API: metadata.name, metadata.namespace, status.podIP; see deploy/k8s/silo.yaml).");
        }

        string ip = environment(KubernetesHostingOptions.PodIPEnvironmentVariable)!.Trim();
        if (!IPAddress.TryParse(ip, out var address))
        {
            throw new ClusterConnectionException($"{KubernetesHostingOptions.PodIPEnvironmentVariable} '{ip}' is not an IP address.");
        }

        // Clients find the membership table under Vigil's service id; a pod labelled with another one would form a
        // cluster no client can see.
        string? serviceId = environment(KubernetesHostingOptions.ServiceIdEnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(serviceId) && serviceId != ClusterConfiguration.ServiceId)
        {
            throw new ClusterConnectionException(
                $"{KubernetesHostingOptions.ServiceIdEnvironmentVariable} is '{serviceId}', but Vigil's silos and clients use the service id '{ClusterConfiguration.ServiceId}': set it (and the pod label {KubernetesHostingOptions.ServiceIdLabel}) to '{ClusterConfiguration.ServiceId}'.");
        }

        string? clusterId = environment(KubernetesHostingOptions.ClusterIdEnvironmentVariable);
        return new KubernetesPod
        {
            Name = environment(KubernetesHostingOptions.PodNameEnvironmentVariable)!.Trim(),
            Namespace = environment(KubernetesHostingOptions.PodNamespaceEnvironmentVariable)!.Trim(),
            Address = address,
            ClusterId = string.IsNullOrWhiteSpace(clusterId) ? null : clusterId.Trim(),
        };
    }

    /// <summary><paramref name="connection"/> with the pod's cluster id, when the pod has one (the pod's label wins, as
    /// in Orleans' own hosting, so that the silo and its pod agree).</summary>
    public ClusterConnectionOptions Apply(ClusterConnectionOptions connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return ClusterId is null ? connection : connection with { ClusterId = ClusterId };
    }

    private static readonly string[] Required =
    [
        KubernetesHostingOptions.PodNameEnvironmentVariable,
        KubernetesHostingOptions.PodNamespaceEnvironmentVariable,
        KubernetesHostingOptions.PodIPEnvironmentVariable,
    ];
}
