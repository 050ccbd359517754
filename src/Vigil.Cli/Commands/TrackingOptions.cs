using System.CommandLine;
using Vigil.Experiments.Tracking;
using Vigil.Storage.Sqlite.Tracking;

namespace Vigil.Cli.Commands;

/// <summary>
/// <c>--experiment</c>, <c>--tag</c>, <c>--no-track</c> and <c>--tracking-uri</c>, shared by the commands that log runs.
/// Tracking is on by default (the embedded store under <c>runs/</c>) and never fails the command.
/// </summary>
/// <param name="defaultExperiment">The experiment runs go to without <c>--experiment</c>.</param>
public sealed class TrackingOptions(string defaultExperiment)
{
    private readonly Option<string> _experiment = new("--experiment") { Description = $"Experiment the run is tracked under (default: {defaultExperiment}).", DefaultValueFactory = _ => defaultExperiment, HelpName = "NAME" };
    private readonly Option<string[]> _tags = new("--tag") { Description = "Tag the tracked run, e.g. --tag dataset=nab (repeatable).", HelpName = "KEY=VALUE", AllowMultipleArgumentsPerToken = false };
    private readonly Option<bool> _noTrack = new("--no-track") { Description = "Do not track this run." };
    private readonly Option<string?> _uri = new("--tracking-uri")
    {
        Description = "Where runs are tracked: an MLflow server (http[s]://HOST:PORT; runs are also kept in the embedded store) or the embedded store's folder "
            + "(default: $MLFLOW_TRACKING_URI if it names a server, else $VIGIL_RUNS_DIR or 'runs').",
        HelpName = "URI|DIR",
    };

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Options.Add(_experiment);
        command.Options.Add(_tags);
        command.Options.Add(_noTrack);
        command.Options.Add(_uri);
    }

    /// <summary>Checks the options before the job runs (a malformed --tag is a usage error, like any other).</summary>
    /// <exception cref="CliUsageException">A tag is not KEY=VALUE, or the experiment name is empty.</exception>
    public IReadOnlyDictionary<string, string> Tags(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        if (string.IsNullOrWhiteSpace(parse.GetValue(_experiment)))
        {
            throw new CliUsageException("--experiment needs a name.");
        }

        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string text in parse.GetValue(_tags) ?? [])
        {
            int eq = text.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw new CliUsageException($"--tag '{text}': expected KEY=VALUE, e.g. --tag dataset=nab.");
            }

            tags[text[..eq].Trim()] = text[(eq + 1)..];
        }

        return tags;
    }

    /// <summary>Starts the tracked run of a command (a no-op run with <c>--no-track</c> or when the store fails).</summary>
    /// <param name="parse">The parsed command line.</param>
    /// <param name="context">Console, environment, clock.</param>
    /// <param name="command">The command's name, e.g. <c>nab benchmark</c>, stored as a tag.</param>
    public CommandRun Start(ParseResult parse, CliContext context, string command)
    {
        ArgumentNullException.ThrowIfNull(context);
        var tags = new Dictionary<string, string>(Tags(parse), StringComparer.Ordinal)
        {
            [RunTags.Command] = command,
            [RunTags.VigilVersion] = typeof(TrackingOptions).Assembly.GetName().Version?.ToString(3) ?? "0",
        };
        var settings = new TrackingSettings(!parse.GetValue(_noTrack), parse.GetValue(_uri));
        return CommandRun.Start(context, settings, parse.GetValue(_experiment)!, tags);
    }
}
