using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Hosting;
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
        return new HostBuilder()
            .UseOrleans(builder =>
            {
                builder.UseRedisClustering(redis => redis.ConfigurationOptions = ClusterConfiguration.Redis(connection));
                builder.Configure<ClusterOptions>(cluster => ClusterConfiguration.Cluster(cluster, connection));
                builder.ConfigureEndpoints(silo.Address, silo.SiloPort, silo.GatewayPort, listenOnAnyHostAddress: false);
                builder.Configure<ClusterMembershipOptions>(MembershipTimings.Apply);
                if (certificate is not null)
                {
                    builder.UseTls(certificate, tls => ClusterConfiguration.Tls(tls, certificate));
                }

                AddVigil(builder, registry);
                configure?.Invoke(builder);
            })
            .ConfigureLogging(logging => QuietLogging(logging, connection.Log, LogLevel.Warning))
            .Build();
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
