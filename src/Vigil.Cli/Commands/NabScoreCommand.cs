using System.CommandLine;
using Vigil.Cli.Input;

namespace Vigil.Cli.Commands;

/// <summary><c>vigil nab score</c>: NAB's exact scoring of results folders, plus precision/recall/F1.</summary>
public static class NabScoreCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var nabRoot = CommonOptions.NabRoot();
        var results = new Option<string>("--results", "-r") { Description = "Results folder holding <detector>/<category>/<detector>_<file>.csv.", Required = true, HelpName = "RESULTS_DIR" };
        var detectors = new Option<string?>("--detectors") { Description = "Comma-separated detectors to score (default: every detector folder in --results).", HelpName = "a,b,..." };
        var thresholds = CommonOptions.Thresholds();
        var optimize = CommonOptions.Optimize();
        var output = new Option<string?>("--out", "-o") { Description = "final_results.json to write or merge into (default: RESULTS_DIR/final_results.json).", HelpName = "FILE.json" };
        var metrics = CommonOptions.Metrics();
        var f1Threshold = CommonOptions.F1Threshold();
        var category = CommonOptions.Category();
        var json = CommonOptions.Json();
        var reportDir = new Option<string?>("--report-dir") { Description = "Folder for <detector>/<detector>_<profile>_scores.csv, final_results.json and thresholds.json (default: RESULTS_DIR, as NAB does). Use it to score read-only results.", HelpName = "DIR" };

        var command = new Command("score", "Score detector results with NAB's method: windows, scaled sigmoid, three cost profiles, normalisation.")
        {
            nabRoot, results, detectors, thresholds, optimize, output, metrics, f1Threshold, category, reportDir, json,
        };
        command.SetAction(parse =>
        {
            if (parse.GetValue(optimize) && parse.GetValue(thresholds) is not null)
            {
                throw new CliUsageException("Use either --optimize or --thresholds FILE, not both.");
            }

            var request = new NabScoreRequest(
                NabRootLocator.Resolve(parse.GetValue(nabRoot), context),
                parse.GetValue(results)!,
                SplitList(parse.GetValue(detectors)),
                parse.GetValue(thresholds),
                parse.GetValue(optimize),
                parse.GetValue(output),
                ParseMetrics(parse.GetValue(metrics)),
                parse.GetValue(category),
                parse.GetValue(reportDir),
                CommonOptions.ParseF1Threshold(parse.GetValue(f1Threshold)),
                parse.GetValue(json));
            NabScoring.Execute(context, request, defaultToOptimize: false);
            return CliExitCode.Ok;
        });

        return command;
    }

    /// <summary>Splits "a,b" into trimmed non-empty names.</summary>
    public static IReadOnlyList<string> SplitList(string? text) =>
        (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Parses <c>--metrics</c>.</summary>
    /// <exception cref="CliUsageException">An unknown metric name.</exception>
    public static IReadOnlySet<string> ParseMetrics(string? text)
    {
        var set = SplitList(text ?? "nab").Select(m => m.ToLowerInvariant()).ToHashSet();
        var unknown = set.Except(["nab", "f1"]).ToArray();
        if (unknown.Length > 0 || set.Count == 0)
        {
            throw new CliUsageException($"--metrics: unknown metric {string.Join(", ", unknown.Select(u => $"'{u}'"))}; use nab, f1 or nab,f1.");
        }

        return set;
    }
}
