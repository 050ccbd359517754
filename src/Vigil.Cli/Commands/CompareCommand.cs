using System.CommandLine;
using Vigil.Cli.Input;

namespace Vigil.Cli.Commands;

/// <summary>
/// <c>vigil compare --detectors a,b [--category C] [--executor orleans --cluster URL]</c>: runs each detector causally
/// over the NAB corpus (or one category), on this machine or a cluster (as <c>nab run</c>), then prints their NAB scores side by side (thresholds optimised per detector) and each one's
/// precision, recall and F1 (point-wise, point-adjusted, event) at its NAB threshold (or <c>--f1-threshold</c>) and at
/// its best-F1 threshold.
/// </summary>
public static class CompareCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var detectors = new Option<string>("--detectors", "-d") { Description = "Comma-separated registry names, e.g. htm,lstm-autoencoder.", Required = true, HelpName = "A,B" };
        var nabRoot = CommonOptions.NabRoot();
        var output = new Option<string>("--out", "-o") { Description = "Results folder.", DefaultValueFactory = _ => "results", HelpName = "RESULTS_DIR" };
        var files = CommonOptions.Files();
        var category = CommonOptions.Category();
        var parallel = CommonOptions.Parallel();
        var scoreDigits = CommonOptions.ScoreDigits();
        var f1Threshold = CommonOptions.F1Threshold();
        var calibrate = CommonOptions.Calibrate();
        var json = CommonOptions.Json();
        var executor = new ExecutorOptions();

        var command = new Command("compare", "Run several detectors over NAB data and print their NAB scores and precision/recall/F1 side by side.")
        {
            detectors, nabRoot, output, files, category, parallel, scoreDigits, f1Threshold, calibrate, json,
        };
        executor.AddTo(command);
        command.SetAction(parse =>
        {
            var f1Rule = CommonOptions.ParseF1Threshold(parse.GetValue(f1Threshold));
            var names = parse.GetValue(detectors)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().ToArray();
            if (names.Length < 1)
            {
                throw new CliUsageException("--detectors needs at least one registry name.");
            }

            foreach (string name in names)
            {
                context.Registry.Get(name);   // fail fast on unknown names, before any run
            }

            var cluster = executor.Read(parse, context);
            string root = NabRootLocator.Resolve(parse.GetValue(nabRoot), context);
            string results = parse.GetValue(output)!;
            foreach (string name in names)
            {
                var options = DetectorOptionsInput.WithCalibration(null, parse.GetValue(calibrate));
                NabRunCommand.Execute(context, new NabRunRequest(name, options, root, results, parse.GetValue(files), parse.GetValue(category), parse.GetValue(parallel), parse.GetValue(scoreDigits), Cluster: cluster));
            }

            var score = new NabScoreRequest(root, results, names, null, Optimize: true, FinalResultsPath: null,
                new HashSet<string>(StringComparer.Ordinal) { "nab", "f1" }, parse.GetValue(category), F1Threshold: f1Rule, Json: parse.GetValue(json));
            NabScoring.Execute(context, score, defaultToOptimize: true, fileGlob: parse.GetValue(files));
            return CliExitCode.Ok;
        });

        return command;
    }
}
