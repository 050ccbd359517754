using System.Net;

namespace Vigil.Orleans.Hosting;

/// <summary>Where one silo listens.</summary>
public sealed record SiloOptions
{
    /// <summary>Silo-to-silo port (Orleans' default 11111).</summary>
    public int SiloPort { get; init; } = 11111;

    /// <summary>Client gateway port (Orleans' default 30000).</summary>
    public int GatewayPort { get; init; } = 30000;

    /// <summary>Address the silo binds to and advertises; loopback unless one is given, so that nothing off the machine
    /// can reach a silo that was not meant to be reachable.</summary>
    public IPAddress Address { get; init; } = IPAddress.Loopback;

    /// <summary>The pod this silo runs in, for Orleans' Kubernetes hosting; null = not on Kubernetes. When set, the silo
    /// listens on all of the pod's addresses, advertises the pod's, takes the pod's name and cluster id, and removes
    /// silos whose pods are gone from the membership table (<see cref="Address"/> is not used).</summary>
    public KubernetesPod? Kubernetes { get; init; }
}
