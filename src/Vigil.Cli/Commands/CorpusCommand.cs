using System.CommandLine;
using Spectre.Console;
using Vigil.Evaluation.Corpora;

namespace Vigil.Cli.Commands;

/// <summary><c>vigil corpus import</c>: turns a user's labelled series into a corpus in NAB's layout.</summary>
public static class CorpusCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var format = new Option<string>("--format") { Description = "labelled-csv: timestamp,value,label files (label 0/1); windows-json: timestamp,value files plus --labels FILE.json.", Required = true, HelpName = "labelled-csv|windows-json" };
        format.AcceptOnlyFromAmong("labelled-csv", "windows-json");
        var inputs = new Option<string[]>("--input", "-i") { Description = "The series files (CSV).", Required = true, AllowMultipleArgumentsPerToken = true, HelpName = "FILES" };
        var labels = new Option<string?>("--labels") { Description = "windows-json: the labels, keyed by file name: [start, end] pairs (kept as given) or single timestamps (windows sized by NAB's rule).", HelpName = "FILE.json" };
        var windows = new Option<string>("--windows") { Description = "labelled-csv: as-given = each run of label-1 rows is a window; nab = each run is a point label and windows are sized by NAB's rule.", DefaultValueFactory = _ => "as-given", HelpName = "as-given|nab" };
        windows.AcceptOnlyFromAmong("as-given", "nab");
        var category = new Option<string>("--category") { Description = "The category folder the files go into (data/<category>/).", DefaultValueFactory = _ => "imported", HelpName = "NAME" };
        var output = new Option<string>("--out", "-o") { Description = "The corpus folder to create (must be new or empty).", Required = true, HelpName = "CORPUS_DIR" };
        var import = new Command("import", "Turn labelled series into a corpus in NAB's layout (data/, labels/combined_windows.json, config/profiles.json) for nab run/score/benchmark, compare and report with --nab-root.")
        {
            format, inputs, labels, windows, category, output,
        };
        import.SetAction(parse =>
        {
            var files = parse.GetValue(inputs)!;
            IReadOnlyList<ImportedSeries> series;
            if (parse.GetValue(format) == "labelled-csv")
            {
                if (parse.GetValue(labels) is not null)
                {
                    throw new CliUsageException("--labels belongs to --format windows-json; labelled-csv files carry a label column.");
                }

                var sizing = parse.GetValue(windows) == "nab" ? WindowSizing.Nab : WindowSizing.AsGiven;
                series = files.Select(f => LabelledCsvReader.Read(f, sizing)).ToArray();
            }
            else
            {
                string labelsPath = parse.GetValue(labels) ?? throw new CliUsageException("--format windows-json needs --labels FILE.json.");
                series = WindowsJsonReader.Read(files, labelsPath);
            }

            string root = parse.GetValue(output)!;
            NabCorpusWriter.Write(root, parse.GetValue(category)!, series);
            context.Error.MarkupLine($"[grey]wrote {series.Count} file(s), {series.Sum(s => s.Windows.Count)} window(s) to {Markup.Escape(Path.GetFullPath(root))}[/]");
            return CliExitCode.Ok;
        });

        return new Command("corpus", "Build corpora in NAB's layout from your own labelled data.") { import };
    }
}
