using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Configuration;
using Orleans.Hosting;

namespace Vigil.Orleans.Hosting;

/// <summary>A started Orleans client connected to a Vigil cluster; dispose it to disconnect.</summary>
public sealed class ClusterConnection : IAsyncDisposable
{
    private readonly IHost _host;

    private ClusterConnection(IHost host, ClusterConnectionOptions options)
    {
        _host = host;
        Options = options;
        Client = host.Services.GetRequiredService<IClusterClient>();
    }

    /// <summary>The client: grain factory of the cluster.</summary>
    public IClusterClient Client { get; }

    /// <summary>What it connected with.</summary>
    public ClusterConnectionOptions Options { get; }

    /// <summary>How long joining may take before it fails with "no silo accepted the connection" (a live silo answers within a second).</summary>
    public static TimeSpan ConnectTimeout { get; } = TimeSpan.FromSeconds(20);

    /// <summary>How long joining may take before the gateways are asked whether TLS is what stops it (a TLS refusal
    /// then fails in seconds instead of after <see cref="ConnectTimeout"/>).</summary>
    public static TimeSpan SlowJoin { get; } = TimeSpan.FromSeconds(2);

    /// <summary>Connects to the cluster: checks Redis first, then joins through any live gateway.</summary>
    /// <param name="options">The cluster.</param>
    /// <param name="responseTimeout">Longest a grain call may take before it fails (the longest job, with margin).</param>
    /// <param name="ct">Stops connecting.</param>
    /// <exception cref="ClusterConnectionException">Redis is unreachable or refuses the password, no silo is up, or TLS was refused.</exception>
    public static async Task<ClusterConnection> ConnectAsync(ClusterConnectionOptions options, TimeSpan responseTimeout, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        await ClusterConfiguration.CheckRedisAsync(options).ConfigureAwait(false);
        var certificate = ClusterConfiguration.Certificate(options);
        var host = new HostBuilder()
            .UseOrleansClient(client =>
            {
                client.UseRedisClustering(redis => redis.ConfigurationOptions = ClusterConfiguration.Redis(options));
                client.Configure<ClusterOptions>(cluster => ClusterConfiguration.Cluster(cluster, options));
                client.Configure<GatewayOptions>(MembershipTimings.Apply);
                client.Configure<ClientMessagingOptions>(messaging => messaging.ResponseTimeout = responseTimeout);
                if (certificate is not null)
                {
                    client.UseTls(certificate, tls => ClusterConfiguration.Tls(tls, certificate));
                }
            })
            .ConfigureLogging(logging => VigilSilo.QuietLogging(logging, options.Log, LogLevel.Error))
            .Build();
        // Orleans' client otherwise keeps waiting minutes for a gateway when no silo is up; a running silo answers in
        // well under a second, so a bounded wait turns "no silo" into a prompt, clear error.
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(ct);
        wait.CancelAfter(ConnectTimeout);
        try
        {
            var start = host.StartAsync(wait.Token);
            if (await Task.WhenAny(start, Task.Delay(SlowJoin, ct)).ConfigureAwait(false) != start
                && await GatewayTlsProbe.DiagnoseAsync(host.Services, certificate, wait.Token).ConfigureAwait(false) is { } refusal)
            {
                await wait.CancelAsync().ConfigureAwait(false);
                await start.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default).ConfigureAwait(false);
                host.Dispose();
                throw new ClusterConnectionException($"Cannot join cluster '{options.ClusterId}': {refusal}");
            }

            await start.ConfigureAwait(false);
            return new ClusterConnection(host, options);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            host.Dispose();
            throw new ClusterConnectionException(
                $"Cannot join cluster '{options.ClusterId}' through Redis at {options.Redis}: no silo accepted the connection within {ConnectTimeout.TotalSeconds:0} s. "
                + "Start silos with 'vigil cluster silo', and use the same TLS certificate as they do.");
        }
        catch (Exception e) when (e is not OperationCanceledException and not ClusterConnectionException)
        {
            host.Dispose();
            throw new ClusterConnectionException(
                $"Cannot join cluster '{options.ClusterId}' through Redis at {options.Redis}: no silo accepted the connection ({e.Message.ReplaceLineEndings(" ")}). "
                + "Start silos with 'vigil cluster silo', and use the same TLS certificate as they do.", e);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        try
        {
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await _host.StopAsync(stop.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or global::Orleans.Runtime.OrleansException)
        {
            // A cluster that went away while we were connected: nothing left to close politely.
        }
        finally
        {
            _host.Dispose();
        }
    }
}
