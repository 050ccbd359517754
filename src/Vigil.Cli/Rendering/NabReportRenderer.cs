using System.Globalization;
using Spectre.Console;
using Vigil.Evaluation.Metrics;
using Vigil.Evaluation.Nab;

namespace Vigil.Cli.Rendering;

/// <summary>Tables for NAB scores and precision/recall/F1.</summary>
public static class NabReportRenderer
{
    /// <summary>One row per detector and profile: threshold, raw and normalised score, row counts.</summary>
    public static void RenderNab(IAnsiConsole console, IEnumerable<(string Detector, IReadOnlyList<NabProfileResult> Results)> entries, int files, int corpusFiles)
    {
        var table = new Table().Border(TableBorder.Rounded)
            .Title(files == corpusFiles ? $"NAB v1.1 scores ({files} files)" : $"NAB v1.1 scores ({files} of {corpusFiles} files)")
            .AddColumns("detector", "profile", "threshold", "raw", "normalised", "TP rows", "FP rows", "FN rows", "TN rows");
        foreach (var column in table.Columns.Skip(2))
        {
            column.RightAligned();
        }

        foreach (var (detector, results) in entries)
        {
            foreach (var r in results)
            {
                table.AddRow(
                    detector,
                    r.Profile.Name,
                    F(r.Threshold, "G12") + (r.Optimized ? " (opt)" : ""),
                    F(r.RawScore, "F4"),
                    $"[bold]{F(r.NormalizedScore, "F2")}[/]",
                    r.Files.Sum(f => f.TruePositives).ToString(CultureInfo.InvariantCulture),
                    r.Files.Sum(f => f.FalsePositives).ToString(CultureInfo.InvariantCulture),
                    r.Files.Sum(f => f.FalseNegatives).ToString(CultureInfo.InvariantCulture),
                    r.Files.Sum(f => f.TrueNegatives).ToString(CultureInfo.InvariantCulture));
            }
        }

        console.Write(table);
    }

    /// <summary>
    /// Precision, recall and F1 in the four modes at the rule's threshold and at the best-F1 threshold
    /// (<see cref="F1Table.Compute"/>'s eight reports); then F1 per category at both.
    /// </summary>
    public static void RenderF1(IAnsiConsole console, string detector, int fileCount, IReadOnlyList<F1Report> reports)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(reports);
        var modes = F1Table.Modes;
        var atThreshold = reports.Take(modes.Count).ToArray();
        var best = reports.Skip(modes.Count).ToArray();
        var rule = atThreshold[0].Rule ?? F1ThresholdRule.NabStandard;
        var table = new Table().Border(TableBorder.Rounded)
            .Title($"{Markup.Escape(detector)}: precision / recall / F1 ({fileCount} files)")
            .AddColumns("mode", "threshold", "precision", "recall", "F1", "best-F1 threshold", "precision", "recall", "best F1");
        foreach (var column in table.Columns.Skip(1))
        {
            column.RightAligned();
        }

        for (int i = 0; i < modes.Count; i++)
        {
            var a = atThreshold[i].Total;
            var b = best[i].Total;
            table.AddRow(ModeName(modes[i]), ThresholdText(atThreshold[i]), F(a.Precision, "F3"), F(a.Recall, "F3"), $"[bold]{F(a.F1, "F3")}[/]",
                F(best[i].Threshold, "G6"), F(b.Precision, "F3"), F(b.Recall, "F3"), $"[bold]{F(b.F1, "F3")}[/]");
        }

        console.Write(table);

        var categories = new Table().Border(TableBorder.Rounded)
            .Title($"{Markup.Escape(detector)}: F1 by category (at the {RuleName(rule)} threshold / at the best-F1 threshold)")
            .AddColumn("category");
        foreach (var mode in modes)
        {
            categories.AddColumn(new TableColumn(ModeName(mode)).RightAligned());
        }

        foreach (string category in atThreshold[0].ByCategory.Keys)
        {
            categories.AddRow([category, .. Enumerable.Range(0, modes.Count).Select(i => $"{F(atThreshold[i].ByCategory[category].F1, "F3")} / {F(best[i].ByCategory[category].F1, "F3")}")]);
        }

        console.Write(categories);
    }

    private static string ThresholdText(F1Report report) => report.Rule?.Kind switch
    {
        F1ThresholdKind.ProbationPercentile => $"{report.Rule.Label} per file",
        F1ThresholdKind.Fixed => F(report.Threshold, "G6") + " (fixed)",
        _ => F(report.Threshold, "G6") + " (NAB)",
    };

    private static string RuleName(F1ThresholdRule rule) => rule.Kind switch
    {
        F1ThresholdKind.ProbationPercentile => $"per-file {rule.Label}",
        F1ThresholdKind.Fixed => "fixed",
        _ => "NAB",
    };

    private static string ModeName(F1Mode mode) => mode switch
    {
        F1Mode.Pointwise => "point-wise",
        F1Mode.PointAdjusted => "point-adjusted",
        F1Mode.Event => "event (window)",
        F1Mode.Composite => "composite",
        _ => mode.ToString(),
    };

    private static string F(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}
