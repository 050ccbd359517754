using System.Globalization;
using Spectre.Console;
using Vigil.Evaluation.Nab;

namespace Vigil.Cli.Rendering;

/// <summary>Tables for NAB scores and precision/recall/F1.</summary>
public static class NabReportRenderer
{
    /// <summary>One row per detector and profile: threshold, raw and normalised score, row counts.</summary>
    public static void RenderNab(IAnsiConsole console, IEnumerable<(string Detector, IReadOnlyList<NabProfileResult> Results)> entries, int files, int corpusFiles)
    {
        var table = new Table().Border(TableBorder.Rounded)
            .Title(files == corpusFiles ? "NAB v1.1 scores (58 files)" : $"NAB v1.1 scores ({files} of {corpusFiles} files)")
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

    /// <summary>Precision/recall/F1 placeholder until the metrics land.</summary>
    public static void RenderF1(IAnsiConsole console, string detector, IReadOnlyList<NabDataFile> files, NabDetectorResults results, double threshold)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(results);
        console.MarkupLine($"{Markup.Escape(detector)} F1 at {F(threshold, "G6")}: pending");
    }

    private static string F(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}
