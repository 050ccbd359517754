using System.Globalization;
using Spectre.Console;
using Vigil.Tuning;
using Vigil.Tuning.Space;

namespace Vigil.Cli.Rendering;

/// <summary>Renders a finished tuning run: trials ranked, then the best against the defaults on tuning and held-out files.</summary>
public static class TuneReportRenderer
{
    /// <summary>Writes the report to <paramref name="console"/>.</summary>
    public static void Render(IAnsiConsole console, TuningReport report, SearchSpace space, string data, string? configWritten)
    {
        var ranked = report.Trials.Where(t => t.State == TrialState.Complete && t.Value is not null)
            .OrderBy(t => report.Study.Direction == StudyDirection.Maximize ? -t.Value!.Value : t.Value!.Value)
            .ThenBy(t => t.Number)
            .ToArray();
        var table = new Table().Border(TableBorder.Simple).AddColumns("rank", "trial", "parameters", report.Study.Metric);
        for (int i = 0; i < Math.Min(ranked.Length, 20); i++)
        {
            table.AddRow((i + 1).ToString(CultureInfo.InvariantCulture), ranked[i].Number.ToString(CultureInfo.InvariantCulture),
                Markup.Escape(space.Format(ranked[i].Parameters)), ranked[i].Value!.Value.ToString("F4", CultureInfo.InvariantCulture));
        }

        console.WriteLine($"study {report.Study.Name}: {report.Trials.Count(t => t.State == TrialState.Complete)} complete, "
            + $"{report.Trials.Count(t => t.State == TrialState.Pruned)} pruned, {report.Trials.Count(t => t.State == TrialState.Failed)} failed trials; {report.Study.Sampler} sampler");
        console.Write(table);
        if (report.Comparison is { } c)
        {
            console.WriteLine($"tuned on: {data}");
            var compare = new Table().Border(TableBorder.Simple).AddColumns("parameters", $"{c.Metric} (tuning files)", $"{c.Metric} (held-out files)");
            compare.AddRow("defaults", F(c.DefaultTune), F(c.DefaultHoldout));
            compare.AddRow(Markup.Escape("best: " + space.Format(report.Best!.Parameters)), F(c.BestTune), F(c.BestHoldout));
            console.Write(compare);
            console.WriteLine("held-out scores use thresholds chosen on the tuning files only.");
        }
        else
        {
            console.WriteLine("no trial completed: nothing to compare or keep.");
        }

        if (configWritten is not null)
        {
            console.WriteLine($"best parameters written to {configWritten} [{report.Study.Detector}]");
        }
    }

    private static string F(double v) => v.ToString("F4", CultureInfo.InvariantCulture);
}
