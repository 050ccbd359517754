using System.CommandLine;
using Vigil.Cli.Input;

namespace Vigil.Cli.Commands;

/// <summary><c>vigil nab benchmark</c>: run + score + a printed table, in one command.</summary>
public static class NabBenchmarkCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var detector = CommonOptions.Detector();
        var optionsFile = CommonOptions.OptionsFile();
        var set = CommonOptions.Set();
        var nabRoot = CommonOptions.NabRoot();
        var output = new Option<string>("--out", "-o") { Description = "Results folder.", DefaultValueFactory = _ => "results", HelpName = "RESULTS_DIR" };
        var files = CommonOptions.Files();
        var category = CommonOptions.Category();
        var parallel = CommonOptions.Parallel();
        var scoreDigits = CommonOptions.ScoreDigits();
        var thresholds = CommonOptions.Thresholds();
        var metrics = CommonOptions.Metrics();
        metrics.DefaultValueFactory = _ => "nab,f1";

        var command = new Command("benchmark", "Run a detector over the NAB corpus, score it (thresholds optimised unless --thresholds is given) and print the results.")
        {
            detector, optionsFile, set, nabRoot, output, files, category, parallel, scoreDigits, thresholds, metrics,
        };
        command.SetAction(parse =>
        {
            var scoreMetrics = NabScoreCommand.ParseMetrics(parse.GetValue(metrics));
            var run = new NabRunRequest(
                parse.GetValue(detector)!,
                DetectorOptionsInput.Load(parse.GetValue(optionsFile), parse.GetValue(set)),
                NabRootLocator.Resolve(parse.GetValue(nabRoot), context),
                parse.GetValue(output)!,
                parse.GetValue(files),
                parse.GetValue(category),
                parse.GetValue(parallel),
                parse.GetValue(scoreDigits));
            NabRunCommand.Execute(context, run);
            var score = new NabScoreRequest(
                run.NabRoot,
                run.ResultsRoot,
                [run.Detector],
                parse.GetValue(thresholds),
                Optimize: parse.GetValue(thresholds) is null,
                FinalResultsPath: null,
                scoreMetrics,
                run.Category);
            NabScoring.Execute(context, score, defaultToOptimize: true, fileGlob: run.FileGlob);
            return CliExitCode.Ok;
        });

        return command;
    }
}
