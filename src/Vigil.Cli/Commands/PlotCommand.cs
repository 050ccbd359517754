using System.CommandLine;
using Spectre.Console;
using Vigil.Cli.Input;
using Vigil.IO;
using Vigil.Plotting;

namespace Vigil.Cli.Commands;

/// <summary><c>vigil plot</c>: a static PNG or SVG of a series, its scores, labelled windows and detections.</summary>
public static class PlotCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var input = new Option<string>("--input", "-i") { Description = "The series: a timestamp,value CSV.", Required = true, HelpName = "X.csv" };
        var scores = new Option<string?>("--scores") { Description = "Anomaly scores: a CSV with an anomaly_score column, one row per input row (vigil detect's output, a NAB results file).", HelpName = "S.csv" };
        var windows = new Option<string?>("--windows") { Description = "Labelled windows: a JSON list of [start, end] pairs, or NAB's combined_windows.json.", HelpName = "W.json" };
        var threshold = new Option<double?>("--threshold") { Description = "Mark rows whose score is at or above it (true positives inside windows, false positives outside).", HelpName = "T" };
        var width = new Option<int>("--width") { Description = "Width in pixels.", DefaultValueFactory = _ => 1200, HelpName = "PX" };
        var height = new Option<int>("--height") { Description = "Height in pixels.", DefaultValueFactory = _ => 500, HelpName = "PX" };
        var output = new Option<string>("--out", "-o") { Description = "The picture to write: .png or .svg.", Required = true, HelpName = "plot.png|svg" };
        var command = new Command("plot", "Draw a series with its anomaly scores, labelled windows and detections as a PNG or SVG.")
        {
            input, scores, windows, threshold, width, height, output,
        };
        command.SetAction(parse =>
        {
            string outPath = parse.GetValue(output)!;
            if (Path.GetExtension(outPath).ToLowerInvariant() is not (".png" or ".svg"))
            {
                throw new CliUsageException($"--out {outPath}: the picture must end in .png or .svg.");
            }

            if (parse.GetValue(width) is < 100 or > 10000 || parse.GetValue(height) is < 100 or > 10000)
            {
                throw new CliUsageException("--width and --height must lie in [100, 10000] pixels.");
            }

            string inputPath = parse.GetValue(input)!;
            var series = CsvSeriesReader.Read(inputPath, CsvReadOptions.Nab);
            double[]? scoreValues = null;
            if (parse.GetValue(scores) is { } scoresPath)
            {
                var scored = CsvSeriesReader.Read(scoresPath, CsvReadOptions.Nab with { ValueColumn = "anomaly_score" });
                if (scored.Length != series.Length)
                {
                    throw new CliUsageException($"{scoresPath} has {scored.Length} rows but {inputPath} has {series.Length}; the scores must be one per input row.");
                }

                scoreValues = scored.Values.ToArray();
            }

            if (parse.GetValue(threshold) is not null && scoreValues is null)
            {
                throw new CliUsageException("--threshold marks detections on the scores: pass --scores S.csv too.");
            }

            var windowRows = parse.GetValue(windows) is { } windowsPath ? PlotWindowsReader.Read(windowsPath, inputPath, series) : [];
            var request = new SeriesPlotRequest(series, scoreValues, windowRows, parse.GetValue(threshold), Path.GetFileName(inputPath), parse.GetValue(width), parse.GetValue(height));
            SeriesPlotter.Save(request, outPath);
            context.Error.MarkupLine($"[grey]wrote {Markup.Escape(outPath)}[/]");
            return CliExitCode.Ok;
        });

        return command;
    }
}
