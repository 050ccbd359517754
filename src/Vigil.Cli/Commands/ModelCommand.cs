using System.CommandLine;
using System.Globalization;
using Vigil.Detection;
using Vigil.Experiments.Tracking;
using Spectre.Console;
using Vigil.Cli.Input;
using Vigil.Cli.Rendering;
using Vigil.Detectors.Torch.LstmAutoencoder;
using Vigil.IO;
using Vigil.Thresholds;

namespace Vigil.Cli.Commands;

/// <summary>
/// <c>vigil model train</c> (fit an lstm-autoencoder on a series and save it under <c>models/trained/&lt;name&gt;/</c>)
/// and <c>vigil model export --format onnx</c> (write <c>model.onnx</c> beside it, for <c>lstm-autoencoder-onnx</c>).
/// </summary>
public static class ModelCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var command = new Command("model", "Train, save and export models.");
        command.Subcommands.Add(Train(context));
        command.Subcommands.Add(Export(context));
        return command;
    }

    private static Option<string> Name() => new("--name", "-n") { Description = "Model name: the folder under --models-dir.", Required = true, HelpName = "NAME" };

    private static Option<string> ModelsDir() => new("--models-dir") { Description = "Where trained models live.", DefaultValueFactory = _ => Path.Combine("models", "trained"), HelpName = "DIR" };

    private static Command Train(CliContext context)
    {
        var name = Name();
        var modelsDir = ModelsDir();
        var optionsFile = CommonOptions.OptionsFile();
        var set = CommonOptions.Set();
        var input = new Option<string>("--input", "-i") { Description = "Training series CSV ('timestamp','value').", Required = true, HelpName = "SERIES.csv" };
        var rows = new Option<int?>("--train-rows") { Description = "Train on the first ROWS rows only (default: all).", HelpName = "ROWS" };
        var tracking = new TrackingOptions("training");
        var command = new Command("train", "Fit lstm-autoencoder on a series; save manifest.json (with the p99 threshold of training errors) and weights.bin.")
        {
            name, modelsDir, optionsFile, set, input, rows,
        };
        tracking.AddTo(command);
        command.SetAction(parse =>
        {
            var series = SeriesInput.Read(context, parse.GetValue(input)!, new CsvReadOptions());
            int length = Math.Clamp(parse.GetValue(rows) ?? series.Length, 1, series.Length);
            var train = series.Slice(0, length);
            var json = DetectorOptionsInput.Load(parse.GetValue(optionsFile), parse.GetValue(set));
            using var detector = (LstmAutoencoderDetector)context.Registry.Create(LstmAutoencoderDetector.Descriptor.Name, json);
            tracking.Tags(parse);
            using var tracked = tracking.Start(parse, context, "model train");
            tracked.Run.LogDetector(LstmAutoencoderDetector.Descriptor.Name, OptionsBinder.ToJson(detector.Options));
            tracked.Run.LogParameters(new Dictionary<string, string> { ["input"] = parse.GetValue(input)!, ["train_rows"] = length.ToString(CultureInfo.InvariantCulture) });
            EpochProgressBar.Attach(detector, context.Error);
            detector.TrainingProgress = tracked.Run.EpochLogger(detector.TrainingProgress);
            var clock = System.Diagnostics.Stopwatch.StartNew();
            detector.Fit(train, context.Cancellation);
            tracked.Run.LogMetric("train_seconds", clock.Elapsed.TotalSeconds);
            var thresholder = new PercentileThresholder(99);
            thresholder.Fit(detector.ScoreSamples(train));
            string directory = Path.Combine(parse.GetValue(modelsDir)!, parse.GetValue(name)!);
            TrainedModelDirectory.Save(directory, detector, train, "p99", thresholder.Threshold,
                typeof(ModelCommand).Assembly.GetName().Version?.ToString(3) ?? "0");
            context.Error.MarkupLine($"[green]saved[/] {Markup.Escape(directory)} (p99 threshold {thresholder.Threshold:G6})");
            tracked.Run.LogMetric("threshold.p99", thresholder.Threshold);
            tracked.Run.SetTag("model.path", directory);
            TrackModelFiles(tracked.Run, directory);
            tracked.Complete();
            return CliExitCode.Ok;
        });
        return command;
    }

    // The model's manifest goes with the run (the weights stay in the model folder the model.path tag names).
    private static void TrackModelFiles(IRun run, string directory)
    {
        string manifest = Path.Combine(directory, "manifest.json");
        if (File.Exists(manifest))
        {
            using var stream = File.OpenRead(manifest);
            run.LogArtifactAsync("model/manifest.json", stream).AsTask().GetAwaiter().GetResult();
        }
    }

    private static Command Export(CliContext context)
    {
        var name = Name();
        var modelsDir = ModelsDir();
        var format = new Option<string>("--format") { Description = "Export format: onnx (lstm-autoencoder) or json (an htm model saved by 'vigil detect --save-model': its learned connections).", DefaultValueFactory = _ => "onnx", HelpName = "FORMAT" };
        format.AcceptOnlyFromAmong("onnx", "json");
        var command = new Command("export", "Export a trained model (ONNX: opset 17 graph with ONNX's LSTM operator, scored by lstm-autoencoder-onnx; JSON: an HTM model's temporal-memory connections).")
        {
            name, modelsDir, format,
        };
        command.SetAction(parse =>
        {
            string directory = Path.Combine(parse.GetValue(modelsDir)!, parse.GetValue(name)!);
            if (!Directory.Exists(directory))
            {
                throw new CliUsageException($"No trained model at {directory}; train one with 'vigil model train'.");
            }

            if (parse.GetValue(format) == "json")
            {
                string modelPath = Path.Combine(directory, SavedModels.FileName);
                var detector = (Vigil.Detectors.Htm.HtmDetector)SavedModels.Load(modelPath, Vigil.Detectors.Htm.HtmDetector.Descriptor.Name, optionsGiven: false);
                string jsonPath = Path.Combine(directory, "connections.json");
                AtomicFile.Write(jsonPath, detector.WriteConnectionsJson);
                context.Error.MarkupLine($"[green]wrote[/] {Markup.Escape(jsonPath)}");
                return CliExitCode.Ok;
            }

            string path = TrainedModelDirectory.ExportOnnx(directory);
            context.Error.MarkupLine($"[green]wrote[/] {Markup.Escape(path)}");
            return CliExitCode.Ok;
        });
        return command;
    }
}
