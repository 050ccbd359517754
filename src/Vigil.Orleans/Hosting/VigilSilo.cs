using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Runtime;
using Vigil.Detection;
using Vigil.Orleans.Cluster;
using Vigil.Orleans.Jobs;

namespace Vigil.Orleans.Hosting;

/// <summary>Builds a Vigil silo: Redis membership, the tuned failure detection, optional TLS and Vigil's grains.</summary>
public static class VigilSilo
{
    /// <summary>Builds (does not start) a silo host.</summary>
    /// <param name="connection">The cluster to join.</param>
    /// <param name="silo">Where this silo listens.</param>
    /// <param name="registry">The detectors its job workers can build.</param>
    /// <param name="configure">Further silo configuration (e.g. more grains' services).</param>
    /// <exception cref="ClusterConnectionException">The TLS certificate cannot be loaded.</exception>
    public static IHost Build(ClusterConnectionOptions connection, SiloOptions silo, DetectorRegistry registry, Action<ISiloBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(registry);
        var certificate = ClusterConfiguration.Certificate(connection);
        connection = silo.Kubernetes?.Apply(connection) ?? connection;
        return new HostBuilder()
            .UseOrleans(builder =>
            {
                builder.UseRedisClustering(redis => redis.ConfigurationOptions = ClusterConfiguration.Redis(connection));
                // Study grains keep their studies in the same Redis, so a study outlives the silo that hosts it; keyed by
                // cluster id, so that two clusters sharing a Redis never share a study of the same name.
                builder.AddRedisGrainStorage(Tuning.StudyGrain.StorageName, redis =>
                {
                    redis.ConfigurationOptions = ClusterConfiguration.Redis(connection);
                    redis.GetStorageKey = (_, grain) => $"{ClusterConfiguration.ServiceId}/{connection.ClusterId}/state/{grain}";
                });
                builder.Configure<ClusterOptions>(cluster => ClusterConfiguration.Cluster(cluster, connection));
                if (silo.Kubernetes is { } pod)
                {
                    UseKubernetes(builder, silo, pod, connection);
                }
                else
                {
                    builder.ConfigureEndpoints(silo.Address, silo.SiloPort, silo.GatewayPort, listenOnAnyHostAddress: false);
                }

                builder.Configure<ClusterMembershipOptions>(MembershipTimings.Apply);
                if (certificate is not null)
                {
                    builder.UseTls(certificate, tls => ClusterConfiguration.Tls(tls, certificate));
                }

                // One clear message instead of Orleans' immediate process abort when the cluster declares this silo dead.
                builder.Services.AddSingleton<SiloFailure>();
                builder.Services.Replace(ServiceDescriptor.Singleton<IFatalErrorHandler>(services => services.GetRequiredService<SiloFailure>()));
                AddVigil(builder, registry);
                configure?.Invoke(builder);
            })
            .ConfigureLogging(logging => QuietLogging(logging, connection.Log, LogLevel.Warning))
            .Build();
    }

    // Orleans' Kubernetes hosting (membership stays in Redis). It reads the pod's name, namespace and address from the
    // process environment itself (its options have no public setters); the pod given here was read from the same
    // variables and validated, and is applied after the hosting's own configuration so that the silo's name, address
    // and cluster id are exactly the pod's. Hosting listens on any address of the pod and advertises the pod's own.
    private static void UseKubernetes(ISiloBuilder builder, SiloOptions silo, KubernetesPod pod, ClusterConnectionOptions connection)
    {
        builder.UseKubernetesHosting();
        builder.Configure<EndpointOptions>(endpoints =>
        {
            endpoints.SiloPort = silo.SiloPort;
            endpoints.GatewayPort = silo.GatewayPort;
            endpoints.AdvertisedIPAddress = pod.Address;
        });
        builder.Configure<global::Orleans.Configuration.SiloOptions>(options => options.SiloName = pod.Name);
        builder.Configure<ClusterOptions>(cluster => ClusterConfiguration.Cluster(cluster, connection));
    }

    /// <summary>Checks Redis, starts a silo, reports its address and runs it until <paramref name="ct"/> is signalled, then leaves the cluster politely.</summary>
    /// <param name="connection">The cluster to join.</param>
    /// <param name="silo">Where this silo listens.</param>
    /// <param name="registry">The detectors its job workers can build.</param>
    /// <param name="started">Receives the silo's address once it joined the cluster.</param>
    /// <param name="ct">Stops the silo.</param>
    /// <param name="configure">Further silo configuration.</param>
    /// <exception cref="ClusterConnectionException">Redis is unreachable or refuses the password, the certificate cannot be
    /// loaded, or the silo cannot start (a port is taken).</exception>
    public static async Task RunAsync(ClusterConnectionOptions connection, SiloOptions silo, DetectorRegistry registry, Action<string> started, CancellationToken ct, Action<ISiloBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(started);
        await ClusterConfiguration.CheckRedisAsync(connection).ConfigureAwait(false);
        using var host = Build(connection, silo, registry, configure);
        var failure = host.Services.GetRequiredService<SiloFailure>();
        try
        {
            var start = host.StartAsync(ct);
            if (await Task.WhenAny(start, failure.Failed).ConfigureAwait(false) != start)
            {
                throw Left(silo, failure.Failed.Result);
            }

            await start.ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException and not ClusterConnectionException)
        {
            throw new ClusterConnectionException(
                $"The silo could not start on {Advertised(silo)}:{silo.SiloPort} (gateway port {silo.GatewayPort}): {e.Message.ReplaceLineEndings(" ")} Is a port taken, e.g. by another silo on this machine (--port, --gateway-port)?", e);
        }

        started(host.Services.GetRequiredService<global::Orleans.Runtime.ILocalSiloDetails>().SiloAddress.ToParsableString());
        var stopped = Task.Delay(Timeout.Infinite, ct);
        await Task.WhenAny(stopped, failure.Failed).ConfigureAwait(false);
        // Asked to stop (or thrown out): leave the cluster politely so that the others need not detect a death.
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(failure.Failed.IsCompleted ? 5 : 15));
        try
        {
            await host.StopAsync(stop.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Took too long to leave; the others will declare it dead.
        }

        if (failure.Failed.IsCompleted && !ct.IsCancellationRequested)
        {
            throw Left(silo, failure.Failed.Result);
        }
    }

    private static System.Net.IPAddress Advertised(SiloOptions silo) => silo.Kubernetes?.Address ?? silo.Address;

    private static ClusterConnectionException Left(SiloOptions silo, string reason)
    {
        // Orleans appends the whole membership table to the reason; the first part says what happened.
        int table = reason.IndexOf(" Membership: [", StringComparison.Ordinal);
        string what = table < 0 ? reason : reason[..table];
        return new ClusterConnectionException(
            $"The silo on {Advertised(silo)}:{silo.SiloPort} had to leave the cluster: {what} If the other silos refused it, check that every silo uses the same TLS certificate (--tls-cert) and that they can reach this address and port.");
    }

    /// <summary>Adds what Vigil's grains need to a silo (also used by in-process test clusters).</summary>
    /// <param name="builder">The silo.</param>
    /// <param name="registry">The detectors its job workers can build.</param>
    public static void AddVigil(ISiloBuilder builder, DetectorRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(registry);
        builder.Services.AddSingleton(registry);
        builder.Services.AddSingleton<SiloJobCounters>();
        builder.Services.AddHostedService<SiloStatusReporter>();
    }

    /// <summary>Only <paramref name="minimum"/> and above, as single lines to <paramref name="sink"/> (nothing when null).</summary>
    internal static void QuietLogging(ILoggingBuilder logging, Action<string>? sink, LogLevel minimum)
    {
        logging.ClearProviders();
        logging.SetMinimumLevel(minimum);
        if (sink is not null)
        {
            logging.AddProvider(new LineLoggerProvider(sink, minimum));
        }
    }
}
