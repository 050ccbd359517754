using System.CommandLine;

namespace Vigil.Cli.Commands;

/// <summary><c>vigil nab benchmark</c>: run + score + a printed table, in one command.</summary>
public static class NabBenchmarkCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var runOptions = new NabRunOptions();
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
        command.SetAction(parse =>
        {
            var scoreMetrics = NabScoreCommand.ParseMetrics(parse.GetValue(metrics));
            var f1Rule = CommonOptions.ParseF1Threshold(parse.GetValue(f1Threshold));
            var run = runOptions.ToRequest(parse, context);
            NabRunCommand.Execute(context, run);
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
            NabScoring.Execute(context, score, defaultToOptimize: true, fileGlob: run.FileGlob);
            return CliExitCode.Ok;
        });

        return command;
    }
}
