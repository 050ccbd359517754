using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Spectre.Console;
using Vigil.IO;
using Vigil.Storage.Sqlite.Studies;
using Vigil.Tuning;

namespace Vigil.Cli.Commands;

/// <summary><c>vigil study list | show NAME | best NAME | export NAME</c>: read the study database (never writes it).</summary>
public static class StudyCommand
{
    /// <summary>Builds the command group.</summary>
    public static Command Create(CliContext context)
    {
        var command = new Command("study", "Inspect tuning studies: list, show, best, export.");
        command.Subcommands.Add(List(context));
        command.Subcommands.Add(Show(context));
        command.Subcommands.Add(Best(context));
        command.Subcommands.Add(Export(context));
        return command;
    }

    private static Option<string> Storage() => new("--storage") { Description = "Study database.", DefaultValueFactory = _ => TuneCommand.DefaultStorage, HelpName = "PATH" };

    private static Argument<string> Name() => new("name") { Description = "Study name (see 'vigil study list')." };

    private static Command List(CliContext context)
    {
        var storage = Storage();
        var command = new Command("list", "List the studies with their trial counts and best values.") { storage };
        command.SetAction(parse =>
        {
            var store = new SqliteTrialStore(parse.GetValue(storage)!, readOnly: true);
            var table = new Table().Border(TableBorder.Simple).AddColumns("study", "detector", "metric", "sampler", "complete", "pruned", "failed", "running", "best");
            foreach (var s in store.ListStudies())
            {
                var trials = store.List(s.Name);
                var best = Study.BestOf(trials, s.Direction);
                table.AddRow(Markup.Escape(s.Name), s.Detector, s.Metric, s.Sampler, Count(trials, TrialState.Complete), Count(trials, TrialState.Pruned),
                    Count(trials, TrialState.Failed), Count(trials, TrialState.Running), best?.Value?.ToString("F4", CultureInfo.InvariantCulture) ?? "-");
            }

            context.Out.Write(table);
            return CliExitCode.Ok;
        });
        return command;
    }

    private static Command Show(CliContext context)
    {
        var storage = Storage();
        var name = Name();
        var command = new Command("show", "Show a study's settings and every trial.") { name, storage };
        command.SetAction(parse =>
        {
            var (study, trials) = Load(parse.GetValue(storage)!, parse.GetValue(name)!);
            context.Out.WriteLine($"study {study.Name}: {study.Detector}, {study.Direction.ToString().ToLowerInvariant()} {study.Metric}, sampler {study.Sampler}, pruner {study.Pruner}, seed {study.Seed}, sync window {study.SyncWindow}");
            context.Out.WriteLine($"data: {study.Data}");
            context.Out.WriteLine($"space: {study.Space}");
            var table = new Table().Border(TableBorder.Simple).AddColumns("trial", "state", "value", "intermediates", "parameters");
            foreach (var t in trials)
            {
                table.AddRow(t.Number.ToString(CultureInfo.InvariantCulture), t.State.ToString().ToLowerInvariant(), t.Value?.ToString("G6", CultureInfo.InvariantCulture) ?? "",
                    string.Join(' ', t.Intermediates.Select(v => v.ToString("G4", CultureInfo.InvariantCulture))),
                    Markup.Escape(string.Join(' ', t.Parameters.Select(p => $"{p.Key}={p.Value.ToString("G6", CultureInfo.InvariantCulture)}"))));
            }

            context.Out.Write(table);
            return CliExitCode.Ok;
        });
        return command;
    }

    private static Command Best(CliContext context)
    {
        var storage = Storage();
        var name = Name();
        var command = new Command("best", "Print the best trial's parameters as a JSON options object.") { name, storage };
        command.SetAction(parse =>
        {
            var (study, trials) = Load(parse.GetValue(storage)!, parse.GetValue(name)!);
            var best = Study.BestOf(trials, study.Direction) ?? throw new CliUsageException($"Study '{study.Name}' has no complete trial yet.");
            var json = new JsonObject { ["trial"] = best.Number, ["value"] = best.Value, ["parameters"] = Parameters(best) };
            context.Out.WriteLine(json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            return CliExitCode.Ok;
        });
        return command;
    }

    private static Command Export(CliContext context)
    {
        var storage = Storage();
        var name = Name();
        var format = new Option<string>("--format") { Description = "csv or json.", DefaultValueFactory = _ => "csv", HelpName = "FORMAT" };
        var output = new Option<string?>("--out", "-o") { Description = "File to write (default: stdout).", HelpName = "FILE" };
        var command = new Command("export", "Export every trial as CSV (one column per parameter) or JSON.") { name, storage, format, output };
        command.SetAction(parse =>
        {
            string kind = parse.GetValue(format)!.ToLowerInvariant();
            if (kind is not ("csv" or "json"))
            {
                throw new CliUsageException($"--format must be csv or json, got '{kind}'.");
            }

            var (study, trials) = Load(parse.GetValue(storage)!, parse.GetValue(name)!);
            string text = kind == "csv" ? Csv(trials) : Json(study, trials);
            if (parse.GetValue(output) is { } path)
            {
                AtomicFile.WriteAllText(path, text);
            }
            else
            {
                context.Out.Profile.Width = int.MaxValue;
                context.Out.Write(new Text(text));
            }

            return CliExitCode.Ok;
        });
        return command;
    }

    /// <summary>Reads study <paramref name="name"/> and its trials from the database at <paramref name="storage"/>; a usage error names the closest study when there is none of that name.</summary>
    internal static (StudyRecord Study, IReadOnlyList<TrialRecord> Trials) Load(string storage, string name)
    {
        var store = new SqliteTrialStore(storage, readOnly: true);
        var study = store.FindStudy(name);
        if (study is null)
        {
            var close = Vigil.Validation.ClosestNames.To(name, store.ListStudies().Select(s => s.Name));
            throw new CliUsageException($"No study named '{name}' in {store.Path}.{(close.Count > 0 ? $" Did you mean '{close[0]}'?" : "")}");
        }

        return (study, store.List(name));
    }

    private static string Count(IReadOnlyList<TrialRecord> trials, TrialState state) => trials.Count(t => t.State == state).ToString(CultureInfo.InvariantCulture);

    private static JsonObject Parameters(TrialRecord t)
    {
        var json = new JsonObject();
        foreach (var (k, v) in t.Parameters.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            json[k] = v;
        }

        return json;
    }

    private static string Csv(IReadOnlyList<TrialRecord> trials)
    {
        var names = trials.SelectMany(t => t.Parameters.Keys).Distinct().Order(StringComparer.Ordinal).ToArray();
        var text = new StringBuilder("number,state,value,started,finished,intermediates");
        foreach (string n in names)
        {
            text.Append(",param_").Append(n);
        }

        text.Append('\n');
        foreach (var t in trials)
        {
            text.Append(CultureInfo.InvariantCulture, $"{t.Number},{t.State.ToString().ToLowerInvariant()},{t.Value?.ToString("R", CultureInfo.InvariantCulture)},{t.Started:O},{t.Finished:O},");
            text.Append(string.Join(';', t.Intermediates.Select(v => v.ToString("R", CultureInfo.InvariantCulture))));
            foreach (string n in names)
            {
                text.Append(',').Append(t.Parameters.TryGetValue(n, out double v) ? v.ToString("R", CultureInfo.InvariantCulture) : "");
            }

            text.Append('\n');
        }

        return text.ToString();
    }

    private static string Json(StudyRecord study, IReadOnlyList<TrialRecord> trials)
    {
        var array = new JsonArray();
        foreach (var t in trials)
        {
            array.Add(new JsonObject
            {
                ["number"] = t.Number,
                ["state"] = t.State.ToString().ToLowerInvariant(),
                ["value"] = t.Value,
                ["parameters"] = Parameters(t),
                ["intermediates"] = new JsonArray(t.Intermediates.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray()),
                ["started"] = t.Started.ToString("O", CultureInfo.InvariantCulture),
                ["finished"] = t.Finished?.ToString("O", CultureInfo.InvariantCulture),
                ["message"] = t.Message,
            });
        }

        var root = new JsonObject
        {
            ["study"] = study.Name, ["detector"] = study.Detector, ["metric"] = study.Metric, ["direction"] = study.Direction.ToString().ToLowerInvariant(),
            ["sampler"] = study.Sampler, ["pruner"] = study.Pruner, ["seed"] = study.Seed, ["data"] = study.Data, ["space"] = study.Space, ["trials"] = array,
        };
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }
}
