using System.CommandLine;
using Spectre.Console;
using Vigil.Cli.Rendering;
using Vigil.Experiments.Tracking;
using Vigil.Experiments.Tracking.Mlflow;
using Vigil.Storage.Sqlite.Tracking;

namespace Vigil.Cli.Commands;

/// <summary><c>vigil runs list | show | compare | delete | push</c>: the runs in the embedded tracking store.</summary>
public static class RunsCommand
{
    /// <summary>Builds the command group.</summary>
    public static Command Create(CliContext context)
    {
        var command = new Command("runs", "List, show, compare, delete and push tracked runs (the embedded store, runs/tracking.db).");
        command.Subcommands.Add(List(context));
        command.Subcommands.Add(Show(context));
        command.Subcommands.Add(Compare(context));
        command.Subcommands.Add(Delete(context));
        command.Subcommands.Add(Push(context));
        return command;
    }

    private static Option<string?> RunsDir() => new("--runs-dir") { Description = "The embedded store's folder (default: $VIGIL_RUNS_DIR or 'runs').", HelpName = "DIR" };

    private static Option<bool> Json() => new("--json") { Description = "Write JSON instead of tables." };

    private static Command List(CliContext context)
    {
        var runsDir = RunsDir();
        var json = Json();
        var experiment = new Option<string?>("--experiment") { Description = "Only runs of this experiment.", HelpName = "NAME" };
        var command = new Command("list", "List tracked runs, newest first.") { runsDir, experiment, json };
        command.SetAction(parse =>
        {
            string root = TrackingSettings.LocalRoot(parse.GetValue(runsDir), context.Environment);
            if (!File.Exists(Path.Combine(root, SqliteTracker.DatabaseFileName)) && parse.GetValue(experiment) is null)
            {
                // Nothing tracked yet is an empty list, not an error.
                RunsRenderer.List(context.Out, [], parse.GetValue(json));
                return CliExitCode.Ok;
            }

            var store = Open(root, context, readOnly: true);
            RunsRenderer.List(context.Out, store.ListRuns(parse.GetValue(experiment)), parse.GetValue(json));
            return CliExitCode.Ok;
        });
        return command;
    }

    private static Command Show(CliContext context)
    {
        var runsDir = RunsDir();
        var json = Json();
        var id = new Argument<string>("ID") { Description = "Run id (or a unique prefix of at least 6 characters)." };
        var command = new Command("show", "Show one run: tags, parameters, metrics (every step with --json), artifacts.") { id, runsDir, json };
        command.SetAction(parse =>
        {
            var store = Open(TrackingSettings.LocalRoot(parse.GetValue(runsDir), context.Environment), context, readOnly: true);
            RunsRenderer.Show(context.Out, Find(store, parse.GetValue(id)!), parse.GetValue(json));
            return CliExitCode.Ok;
        });
        return command;
    }

    private static Command Compare(CliContext context)
    {
        var runsDir = RunsDir();
        var json = Json();
        var ids = new Argument<string[]>("ID") { Description = "Two or more run ids (or unique prefixes).", Arity = new ArgumentArity(2, 64) };
        var command = new Command("compare", "Runs side by side: parameters (differing ones marked) and each metric's last value.") { ids, runsDir, json };
        command.SetAction(parse =>
        {
            var store = Open(TrackingSettings.LocalRoot(parse.GetValue(runsDir), context.Environment), context, readOnly: true);
            var runs = parse.GetValue(ids)!.Select(i => Find(store, i)).ToArray();
            RunsRenderer.Compare(context.Out, RunComparison.Of(runs), parse.GetValue(json));
            return CliExitCode.Ok;
        });
        return command;
    }

    private static Command Delete(CliContext context)
    {
        var runsDir = RunsDir();
        var id = new Argument<string>("ID") { Description = "Run id (or a unique prefix)." };
        var command = new Command("delete", "Delete a run with its parameters, metrics, tags and artifacts.") { id, runsDir };
        command.SetAction(parse =>
        {
            var store = Open(TrackingSettings.LocalRoot(parse.GetValue(runsDir), context.Environment), context, readOnly: false);
            var run = Find(store, parse.GetValue(id)!);
            store.DeleteRun(run.Id);
            context.Error.MarkupLine($"[green]deleted[/] run {run.Id} ({Markup.Escape(run.Experiment)})");
            return CliExitCode.Ok;
        });
        return command;
    }

    private static Command Push(CliContext context)
    {
        var runsDir = RunsDir();
        var ids = new Argument<string[]>("ID") { Description = "Runs to upload (default: every ended run marked unsynced or pending).", Arity = ArgumentArity.ZeroOrMore };
        var to = new Option<string>("--to") { Description = "The MLflow server (http[s]://HOST:PORT); credentials come from MLFLOW_TRACKING_TOKEN or MLFLOW_TRACKING_USERNAME/PASSWORD.", Required = true, HelpName = "URI" };
        var command = new Command("push", "Upload runs kept locally (e.g. while the MLflow server was unreachable) to an MLflow server.") { ids, to, runsDir };
        command.SetAction(parse =>
        {
            string uri = parse.GetValue(to)!;
            if (!MlflowUri.IsServer(uri))
            {
                throw new CliUsageException($"--to '{uri}': expected an MLflow server URI (http:// or https://).");
            }

            var store = Open(TrackingSettings.LocalRoot(parse.GetValue(runsDir), context.Environment), context, readOnly: false);
            var given = parse.GetValue(ids) ?? [];
            var runs = given.Length > 0 ? given.Select(i => Find(store, i)).ToArray() : RunPusher.Pending(store);
            if (runs.Count == 0)
            {
                context.Error.MarkupLine("nothing to push: every run is synced or local-only.");
                return CliExitCode.Ok;
            }

            using var connection = MlflowConnection.Open(uri, context.Environment, RetryPolicy.Default(context.Time));
            var pusher = new RunPusher(store, new MlflowRunUploader(connection.Client), connection.Label);
            try
            {
                foreach (var (localId, remoteId) in pusher.PushAsync(runs).GetAwaiter().GetResult())
                {
                    context.Error.MarkupLine($"[green]pushed[/] {localId} → {Markup.Escape(connection.Label)} run {remoteId}");
                }
            }
            catch (Exception e) when (e is RetriesExhaustedException or MlflowException)
            {
                context.Error.MarkupLine($"[red]push failed:[/] {Markup.Escape(connection.Label)}: {Markup.Escape(TrackingErrors.Describe(e))}; the runs not pushed stay unsynced.");
                return CliExitCode.RunFailed;
            }

            return CliExitCode.Ok;
        });
        return command;
    }

    private static SqliteTracker Open(string root, CliContext context, bool readOnly)
    {
        try
        {
            return new SqliteTracker(root, context.Time, readOnly);
        }
        catch (TrackingStoreException e)
        {
            throw new CliUsageException(e.Message);
        }
    }

    private static TrackedRun Find(SqliteTracker store, string text)
    {
        if (store.FindRun(text) is { } exact)
        {
            return exact;
        }

        var matches = text.Length >= 6 ? store.ListRuns().Where(r => r.Id.StartsWith(text, StringComparison.Ordinal)).ToArray() : [];
        return matches.Length switch
        {
            1 => matches[0],
            0 => throw new CliUsageException($"Unknown run id '{text}' in {store.DatabasePath}; 'vigil runs list' shows the runs."),
            _ => throw new CliUsageException($"Run id prefix '{text}' matches {matches.Length} runs; give more characters."),
        };
    }
}
