using System.CommandLine;

namespace Vigil.Cli.Commands;

/// <summary>Options shared by several commands, created fresh for each command that uses them.</summary>
public static class CommonOptions
{
    /// <summary><c>--detector NAME</c> (required).</summary>
    public static Option<string> Detector() => new("--detector", "-d") { Description = "Registered detector name (see 'vigil detectors list').", Required = true };

    /// <summary><c>--options FILE</c>: detector options as JSON or YAML.</summary>
    public static Option<string?> OptionsFile() => new("--options") { Description = "Detector options file (.json, .yaml or .yml); keys are camelCase.", HelpName = "FILE" };

    /// <summary><c>--set key=value</c>, repeatable: one option override.</summary>
    public static Option<string[]> Set() => new("--set") { Description = "Override one detector option, e.g. --set windowSize=500 (repeatable).", HelpName = "KEY=VALUE", AllowMultipleArgumentsPerToken = false };

    /// <summary><c>--config FILE</c>: the model config whose detector section gives the base options.</summary>
    public static Option<string?> Config() => new("--config") { Description = "Model config (default: configs/model_config.yaml when it exists; 'none' to ignore it): the detector's section gives the base options, --options and --set override them.", HelpName = "FILE" };

    /// <summary><c>--nab-root DIR</c>.</summary>
    public static Option<string?> NabRoot() => new("--nab-root") { Description = "NAB corpus folder (default: $VIGIL_NAB_DIR).", HelpName = "DIR" };

    /// <summary><c>--parallel N</c>.</summary>
    public static Option<int> Parallel() => new("--parallel") { Description = "Files processed at once (default: all cores).", DefaultValueFactory = _ => 0, HelpName = "N" };

    /// <summary><c>--score-digits N</c>.</summary>
    public static Option<int> ScoreDigits() => new("--score-digits") { Description = "Significant digits of the scores in results files: 12 as NAB's Python 2 harness wrote them (default), 0 for full precision.", DefaultValueFactory = _ => Vigil.Evaluation.Nab.NabRunner.NabScoreDigits, HelpName = "N" };

    /// <summary><c>--files GLOB</c>.</summary>
    public static Option<string?> Files() => new("--files") { Description = "Only corpus files whose path under data/ matches this glob, e.g. 'realKnownCause/*' or '*nyc_taxi*'.", HelpName = "GLOB" };

    /// <summary><c>--category NAME</c>.</summary>
    public static Option<string?> Category() => new("--category") { Description = "Only this NAB category, e.g. realTraffic.", HelpName = "NAME" };

    /// <summary><c>--metrics nab,f1</c>.</summary>
    public static Option<string> Metrics() => new("--metrics") { Description = "Reports to print: nab, f1 or nab,f1.", DefaultValueFactory = _ => "nab", HelpName = "LIST" };

    /// <summary><c>--f1-threshold RULE</c>: the threshold of the first precision/recall/F1 column (the second is best-F1).</summary>
    public static Option<string> F1Threshold() => new("--f1-threshold")
    {
        Description = "Threshold of the first precision/recall/F1 columns (the others are at the best-F1 threshold): nab = NAB's standard-profile threshold (default); "
            + "pNN = per file, the NN-th percentile of its scores on the probationary rows (those the detector trained on), later rows flagged when score > it, e.g. p99; "
            + "a number = that threshold for every file (score >= it).",
        DefaultValueFactory = _ => "nab",
        HelpName = "nab|pNN|NUMBER",
    };

    /// <summary>Parses the value of <see cref="F1Threshold"/>.</summary>
    /// <exception cref="CliUsageException">The value is not nab, pNN or a number.</exception>
    public static Vigil.Evaluation.Metrics.F1ThresholdRule ParseF1Threshold(string? text)
    {
        try
        {
            return Vigil.Evaluation.Metrics.F1ThresholdRule.Parse(text ?? "nab");
        }
        catch (FormatException e)
        {
            throw new CliUsageException("--f1-threshold: " + e.Message);
        }
    }

    /// <summary><c>--threshold RULE</c>: alarms, in the one threshold grammar (<see cref="Vigil.Pipeline.ThresholdRule"/>).</summary>
    public static Option<string> Threshold() => new("--threshold")
    {
        Description = "Add an 'alarm' column: none = scores only (default); dynamic = rolling 99th percentile of the previous scores (window = training rows, seeded with them), also written as a 'threshold' column; "
            + "pNN = the NN-th percentile (scipy) of the scores of the training rows, e.g. p99 or p99.5; a number = that threshold, e.g. 0.7 (alarm when score > it).",
        DefaultValueFactory = _ => "none",
        HelpName = "none|dynamic|pNN|NUMBER",
    };

    /// <summary>Parses the value of <see cref="Threshold"/>.</summary>
    /// <exception cref="CliUsageException">Not none, dynamic, pNN or a number.</exception>
    public static Vigil.Pipeline.ThresholdRule ParseThreshold(string? text)
    {
        try
        {
            return Vigil.Pipeline.ThresholdRule.Parse(text ?? "none");
        }
        catch (FormatException e)
        {
            throw new CliUsageException("--threshold: " + e.Message);
        }
    }

    /// <summary><c>--calibrate METHOD</c>: the causal calibration stage (default: the detector's own).</summary>
    public static Option<string?> Calibrate() => new("--calibrate")
    {
        Description = "Calibrate the raw scores causally before thresholds: none, likelihood (NAB's anomaly likelihood of the raw scores, log-scaled), "
            + "ecdf (rank among the previous scores) or gaussian-tail (normal fitted to the previous scores). Default: the detector's documented calibration "
            + "('vigil detectors list'); windows and smoothing via --set calibration={...} or the options file's 'calibration' key.",
        HelpName = string.Join("|", Vigil.Pipeline.CalibrationSpec.MethodNames),
    };

    /// <summary>Parses a <see cref="Calibrate"/> value.</summary>
    /// <exception cref="CliUsageException">Not a calibration method.</exception>
    public static Vigil.Pipeline.CalibrationMethod ParseCalibration(string text)
    {
        try
        {
            return Vigil.Pipeline.CalibrationSpec.ParseMethod(text);
        }
        catch (FormatException e)
        {
            throw new CliUsageException("--calibrate: " + e.Message);
        }
    }

    /// <summary><c>--thresholds FILE</c>.</summary>
    public static Option<string?> Thresholds() => new("--thresholds") { Description = "NAB thresholds.json to score with (default: optimise, or the corpus' config/thresholds.json for detectors it lists).", HelpName = "FILE" };

    /// <summary><c>--quiet</c>: no progress display.</summary>
    public static Option<bool> Quiet() => new("--quiet", "-q") { Description = "Show no progress on stderr (it appears for work over about 2 s; VIGIL_PROGRESS=always|never overrides)." };

    /// <summary><c>--json</c>: print one JSON document instead of tables.</summary>
    public static Option<bool> Json() => new("--json") { Description = "Print the results as one JSON document on standard output instead of tables (for scripts)." };

    /// <summary><c>--optimize</c>.</summary>
    public static Option<bool> Optimize() => new("--optimize") { Description = "Choose each profile's threshold with NAB's sweep (§8) instead of reading it." };
}
