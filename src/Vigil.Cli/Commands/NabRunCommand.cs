using System.CommandLine;
using Spectre.Console;
using Vigil.Cli.Rendering;
using Vigil.Evaluation.Nab;
using Vigil.Experiments.Tracking;

namespace Vigil.Cli.Commands;

/// <summary><c>vigil nab run</c>: feed every corpus file to a detector, row by row, and write NAB results files.</summary>
public static class NabRunCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var run = new NabRunOptions();
        var tracking = new TrackingOptions("nab");
        var command = new Command("run", "Run a detector causally over the NAB corpus and write one results CSV per data file.");
        run.AddTo(command);
        tracking.AddTo(command);
        command.SetAction(parse =>
        {
            var request = run.ToRequest(parse, context);
            tracking.Tags(parse);
            using var tracked = tracking.Start(parse, context, "nab run");
            Track(tracked, context, request, Execute(context, request));
            tracked.Complete();
            return CliExitCode.Ok;
        });

        return command;
    }

    /// <summary>Logs what <c>nab run</c> ran: the detector and its effective options, the selection, sizes and timings.</summary>
    public static void Track(CommandRun tracked, CliContext context, NabRunRequest request, IReadOnlyList<NabFileRun> runs)
    {
        ArgumentNullException.ThrowIfNull(tracked);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(runs);
        var descriptor = context.Registry.Get(request.Detector);
        tracked.Run.LogDetector(descriptor.Name, Vigil.Detection.OptionsBinder.ToJson(Vigil.Detection.OptionsBinder.Bind(descriptor, request.Options)));
        tracked.Run.LogParameters(new Dictionary<string, string>
        {
            ["nab.category"] = request.Category ?? "*",
            ["nab.files"] = request.FileGlob ?? "*",
            ["results"] = Path.Combine(request.ResultsRoot, descriptor.Name),
        });
        tracked.Run.LogThroughput(runs.Count, runs.Sum(r => (long)r.Scores.Length), TimeSpan.FromTicks(runs.Sum(r => r.Elapsed.Ticks)));
    }

    /// <summary>Runs the request with a progress display; returns the per-file runs.</summary>
    public static IReadOnlyList<NabFileRun> Execute(CliContext context, NabRunRequest request)
    {
        if (request.Parallelism < 0)
        {
            throw new CliUsageException($"--parallel must be 0 (all cores) or more, got {request.Parallelism}.");
        }

        if (request.ScoreDigits is < 0 or > 17)
        {
            throw new CliUsageException($"--score-digits must be 0 (full precision) or 1..17, got {request.ScoreDigits}.");
        }

        var descriptor = context.Registry.Get(request.Detector);
        var corpus = NabCorpus.Load(request.NabRoot);
        var selected = NabSelection.Select(corpus, request.Category, request.FileGlob);
        var runner = new NabRunner(context.Registry);
        using var executor = ClusterExecutor.Open(context, request.Cluster, request.Parallelism);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var runs = RunProgress.Show(context, $"{descriptor.Name}", selected.Sum(f => (long)f.RowCount), selected.Count, request.Quiet,
            progress => runner.Run(descriptor.Name, request.Options, selected, request.ResultsRoot, request.Parallelism, request.ScoreDigits, progress, context.Cancellation, request.Resume, executor.Executor));
        executor.ReportResubmissions();
        int skipped = runs.Count(r => r.Skipped);
        long rows = runs.Where(r => !r.Skipped).Sum(r => (long)r.Scores.Length);
        context.Error.MarkupLine(
            $"[green]{descriptor.Name}[/]: {runs.Count - skipped} files, {rows:N0} rows in {clock.Elapsed.TotalSeconds:F1} s "
            + $"({rows / Math.Max(1e-9, clock.Elapsed.TotalSeconds):N0} rows/s) → {Markup.Escape(Path.Combine(request.ResultsRoot, descriptor.Name))}");
        if (skipped > 0)
        {
            context.Error.MarkupLine($"[grey]--resume: skipped {skipped} file(s) whose complete results from the same detector and options were already there.[/]");
        }
        else if (request.Resume)
        {
            context.Error.MarkupLine("[grey]--resume: no complete results of the same detector and options were found; every file was run.[/]");
        }

        return runs;
    }
}
