using System.CommandLine;
using Spectre.Console;
using Vigil.Cli.Input;
using Vigil.Reporting;

namespace Vigil.Cli.Commands;

/// <summary><c>vigil report</c>: one self-contained HTML page of NAB results, with charts per file.</summary>
public static class ReportCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var results = new Option<string>("--results", "-r") { Description = "Results folder in NAB's layout: <detector>/<category>/<detector>_<file>.csv.", Required = true, HelpName = "RESULTS_DIR" };
        var detectors = new Option<string?>("--detectors") { Description = "Comma-separated detectors to show (default: every detector folder in --results).", HelpName = "a,b,..." };
        var nabRoot = CommonOptions.NabRoot();
        var study = new Option<string?>("--study") { Description = "Name of a tuning study to show in the tuning view (read from the study store, --storage).", HelpName = "NAME" };
        var storage = new Option<string>("--storage") { Description = "Study database that --study is read from.", DefaultValueFactory = _ => TuneCommand.DefaultStorage, HelpName = "PATH" };
        var studyFile = new Option<string?>("--study-file") { Description = "A tuning study exported as JSON (see docs/report.md) to show in the tuning view.", HelpName = "FILE.json" };
        var title = new Option<string>("--title") { Description = "Page title.", DefaultValueFactory = _ => "Vigil report", HelpName = "TEXT" };
        var output = new Option<string>("--out", "-o") { Description = "The HTML file to write.", Required = true, HelpName = "report.html" };

        var command = new Command("report", "Write one self-contained HTML page: NAB scoreboard beside NAB's published rows, precision/recall/F1 by category, and a chart per file (windows, scores, true and false positives).")
        {
            results, detectors, nabRoot, study, storage, studyFile, title, output,
        };
        command.SetAction(parse =>
        {
            string resultsRoot = parse.GetValue(results)!;
            if (!Directory.Exists(resultsRoot))
            {
                throw new CliUsageException($"Results folder not found: {resultsRoot}");
            }

            StudyView? studyView = null;
            if (parse.GetValue(study) is { } studyName)
            {
                if (parse.GetValue(studyFile) is not null)
                {
                    throw new CliUsageException("Give either --study (from the study store) or --study-file, not both.");
                }

                var (record, trials) = StudyCommand.Load(parse.GetValue(storage)!, studyName);
                studyView = TuningStudyView.From(record, trials);
            }
            else if (parse.GetValue(studyFile) is { } path)
            {
                studyView = StudyJson.Load(path);
            }

            var request = new ReportRequest(
                NabRootLocator.Resolve(parse.GetValue(nabRoot), context),
                resultsRoot,
                NabScoreCommand.SplitList(parse.GetValue(detectors)),
                parse.GetValue(title)!,
                studyView);
            var document = ReportBuilder.Build(request);
            string outPath = parse.GetValue(output)!;
            HtmlReportWriter.Write(outPath, document);
            context.Error.MarkupLine($"[grey]wrote {Markup.Escape(outPath)} ({new FileInfo(outPath).Length / 1024} KiB, {document.Detectors.Count} detector(s), {document.Files.Count} files)[/]");
            return CliExitCode.Ok;
        });

        return command;
    }
}
