using System.CommandLine;
using Vigil.Experiments.Tracking;

namespace Vigil.Cli.Commands;

/// <summary><c>vigil nab benchmark</c>: run + score + a printed table, in one command.</summary>
public static class NabBenchmarkCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var runOptions = new NabRunOptions();
        var tracking = new TrackingOptions("nab");
        var thresholds = CommonOptions.Thresholds();
        var metrics = CommonOptions.Metrics();
        metrics.DefaultValueFactory = _ => "nab,f1";
        var f1Threshold = CommonOptions.F1Threshold();
        var json = CommonOptions.Json();

        var command = new Command("benchmark", "Run a detector over the NAB corpus, score it (thresholds optimised unless --thresholds is given) and print the results.")
        {
            thresholds, metrics, f1Threshold, json,
        };
        runOptions.AddTo(command);
        tracking.AddTo(command);
        command.SetAction(parse =>
        {
            var scoreMetrics = NabScoreCommand.ParseMetrics(parse.GetValue(metrics));
            var f1Rule = CommonOptions.ParseF1Threshold(parse.GetValue(f1Threshold));
            var run = runOptions.ToRequest(parse, context);
            tracking.Tags(parse);
            using var tracked = tracking.Start(parse, context, "nab benchmark");
            var fileRuns = NabRunCommand.Execute(context, run);
            NabRunCommand.Track(tracked, context, run, fileRuns);
            var score = new NabScoreRequest(
                run.NabRoot,
                run.ResultsRoot,
                [run.Detector],
                parse.GetValue(thresholds),
                Optimize: parse.GetValue(thresholds) is null,
                FinalResultsPath: null,
                scoreMetrics,
                run.Category,
                F1Threshold: f1Rule,
                Json: parse.GetValue(json));
            var scored = NabScoring.Execute(context, score, defaultToOptimize: true, fileGlob: run.FileGlob);
            foreach (var detector in scored)
            {
                tracked.Run.LogNabScores(detector.Profiles);
                tracked.Run.LogF1(detector.F1 ?? []);
            }

            tracked.Complete();
            return CliExitCode.Ok;
        });

        return command;
    }
}
