using System.CommandLine;
using Vigil.Orleans.Hosting;

namespace Vigil.Cli.Commands;

/// <summary><c>--executor local|orleans</c> with <c>--cluster</c> and the cluster's secrets, for every command that runs many jobs.</summary>
public sealed class ExecutorOptions
{
    private readonly Option<string> _executor = new("--executor")
    {
        Description = "Where jobs run: local (this machine's cores, the default; needs nothing installed) or orleans (a Vigil cluster, see --cluster).",
        DefaultValueFactory = _ => "local",
        HelpName = "local|orleans",
    };

    private readonly Option<string?> _cluster = new("--cluster") { Description = "The cluster for --executor orleans: redis://HOST:PORT, rediss:// for TLS to Redis (default: VIGIL_CLUSTER).", HelpName = "URL" };
    private readonly ClusterSecretOptions _secrets = new();

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        _executor.AcceptOnlyFromAmong("local", "orleans");
        command.Options.Add(_executor);
        command.Options.Add(_cluster);
        _secrets.AddTo(command);
    }

    /// <summary>The cluster to run on, or null for the local executor.</summary>
    /// <exception cref="CliUsageException">Orleans without a cluster URL, or a malformed URL.</exception>
    public ClusterConnectionOptions? Read(ParseResult parse, CliContext context)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(context);
        string? url = parse.GetValue(_cluster);
        if (parse.GetValue(_executor) != "orleans")
        {
            return url is null ? null : throw new CliUsageException("--cluster needs --executor orleans.");
        }

        url ??= context.Environment("VIGIL_CLUSTER");
        if (string.IsNullOrWhiteSpace(url))
        {
            throw new CliUsageException("--executor orleans needs the cluster: --cluster redis://HOST:PORT or the VIGIL_CLUSTER environment variable.");
        }

        return _secrets.Apply(ParseUrl(url), parse, context);
    }

    /// <summary>Parses a cluster URL, as a usage error when malformed.</summary>
    internal static ClusterConnectionOptions ParseUrl(string url)
    {
        try
        {
            return ClusterConnectionOptions.FromUrl(url);
        }
        catch (FormatException e)
        {
            throw new CliUsageException(e.Message);
        }
    }
}
