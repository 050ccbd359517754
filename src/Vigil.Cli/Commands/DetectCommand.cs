using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Vigil.Cli.Input;
using Vigil.Detection;
using Vigil.IO;
using Vigil.Persistence;
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
        var config = CommonOptions.Config();
        var input = new Option<string>("--input", "-i") { Description = "Series CSV with 'timestamp' and 'value' columns; - reads standard input.", Required = true, HelpName = "SERIES.csv" };
        var output = new Option<string>("--out", "-o") { Description = "Where to write timestamp,value,anomaly_score; - writes standard output.", Required = true, HelpName = "SCORES.csv" };
        var allowUnordered = new Option<bool>("--allow-unordered") { Description = "Accept repeated or backward timestamps and keep file order (otherwise they are an error)." };
        var probation = new Option<int?>("--probation") { Description = "Rows a batch detector trains on before scoring (default: 15% of the rows, at most 750, as NAB).", HelpName = "ROWS" };
        var inputMin = new Option<double?>("--input-min") { Description = "Known lower bound of the values, for detectors that use an input range." };
        var inputMax = new Option<double?>("--input-max") { Description = "Known upper bound of the values." };
        var threshold = CommonOptions.Threshold();
        var calibrate = CommonOptions.Calibrate();
        var saveModel = new Option<string?>("--save-model") { Description = "After the run, save the detector's whole state (any detector) as a new version MODELS_DIR/NAME/<version>/model.vigil, to continue later with --load-model.", HelpName = "NAME" };
        var loadModel = new Option<string?>("--load-model") { Description = "Continue a saved detector on this series as one uninterrupted run (its options, calibration, probation, input range and refit policy come from the model).", HelpName = "NAME[@VERSION]" };
        var model = new Option<string?>("--model") { Description = "Score this series with a saved model and its saved threshold (adds the 'alarm' column when the model has one); continues like --load-model.", HelpName = "NAME[@VERSION]" };
        var modelsDir = new Option<string>("--models-dir") { Description = "Where saved models live.", DefaultValueFactory = _ => ModelStoreAccess.DefaultRoot, HelpName = "DIR" };
        var quiet = CommonOptions.Quiet();

        var command = new Command("detect", "Run one detector causally over a series file and write its anomaly scores.")
        {
            detector, optionsFile, config, set, input, output, allowUnordered, probation, inputMin, inputMax, threshold, calibrate, saveModel, loadModel, model, modelsDir, quiet,
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
            string? modelName = parse.GetValue(model);
            string? loadName = parse.GetValue(loadModel) ?? modelName;
            if (parse.GetValue(loadModel) is not null && modelName is not null)
            {
                throw new CliUsageException("Give --load-model or --model, not both.");
            }

            string? saveName = parse.GetValue(saveModel) is { } n ? ModelStoreAccess.CheckName(n) : null;   // a bad name fails before the run
            var repository = new ModelRepository(parse.GetValue(modelsDir)!);
            SavedModel? loaded = null;
            if (loadName is not null)
            {
                if (parse.GetValue(optionsFile) is not null || parse.GetValue(set) is { Length: > 0 } || calibration is not null)
                {
                    throw new CliUsageException("--load-model/--model continue a saved detector with its saved options and calibration; --options, --set and --calibrate cannot change them.");
                }

                loaded = ModelStoreAccess.Load(repository, loadName, context.Registry);
                if (parse.GetValue(detector) is { } expected && expected != loaded.Manifest.Detector)
                {
                    throw new CliUsageException($"Model '{loadName}' holds detector '{loaded.Manifest.Detector}', not '{expected}'.");
                }
            }

            var created = loaded?.Detector ?? CreateConfigured(context,
                parse.GetValue(detector) ?? throw new CliUsageException("Option '--detector' is required (or continue a saved model with --load-model NAME)."),
                parse.GetValue(config), DetectorOptionsInput.Load(parse.GetValue(optionsFile), parse.GetValue(set)), calibration);
            if (saveName is not null && !ModelStore.CanSave(created))
            {
                throw new CliUsageException($"--save-model: detector '{created.Descriptor.Name}' cannot be saved.");
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
            // A loaded detector continues through the runner it was saved with (a batch detector's refit buffer) and keeps
            // its harness context and calibrator state; a batch detector to be saved runs through the same runner so that
            // its buffer can be saved too. Otherwise CausalRun picks the adapter.
            int trainRows = train ?? Probation.TrainingLengthFor(series.Length);
            IAnomalyDetector runner = loaded?.Continue()
                ?? (saveName is not null && created is IBatchDetector batch ? new BatchAsStreaming(batch, RefitPolicy.For(batch.Options, trainRows)) : created);
            var savedCalibration = loaded is null ? null : CalibratorRecord.Restore(loaded.Manifest.Calibrator, loaded.Manifest.Harness?.ProbationRows is > 0 and int rows ? rows : trainRows);
            var run = Rendering.RunProgress.ShowRows(context, created.Descriptor.Name, series.Length, parse.GetValue(quiet),
                rowsDone => CausalRun.Execute(runner, new CausalRunRequest(series)
                {
                    TrainLength = loaded?.Manifest.Harness?.ProbationRows is > 0 and int savedRows ? savedRows : train,
                    InputMin = min,
                    InputMax = max,
                    PrepareDetector = loadName is null,
                    Calibration = savedCalibration?.Spec,
                    Calibrator = savedCalibration?.Calibrator,
                    Threshold = thresholdRule,
                }, rowsDone, context.Cancellation));
            if (saveName is not null)
            {
                var previous = loaded?.Manifest;
                long seenBefore = previous?.Harness?.RowsSeen ?? 0;
                var details = new ModelManifest
                {
                    Detector = created.Descriptor.Name,
                    Options = [],
                    CreatedUtc = context.Time.GetUtcNow(),
                    TrainingData = new TrainingDataInfo(Path.GetFullPath(inputPath), (int)Math.Min(int.MaxValue, seenBefore), series.Length, DataFingerprint.Of(series)),
                    Harness = previous?.Harness is { } h ? h with { RowsSeen = seenBefore + series.Length }
                        : new HarnessContext(run.TrainLength, min, max, (runner as BatchAsStreaming)?.Policy.RefitEvery ?? 0, (runner as BatchAsStreaming)?.Policy.TrainWindow ?? 0, series.Length),
                    Threshold = previous?.Threshold,
                    Calibrator = CalibratorRecord.Of(run.Calibration, run.Calibrator),
                    Metrics = previous?.Metrics ?? new SortedDictionary<string, double>(),
                    Normalization = previous?.Normalization,
                };
                var stored = repository.SaveNewVersion(saveName, stream => ModelStore.Save(stream, created, details, runner as BatchAsStreaming));
                context.Error.MarkupLine($"[green]saved[/] {Markup.Escape(created.Descriptor.Name)} as {Markup.Escape(stored.ToString())} ({Markup.Escape(stored.Path)})");
            }

            var scores = run.Scores;
            // --model without --threshold: the saved threshold, if the model has one.
            bool savedThreshold = modelName is not null && thresholdRule.Kind == ThresholdKind.None && loaded?.Manifest.ThresholdValue is not null;
            var alarms = savedThreshold
                ? new Thresholds.FixedThresholder(loaded!.Manifest.ThresholdValue!.Value).Apply(new ScoreSeries(scores, 0))
                : run.Alarms;
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
                + (alarms is null ? "" : $" with {alarms.Count} alarms ({(savedThreshold ? "saved" : thresholdRule.ToString())}, threshold after training {alarms.Thresholds.Span[Math.Max(0, trained)].ToString("G6", CultureInfo.InvariantCulture)})"));
            return CliExitCode.Ok;
        });

        return command;
    }

    // The detector's options: its section of the model config (configs/model_config.yaml or --config), under the
    // options file and --set, with --calibrate on top.
    private static IAnomalyDetector CreateConfigured(CliContext context, string name, string? configPath, System.Text.Json.JsonElement? options, string? calibration)
    {
        var descriptor = context.Registry.Get(name);
        return context.Registry.Create(name, DetectorOptionsInput.WithCalibration(ModelConfigInput.Apply(configPath, descriptor, options), calibration));
    }
}
