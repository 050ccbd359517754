using System.CommandLine;
using System.Net;
using System.Runtime.InteropServices;
using Spectre.Console;
using Vigil.Detectors.Torch;
using Vigil.Orleans.Hosting;
using Vigil.Orleans.Training;

namespace Vigil.Cli.Commands;

/// <summary><c>vigil cluster silo</c>: run one silo until Ctrl+C or SIGTERM.</summary>
public static class ClusterSiloCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var clustering = new Option<string>("--clustering") { Description = "Membership provider; redis is the one supported.", DefaultValueFactory = _ => "redis", HelpName = "redis" };
        clustering.AcceptOnlyFromAmong("redis");
        var redis = new Option<string?>("--redis") { Description = "Redis endpoint of the membership table, HOST:PORT (default: the host and port of VIGIL_CLUSTER).", HelpName = "HOST:PORT" };
        var redisTls = new Option<bool>("--redis-tls") { Description = "Connect to Redis over TLS." };
        var port = new Option<int>("--port") { Description = "Silo-to-silo port.", DefaultValueFactory = _ => 11111, HelpName = "P" };
        var gatewayPort = new Option<int>("--gateway-port") { Description = "Client gateway port.", DefaultValueFactory = _ => 30000, HelpName = "G" };
        var address = new Option<string?>("--address") { Description = "Address to bind and advertise (default: loopback, reachable from this machine only).", HelpName = "A" };
        var kubernetes = new Option<bool>("--kubernetes") { Description = "Use Orleans' Kubernetes hosting: the pod's name, namespace and address from POD_NAME, POD_NAMESPACE, POD_IP (and ORLEANS_CLUSTER_ID); membership stays in Redis. On automatically when those three are set." };
        var secrets = new ClusterSecretOptions();
        var command = new Command("silo", "Run one silo of a Vigil cluster until Ctrl+C or SIGTERM; it runs the jobs of 'nab run --executor orleans' and the like.")
        {
            clustering, redis, redisTls, port, gatewayPort, address, kubernetes,
        };
        secrets.AddTo(command);
        command.SetAction(parse =>
        {
            var connection = Connection(parse.GetValue(redis), parse.GetValue(redisTls), context);
            connection = secrets.Apply(connection, parse, context);
            var pod = Pod(parse.GetValue(kubernetes), parse.GetValue(address), context);
            connection = pod?.Apply(connection) ?? connection;
            var silo = new SiloOptions
            {
                SiloPort = Port(parse.GetValue(port), "--port"),
                GatewayPort = Port(parse.GetValue(gatewayPort), "--gateway-port"),
                Address = pod?.Address ?? Address(parse.GetValue(address)),
                Kubernetes = pod,
            };
            if (silo.SiloPort == silo.GatewayPort)
            {
                throw new CliUsageException($"--port and --gateway-port must differ (both {silo.SiloPort}).");
            }

            using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.Cancellation);
            using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, signal =>
            {
                signal.Cancel = true;
                stop.Cancel();
            });
            try
            {
                VigilSilo.RunAsync(connection, silo, context.Registry, started =>
                {
                    context.Out.WriteLine($"silo ready: {started}");
                    context.Error.MarkupLine($"[green]silo[/] {Markup.Escape(started)} joined cluster '{Markup.Escape(connection.ClusterId)}' (Redis {Markup.Escape(connection.Redis)}, gateway port {silo.GatewayPort}{(connection.TlsCertificatePath is null ? "" : ", TLS")}{(pod is null ? "" : $", Kubernetes pod {Markup.Escape(pod.Namespace)}/{Markup.Escape(pod.Name)}")}); Ctrl+C stops it.");
                }, stop.Token, builder => builder.AddVigilTraining(new TorchDataParallelTrainers())).GetAwaiter().GetResult();
            }
            catch (ClusterConnectionException e)
            {
                throw new CliUsageException(e.Message);
            }

            return CliExitCode.Ok;
        });
        return command;
    }

    private static ClusterConnectionOptions Connection(string? redis, bool tls, CliContext context)
    {
        if (redis is not null)
        {
            var parts = redis.Split(':');
            if (parts.Length != 2 || parts[0].Length == 0 || !int.TryParse(parts[1], out int p) || p is < 1 or > 65535)
            {
                throw new CliUsageException($"--redis '{redis}' is not HOST:PORT.");
            }

            return new ClusterConnectionOptions { Redis = redis, RedisTls = tls };
        }

        string? url = context.Environment("VIGIL_CLUSTER");
        if (string.IsNullOrWhiteSpace(url))
        {
            throw new CliUsageException("cluster silo needs the Redis membership table: --redis HOST:PORT or the VIGIL_CLUSTER environment variable (redis://HOST:PORT).");
        }

        var parsed = ExecutorOptions.ParseUrl(url);
        return tls ? parsed with { RedisTls = true } : parsed;
    }

    // Kubernetes hosting when asked for, or when the pod variables its Deployment sets are all there.
    private static KubernetesPod? Pod(bool asked, string? address, CliContext context)
    {
        if (!asked && !KubernetesPod.IsPresent(context.Environment))
        {
            return null;
        }

        if (address is not null)
        {
            throw new CliUsageException($"--address '{address}' and Kubernetes hosting: on Kubernetes the silo advertises its pod's address (POD_IP); drop --address{(asked ? "" : ", or unset POD_IP to run outside Kubernetes hosting")}.");
        }

        try
        {
            return KubernetesPod.FromEnvironment(context.Environment);
        }
        catch (ClusterConnectionException e)
        {
            throw new CliUsageException(e.Message);
        }
    }

    private static int Port(int port, string option) =>
        port is >= 1 and <= 65535 ? port : throw new CliUsageException($"{option} must be 1..65535, got {port}.");

    private static IPAddress Address(string? address)
    {
        if (address is null)
        {
            return IPAddress.Loopback;
        }

        return IPAddress.TryParse(address, out var parsed) && !parsed.Equals(IPAddress.Any) && !parsed.Equals(IPAddress.IPv6Any)
            ? parsed
            : throw new CliUsageException($"--address '{address}' is not an IP address of this machine (0.0.0.0 cannot be advertised to other silos; give the machine's address).");
    }
}
