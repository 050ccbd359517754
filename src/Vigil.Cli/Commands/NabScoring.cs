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
    public static void Execute(CliContext context, NabScoreRequest request, bool defaultToOptimize, string? fileGlob = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(request);
        var report = NabScoringRun.Execute(new NabScoringRequest(
            request.NabRoot, request.ResultsRoot, request.Detectors, request.ThresholdsFile, request.Optimize, request.FinalResultsPath,
            request.Metrics, request.Category, request.ReportRoot, request.F1Threshold, defaultToOptimize, fileGlob));
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

        if (request.Metrics.Contains("nab"))
        {
            NabReportRenderer.RenderNab(context.Out, report.Entries.Select(e => (e.Detector, e.Results)), report.Files.Count, report.CorpusFileCount);
        }

        foreach (var entry in report.Entries.Where(e => e.F1 is not null))
        {
            NabReportRenderer.RenderF1(context.Out, entry.Detector, report.Files.Count, entry.F1!);
        }
    }
}
