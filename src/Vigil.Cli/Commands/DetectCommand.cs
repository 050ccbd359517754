using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Vigil.Cli.Input;
using Vigil.Detection;
using Vigil.IO;
using Vigil.Pipeline;

namespace Vigil.Cli.Commands;

/// <summary><c>vigil detect</c>: run one detector over any <c>timestamp,value</c> file.</summary>
public static class DetectCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var detector = CommonOptions.Detector();
        detector.Required = false;   // not needed with --load-model, checked below otherwise
        var optionsFile = CommonOptions.OptionsFile();
        var set = CommonOptions.Set();
        var input = new Option<string>("--input", "-i") { Description = "Series CSV with 'timestamp' and 'value' columns; - reads standard input.", Required = true, HelpName = "SERIES.csv" };
        var output = new Option<string>("--out", "-o") { Description = "Where to write timestamp,value,anomaly_score; - writes standard output.", Required = true, HelpName = "SCORES.csv" };
        var allowUnordered = new Option<bool>("--allow-unordered") { Description = "Accept repeated or backward timestamps and keep file order (otherwise they are an error)." };
        var probation = new Option<int?>("--probation") { Description = "Rows a batch detector trains on before scoring (default: 15% of the rows, at most 750, as NAB).", HelpName = "ROWS" };
        var inputMin = new Option<double?>("--input-min") { Description = "Known lower bound of the values, for detectors that use an input range." };
        var inputMax = new Option<double?>("--input-max") { Description = "Known upper bound of the values." };
        var threshold = CommonOptions.Threshold();
        var calibrate = CommonOptions.Calibrate();
        var saveModel = new Option<string?>("--save-model") { Description = "After the run, save the detector's whole state as MODELS_DIR/NAME/model.vigil (htm), to continue later with --load-model.", HelpName = "NAME" };
        var loadModel = new Option<string?>("--load-model") { Description = "Continue a saved detector (from --save-model) on this series instead of starting a new one; its options come from the model.", HelpName = "NAME" };
        var modelsDir = new Option<string>("--models-dir") { Description = "Where saved models live.", DefaultValueFactory = _ => Path.Combine("models", "trained"), HelpName = "DIR" };
        var quiet = CommonOptions.Quiet();

        var command = new Command("detect", "Run one detector causally over a series file and write its anomaly scores.")
        {
            detector, optionsFile, set, input, output, allowUnordered, probation, inputMin, inputMax, threshold, calibrate, saveModel, loadModel, modelsDir, quiet,
        };
        command.SetAction(parse =>
        {
            string inputPath = parse.GetValue(input)!;
            string outputPath = parse.GetValue(output)!;
            Rendering.OutputFile.Check("--out", outputPath);
            Rendering.OutputFile.EnsureNotInput(inputPath, outputPath);
            var readOptions = new CsvReadOptions
            {
                Order = parse.GetValue(allowUnordered) ? TimestampOrder.FileOrder : TimestampOrder.Strict,
                UnorderedHint = ", or read it in file order (--allow-unordered)",
            };
            var series = SeriesInput.Read(context, inputPath, readOptions);

            var thresholdRule = CommonOptions.ParseThreshold(parse.GetValue(threshold));
            string? calibration = parse.GetValue(calibrate);
            string? loadName = parse.GetValue(loadModel);
            string? saveName = parse.GetValue(saveModel);
            string? savePath = saveName is null ? null : ModelPath(parse.GetValue(modelsDir)!, saveName);   // a bad name fails before the run
            var created = loadName is null
                ? context.Registry.Create(
                    parse.GetValue(detector) ?? throw new CliUsageException("Option '--detector' is required (or continue a saved model with --load-model NAME)."),
                    DetectorOptionsInput.WithCalibration(DetectorOptionsInput.Load(parse.GetValue(optionsFile), parse.GetValue(set)), calibration))
                : SavedModels.Load(ModelPath(parse.GetValue(modelsDir)!, loadName), parse.GetValue(detector), parse.GetValue(optionsFile) is not null || parse.GetValue(set) is { Length: > 0 });
            if (savePath is not null && !SavedModels.CanSave(created))
            {
                throw new CliUsageException($"--save-model: detector '{created.Descriptor.Name}' cannot be saved mid-stream (supported: {string.Join(", ", SavedModels.Supported)}).");
            }

            Rendering.EpochProgressBar.Attach(created, context.Error);
            int? train = parse.GetValue(probation);
            if (train < 1)
            {
                throw new CliUsageException($"--probation must be at least 1, got {train}.");
            }

            if (train >= series.Length && parse.GetValue(probation) is not null)
            {
                context.Error.MarkupLine($"[yellow]warning:[/] --probation {train} is not below the series' {series.Length} rows: every row is a training (probation) row, so every score is in-sample and no alarm can be raised. Give fewer probation rows than the series has.");
            }

            double min = parse.GetValue(inputMin) ?? double.NaN;
            double max = parse.GetValue(inputMax) ?? double.NaN;
            if (double.IsFinite(min) != double.IsFinite(max) || min > max)
            {
                throw new CliUsageException("--input-min and --input-max go together, with min ≤ max.");
            }

            // A loaded detector keeps the context it was started with; a new one gets this run's.
            var run = Rendering.RunProgress.ShowRows(context, created.Descriptor.Name, series.Length, parse.GetValue(quiet),
                rowsDone => CausalRun.Execute(created, new CausalRunRequest(series)
                {
                    TrainLength = train,
                    InputMin = min,
                    InputMax = max,
                    PrepareDetector = loadName is null,
                    Calibration = loadName is null || calibration is null ? null : created.Options.Calibration with { Method = CommonOptions.ParseCalibration(calibration) },
                    Threshold = thresholdRule,
                }, rowsDone, context.Cancellation));
            if (savePath is not null)
            {
                SavedModels.Save(savePath, created, series.Length);
                context.Error.MarkupLine($"[green]saved[/] {Markup.Escape(created.Descriptor.Name)} state to {Markup.Escape(savePath)}");
            }

            var scores = run.Scores;
            var alarms = run.Alarms;
            bool thresholdColumn = thresholdRule.Kind == ThresholdKind.Dynamic;
            var timestamps = series.Timestamps.Span.ToArray();
            var values = series.Values.Span.ToArray();
            var timestampFormat = TimestampFormat.For(timestamps);
            Rendering.OutputFile.WriteText(context, "--out", outputPath, w =>
            {
                w.WriteLine(alarms is null ? "timestamp,value,anomaly_score" : thresholdColumn ? "timestamp,value,anomaly_score,threshold,alarm" : "timestamp,value,anomaly_score,alarm");
                for (int i = 0; i < scores.Length; i++)
                {
                    w.Write(timestampFormat.Format(timestamps[i]));
                    w.Write(',');
                    w.Write(values[i].ToString("R", CultureInfo.InvariantCulture));
                    w.Write(',');
                    w.Write(scores[i].ToString("R", CultureInfo.InvariantCulture));
                    if (thresholdColumn)
                    {
                        w.Write(',');
                        w.Write(alarms!.Thresholds.Span[i].ToString("R", CultureInfo.InvariantCulture));
                    }

                    w.WriteLine(alarms is null ? "" : alarms.Alarms.Span[i] ? ",1" : ",0");
                }
            });

            int trained = Math.Min(run.TrainLength, series.Length - 1);
            string calibrated = run.Calibration.IsNone ? "" : $", calibrated: {run.Calibration}";
            context.Error.MarkupLine($"[green]wrote[/] {scores.Length} scores to {Markup.Escape(Rendering.OutputFile.Describe(outputPath))}{Markup.Escape(calibrated)}"
                + (alarms is null ? "" : $" with {alarms.Count} alarms ({thresholdRule}, threshold after training {alarms.Thresholds.Span[Math.Max(0, trained)].ToString("G6", CultureInfo.InvariantCulture)})"));
            return CliExitCode.Ok;
        });

        return command;
    }

    private static string ModelPath(string modelsDir, string name)
    {
        if (name.Length == 0 || name.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0 || name is "." or "..")
        {
            throw new CliUsageException($"Model name '{name}' is not a valid folder name.");
        }

        return Path.Combine(modelsDir, name, SavedModels.FileName);
    }

}
