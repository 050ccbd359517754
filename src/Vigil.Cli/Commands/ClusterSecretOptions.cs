using System.CommandLine;
using Spectre.Console;
using Vigil.Orleans.Hosting;

namespace Vigil.Cli.Commands;

/// <summary>The cluster's secrets: the Redis password, the authority trusted for Redis' TLS certificate and the TLS
/// certificate every silo and client presents.</summary>
public sealed class ClusterSecretOptions
{
    private readonly Option<string?> _redisPassword = new("--redis-password") { Description = "Redis password (default: VIGIL_REDIS_PASSWORD, or the one in the URL).", HelpName = "PASSWORD" };
    private readonly Option<string?> _redisCa = new("--redis-ca") { Description = "PEM or DER certificate of the authority that signed Redis' TLS certificate (or that self-signed certificate), trusted besides the system's (default: VIGIL_REDIS_CA).", HelpName = "FILE" };
    private readonly Option<string?> _clusterId = new("--cluster-id") { Description = "Orleans cluster id: silos and clients with the same id and Redis form one cluster (default: vigil).", HelpName = "ID" };
    private readonly Option<string?> _tlsCert = new("--tls-cert") { Description = "PKCS#12 (.pfx) certificate: silo and client traffic uses TLS and accepts only peers presenting the same certificate.", HelpName = "FILE" };
    private readonly Option<string?> _tlsPassword = new("--tls-password") { Description = "Password of --tls-cert (default: VIGIL_TLS_PASSWORD).", HelpName = "PASSWORD" };

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Options.Add(_redisPassword);
        command.Options.Add(_redisCa);
        command.Options.Add(_clusterId);
        command.Options.Add(_tlsCert);
        command.Options.Add(_tlsPassword);
    }

    /// <summary><paramref name="options"/> with the parsed secrets (options win over the environment, which wins over the URL).</summary>
    public ClusterConnectionOptions Apply(ClusterConnectionOptions options, ParseResult parse, CliContext context)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(context);
        string? certificate = parse.GetValue(_tlsCert);
        if (certificate is not null && !File.Exists(certificate))
        {
            throw new CliUsageException($"--tls-cert: file '{certificate}' does not exist.");
        }

        string? redisCa = parse.GetValue(_redisCa) ?? context.Environment("VIGIL_REDIS_CA");
        if (redisCa is not null && !File.Exists(redisCa))
        {
            throw new CliUsageException($"--redis-ca: file '{redisCa}' does not exist.");
        }

        if (redisCa is not null && !options.RedisTls)
        {
            throw new CliUsageException("--redis-ca trusts Redis' TLS certificate, but the Redis connection is not TLS: use rediss://HOST:PORT (or --redis-tls on cluster silo).");
        }

        return options with
        {
            RedisCaCertificatePath = redisCa,
            RedisPassword = parse.GetValue(_redisPassword) ?? context.Environment("VIGIL_REDIS_PASSWORD") ?? options.RedisPassword,
            ClusterId = parse.GetValue(_clusterId) ?? options.ClusterId,
            TlsCertificatePath = certificate,
            TlsCertificatePassword = parse.GetValue(_tlsPassword) ?? context.Environment("VIGIL_TLS_PASSWORD"),
            Log = line => context.Error.Profile.Out.Writer.WriteLine(line),   // plain lines: no markup, no wrapping
        };
    }
}
