using System.CommandLine;
using Vigil.Cli.Input;

namespace Vigil.Cli.Commands;

/// <summary>The options that say what to run on NAB, shared by <c>nab run</c> and <c>nab benchmark</c>.</summary>
public sealed class NabRunOptions
{
    private readonly Option<string> _detector = CommonOptions.Detector();
    private readonly Option<string?> _optionsFile = CommonOptions.OptionsFile();
    private readonly Option<string?> _config = CommonOptions.Config();
    private readonly Option<string[]> _set = CommonOptions.Set();
    private readonly Option<string?> _nabRoot = CommonOptions.NabRoot();
    private readonly Option<string> _output = new("--out", "-o") { Description = "Results folder; receives <detector>/<category>/<detector>_<file>.csv.", DefaultValueFactory = _ => "results", HelpName = "RESULTS_DIR" };
    private readonly Option<string?> _files = CommonOptions.Files();
    private readonly Option<string?> _category = CommonOptions.Category();
    private readonly Option<int> _parallel = CommonOptions.Parallel();
    private readonly Option<int> _scoreDigits = CommonOptions.ScoreDigits();
    private readonly Option<string?> _calibrate = CommonOptions.Calibrate();
    private readonly Option<bool> _resume = new("--resume") { Description = "Keep the results of files already complete from a run with the same detector and options (an interrupted run continues); run the rest." };
    private readonly Option<bool> _quiet = CommonOptions.Quiet();
    private readonly ExecutorOptions _executor = new();

    /// <summary>Adds every option to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        Option[] options = [_detector, _optionsFile, _config, _set, _nabRoot, _output, _files, _category, _parallel, _scoreDigits, _calibrate, _resume, _quiet];
        foreach (var option in options)
        {
            command.Options.Add(option);
        }

        _executor.AddTo(command);
    }

    /// <summary>The request the parsed options describe (options file read, corpus located).</summary>
    public NabRunRequest ToRequest(ParseResult parse, CliContext context) => new(
        parse.GetValue(_detector)!,
        DetectorOptionsInput.WithCalibration(ModelConfigInput.Apply(parse.GetValue(_config), context.Registry.Get(parse.GetValue(_detector)!), DetectorOptionsInput.Load(parse.GetValue(_optionsFile), parse.GetValue(_set))), parse.GetValue(_calibrate)),
        NabRootLocator.Resolve(parse.GetValue(_nabRoot), context),
        parse.GetValue(_output)!,
        parse.GetValue(_files),
        parse.GetValue(_category),
        parse.GetValue(_parallel),
        parse.GetValue(_scoreDigits),
        parse.GetValue(_resume),
        parse.GetValue(_quiet),
        _executor.Read(parse, context));
}
