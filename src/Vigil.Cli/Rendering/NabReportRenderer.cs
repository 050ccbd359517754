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
    /// Precision, recall and F1 in the three modes, at the threshold <paramref name="rule"/> chooses (by default NAB's
    /// standard-profile threshold, <paramref name="nabThreshold"/>) and at the threshold that maximises F1; then F1
    /// per category at both.
    /// </summary>
    /// <returns>The six reports (three modes at the rule's threshold, then at the best-F1 threshold).</returns>
    public static IReadOnlyList<F1Report> RenderF1(IAnsiConsole console, string detector, IReadOnlyList<NabDataFile> files, NabDetectorResults results, F1ThresholdRule rule, double nabThreshold)
    {
        var reports = ComputeF1(files, results, rule, nabThreshold);
        var modes = new[] { F1Mode.Pointwise, F1Mode.PointAdjusted, F1Mode.Event };
        var atThreshold = reports.Take(modes.Length).ToArray();
        var best = reports.Skip(modes.Length).ToArray();

        var table = new Table().Border(TableBorder.Rounded)
            .Title($"{Markup.Escape(detector)}: precision / recall / F1 ({files.Count} files)")
            .AddColumns("mode", "threshold", "precision", "recall", "F1", "best-F1 threshold", "precision", "recall", "best F1");
        foreach (var column in table.Columns.Skip(1))
        {
            column.RightAligned();
        }

        for (int i = 0; i < modes.Length; i++)
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
            categories.AddRow([category, .. Enumerable.Range(0, modes.Length).Select(i => $"{F(atThreshold[i].ByCategory[category].F1, "F3")} / {F(best[i].ByCategory[category].F1, "F3")}")]);
        }

        console.Write(categories);
        return [.. atThreshold, .. best];
    }

    /// <summary>The six reports <see cref="RenderF1"/> prints: the three modes at the rule's threshold, then at the best-F1 threshold.</summary>
    public static IReadOnlyList<F1Report> ComputeF1(IReadOnlyList<NabDataFile> files, NabDetectorResults results, F1ThresholdRule rule, double nabThreshold)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(rule);
        var pairs = files.Select(f => (f, results.ScoresByFile[f.RelativePath])).ToArray();
        var modes = new[] { F1Mode.Pointwise, F1Mode.PointAdjusted, F1Mode.Event };
        return [.. modes.Select(m => F1Evaluator.Evaluate(pairs, rule, m, nabThreshold)), .. modes.Select(m => F1Evaluator.Evaluate(pairs, null, m))];
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
        _ => mode.ToString(),
    };

    private static string F(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}
