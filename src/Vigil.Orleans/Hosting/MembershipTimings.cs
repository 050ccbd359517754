using Orleans.Configuration;

namespace Vigil.Orleans.Hosting;

/// <summary>
/// Failure detection tuned for seconds instead of Orleans' defaults (which take about a minute or more to declare a
/// silo dead), because a job sent to a dead silo is only re-submitted once the cluster or the client notices.
/// </summary>
/// <remarks>
/// A silo probes others every <see cref="ProbeTimeout"/>; after <see cref="MissedProbes"/> missed probes it votes the
/// silo dead, and two votes (or the majority of a smaller cluster) evict it: a killed silo is declared dead in about
/// <c>ProbeTimeout × MissedProbes</c> plus a table refresh, about 6-8 s. The probe timeout is not set lower because a
/// loaded machine (a silo busy on every core) must still answer probes in time; too short a timeout evicts live silos.
/// Clients refresh their gateway list every <see cref="GatewayRefresh"/>; a gateway whose connection drops is dropped at once.
/// </remarks>
public static class MembershipTimings
{
    /// <summary>Probe period and timeout (Orleans' default 5 s).</summary>
    public static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(2);

    /// <summary>Missed probes before a vote (Orleans' default 3).</summary>
    public const int MissedProbes = 3;

    /// <summary>How often silos re-read the membership table (Orleans' default 60 s).</summary>
    public static readonly TimeSpan TableRefresh = TimeSpan.FromSeconds(2);

    /// <summary>How often a silo writes its "I am alive" row (Orleans' default 5 minutes).</summary>
    public static readonly TimeSpan IAmAlivePublish = TimeSpan.FromSeconds(10);

    /// <summary>How often clients refresh their gateway list (Orleans' default 1 minute).</summary>
    public static readonly TimeSpan GatewayRefresh = TimeSpan.FromSeconds(2);

    internal static void Apply(ClusterMembershipOptions membership)
    {
        membership.ProbeTimeout = ProbeTimeout;
        membership.NumMissedProbesLimit = MissedProbes;
        membership.TableRefreshTimeout = TableRefresh;
        membership.IAmAliveTablePublishTimeout = IAmAlivePublish;
        membership.DeathVoteExpirationTimeout = TimeSpan.FromSeconds(30);
    }

    internal static void Apply(GatewayOptions gateway) => gateway.GatewayListRefreshPeriod = GatewayRefresh;
}
