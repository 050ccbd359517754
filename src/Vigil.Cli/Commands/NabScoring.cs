using Spectre.Console;
using Vigil.Cli.Rendering;
using Vigil.Evaluation.Nab;

namespace Vigil.Cli.Commands;

/// <summary>The scoring step shared by <c>nab score</c>, <c>nab benchmark</c> and <c>compare</c>: parse → <see cref="NabScoringRun"/> → render.</summary>
public static class NabScoring
{
    /// <summary>Scores every requested detector (files written by <see cref="NabScoringRun"/>) and prints the reports.</summary>
    /// <param name="context">Console and registry.</param>
    /// <param name="request">What to score.</param>
    /// <param name="defaultToOptimize">Optimise when neither --thresholds nor --optimize was given and the corpus lists no threshold.</param>
    /// <param name="fileGlob">Restrict to files matching this glob (benchmark's --files).</param>
    /// <returns>Each detector's profile results and, when F1 was asked for, its F1 reports (for tracking).</returns>
    public static IReadOnlyList<NabScoredDetector> Execute(CliContext context, NabScoreRequest request, bool defaultToOptimize, string? fileGlob = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(request);
        var report = NabScoringRun.Execute(new NabScoringRequest(
            request.NabRoot, request.ResultsRoot, request.Detectors, request.ThresholdsFile, request.Optimize, request.FinalResultsPath,
            request.Metrics, request.Category, request.ReportRoot, request.F1Threshold, defaultToOptimize, fileGlob)
        {
            // A port of a NAB entry (context-ose = contextOSE) may be scored at that entry's shipped thresholds.
            NabNames = context.Registry.All.Where(d => d.NabName is not null).ToDictionary(d => d.Name, d => d.NabName!, StringComparer.Ordinal),
            Cancellation = context.Cancellation,
        });
        foreach (string warning in report.Warnings)
        {
            context.Error.MarkupLine($"[yellow]warning:[/] {Markup.Escape(warning)}");
        }

        foreach (string line in report.Written)
        {
            context.Error.MarkupLine($"[grey]{Markup.Escape(line)}[/]");
        }

        if (!report.WholeCorpus)
        {
            context.Error.MarkupLine($"[yellow]note:[/] scored {report.Files.Count} of {report.CorpusFileCount} files; normalised scores cover only these files, so final_results.json is not written.");
        }

        if (request.Metrics.Contains("nab") && !request.Json)
        {
            NabReportRenderer.RenderNab(context.Out, report.Entries.Select(e => (e.Detector, e.Results)), report.Files.Count, report.CorpusFileCount);
        }

        if (request.Json)
        {
            var f1ByDetector = report.Entries.Where(e => e.F1 is not null).ToDictionary(e => e.Detector, e => e.F1!, StringComparer.Ordinal);
            ScoresJsonWriter.Write(context.Out, report.Entries.Select(e => (e.Detector, e.Results)), request.Metrics.Contains("nab"), f1ByDetector, report.Files.Count, report.CorpusFileCount);
        }
        else
        {
            foreach (var entry in report.Entries.Where(e => e.F1 is not null))
            {
                NabReportRenderer.RenderF1(context.Out, entry.Detector, report.Files.Count, entry.F1!);
            }
        }

        return report.Entries.Select(e => new NabScoredDetector(e.Detector, e.Results, e.F1)).ToArray();
    }
}
