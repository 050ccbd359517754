using System.Globalization;
using System.Text;
using System.Text.Json;
using Spectre.Console;
using Vigil.Experiments.Tracking;

namespace Vigil.Cli.Rendering;

/// <summary>Tables and JSON for <c>vigil runs</c>.</summary>
public static class RunsRenderer
{
    /// <summary>One line per run.</summary>
    public static void List(IAnsiConsole console, IReadOnlyList<TrackedRun> runs, bool json)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(runs);
        if (json)
        {
            WriteJson(console, w =>
            {
                w.WriteStartArray();
                foreach (var run in runs)
                {
                    WriteRun(w, run, allMetrics: false);
                }

                w.WriteEndArray();
            });
            return;
        }

        var table = new Table().Border(TableBorder.Rounded).AddColumns("run", "experiment", "status", "started (UTC)", "duration", "sync", "metrics (last values)");
        foreach (var run in runs)
        {
            var headline = Headline(run.LatestMetrics).ToArray();
            string metrics = string.Join(", ", headline.Select(m => $"{m.Key}={Number(m.Value)}")) + (run.LatestMetrics.Count > headline.Length ? ", …" : "");
            table.AddRow(run.Id, Markup.Escape(run.Experiment), Status(run.Status), Time(run.StartTime), Duration(run.Duration), Sync(run.Sync), Markup.Escape(metrics));
        }

        console.Write(table);
        console.MarkupLine($"[grey]{runs.Count} run(s)[/]");
    }

    /// <summary>Everything about one run.</summary>
    public static void Show(IAnsiConsole console, TrackedRun run, bool json)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(run);
        if (json)
        {
            WriteJson(console, w => WriteRun(w, run, allMetrics: true));
            return;
        }

        var info = new Table().Border(TableBorder.Rounded).Title($"run {run.Id}").AddColumns("field", "value");
        info.AddRow("experiment", Markup.Escape(run.Experiment));
        info.AddRow("status", Status(run.Status));
        info.AddRow("started (UTC)", Time(run.StartTime));
        info.AddRow("ended (UTC)", run.EndTime is { } end ? Time(end) : "-");
        info.AddRow("duration", Duration(run.Duration));
        info.AddRow("parent", run.ParentRunId ?? "-");
        info.AddRow("sync", Sync(run.Sync) + (run.Sync.Target is { } t ? " " + Markup.Escape(t) : "") + (run.Sync.RemoteRunId is { } r ? $" (remote run {r})" : ""));
        console.Write(info);
        Pairs(console, "tags", run.Tags);
        Pairs(console, "parameters", run.Parameters);
        if (run.Metrics.Count > 0)
        {
            var metrics = new Table().Border(TableBorder.Rounded).Title("metrics").AddColumns("metric", "last", "steps", "min", "max");
            foreach (var group in run.Metrics.GroupBy(m => m.Name, StringComparer.Ordinal))
            {
                var values = group.Select(m => m.Value).ToArray();
                metrics.AddRow(Markup.Escape(group.Key), Number(run.LatestMetrics[group.Key]), values.Length.ToString(CultureInfo.InvariantCulture), Number(values.Min()), Number(values.Max()));
            }

            console.Write(metrics);
        }

        if (run.Artifacts.Count > 0)
        {
            console.MarkupLine("[bold]artifacts[/]");
            foreach (string artifact in run.Artifacts)
            {
                console.MarkupLine("  " + Markup.Escape(artifact));
            }
        }
    }

    /// <summary>Runs side by side.</summary>
    public static void Compare(IAnsiConsole console, RunComparison comparison, bool json)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(comparison);
        if (json)
        {
            WriteJson(console, w =>
            {
                w.WriteStartObject();
                w.WriteStartArray("runs");
                foreach (var run in comparison.Runs)
                {
                    w.WriteStringValue(run.Id);
                }

                w.WriteEndArray();
                w.WriteStartObject("parameters");
                foreach (var (name, values) in comparison.Parameters)
                {
                    w.WriteStartArray(name);
                    foreach (string? value in values)
                    {
                        w.WriteStringValue(value);
                    }

                    w.WriteEndArray();
                }

                w.WriteEndObject();
                w.WriteStartObject("metrics");
                foreach (var (name, values) in comparison.Metrics)
                {
                    w.WriteStartArray(name);
                    foreach (double? value in values)
                    {
                        WriteNumber(w, value);
                    }

                    w.WriteEndArray();
                }

                w.WriteEndObject();
                w.WriteEndObject();
            });
            return;
        }

        var table = new Table().Border(TableBorder.Rounded).AddColumn("");
        foreach (var run in comparison.Runs)
        {
            table.AddColumn(new TableColumn($"{run.Id[..Math.Min(8, run.Id.Length)]}\n{Markup.Escape(run.Experiment)}").RightAligned());
        }

        foreach (var (name, values) in comparison.Parameters)
        {
            string label = RunComparison.Differs(values) ? $"[bold]* {Markup.Escape(name)}[/]" : Markup.Escape(name);
            table.AddRow([label, .. values.Select(v => Markup.Escape(v ?? "-"))]);
        }

        foreach (var (name, values) in comparison.Metrics)
        {
            table.AddRow([$"[blue]{Markup.Escape(name)}[/]", .. values.Select(v => v is { } x ? Number(x) : "-")]);
        }

        console.Write(table);
        console.MarkupLine("[grey]* parameters that differ; metrics (blue) show each run's last value[/]");
    }

    // The few metrics a list line has room for: the headline scores when present, else the first names.
    private static IEnumerable<KeyValuePair<string, double>> Headline(IReadOnlyDictionary<string, double> latest)
    {
        string[] preferred = ["nab.standard", "f1.event", "best_f1.event", "loss", "val_loss"];
        var chosen = preferred.Where(latest.ContainsKey).Select(k => new KeyValuePair<string, double>(k, latest[k])).ToArray();
        return chosen.Length > 0 ? chosen : latest.Take(3);
    }

    private static void Pairs(IAnsiConsole console, string title, IReadOnlyDictionary<string, string> pairs)
    {
        if (pairs.Count == 0)
        {
            return;
        }

        var table = new Table().Border(TableBorder.Rounded).Title(title).AddColumns("key", "value");
        foreach (var (key, value) in pairs)
        {
            table.AddRow(Markup.Escape(key), Markup.Escape(value));
        }

        console.Write(table);
    }

    private static void WriteRun(Utf8JsonWriter w, TrackedRun run, bool allMetrics)
    {
        w.WriteStartObject();
        w.WriteString("id", run.Id);
        w.WriteString("experiment", run.Experiment);
        w.WriteString("status", run.Status.ToString().ToLowerInvariant());
        w.WriteString("startTime", run.StartTime.ToString("O", CultureInfo.InvariantCulture));
        w.WriteString("endTime", run.EndTime?.ToString("O", CultureInfo.InvariantCulture));
        w.WriteString("parentRunId", run.ParentRunId);
        w.WriteStartObject("sync");
        w.WriteString("state", run.Sync.State.ToString().ToLowerInvariant());
        w.WriteString("target", run.Sync.Target);
        w.WriteString("remoteRunId", run.Sync.RemoteRunId);
        w.WriteEndObject();
        WriteMap(w, "tags", run.Tags);
        WriteMap(w, "parameters", run.Parameters);
        w.WriteStartObject("latestMetrics");
        foreach (var (name, value) in run.LatestMetrics)
        {
            w.WritePropertyName(name);
            WriteNumber(w, value);
        }

        w.WriteEndObject();
        if (allMetrics)
        {
            w.WriteStartArray("metrics");
            foreach (var m in run.Metrics)
            {
                w.WriteStartObject();
                w.WriteString("name", m.Name);
                w.WritePropertyName("value");
                WriteNumber(w, m.Value);
                w.WriteNumber("step", m.Step);
                w.WriteString("timestamp", m.Timestamp.ToString("O", CultureInfo.InvariantCulture));
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("artifacts");
            foreach (string artifact in run.Artifacts)
            {
                w.WriteStringValue(artifact);
            }

            w.WriteEndArray();
        }

        w.WriteEndObject();
    }

    private static void WriteMap(Utf8JsonWriter w, string name, IReadOnlyDictionary<string, string> map)
    {
        w.WriteStartObject(name);
        foreach (var (key, value) in map)
        {
            w.WriteString(key, value);
        }

        w.WriteEndObject();
    }

    // JSON has no NaN or infinities: they are written as null.
    private static void WriteNumber(Utf8JsonWriter w, double? value)
    {
        if (value is { } v && double.IsFinite(v))
        {
            w.WriteNumberValue(v);
        }
        else
        {
            w.WriteNullValue();
        }
    }

    private static void WriteJson(IAnsiConsole console, Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            write(writer);
        }

        console.Profile.Out.Writer.WriteLine(Encoding.UTF8.GetString(buffer.ToArray()));
    }

    private static string Status(RunStatus status) => status switch
    {
        RunStatus.Finished => "[green]finished[/]",
        RunStatus.Failed => "[red]failed[/]",
        _ => "[yellow]running[/]",
    };

    private static string Sync(RunSync sync) => sync.State switch
    {
        RunSyncState.Synced => "synced",
        RunSyncState.Unsynced => "[yellow]unsynced[/]",
        RunSyncState.Pending => "pending",
        _ => "local",
    };

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    private static string Duration(TimeSpan? duration) => duration is { } d ? d.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture) + " s" : "-";

    private static string Number(double value) => value.ToString("G6", CultureInfo.InvariantCulture);
}
