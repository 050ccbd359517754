using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Vigil.Cli.Input;
using Vigil.Detection;
using Vigil.IO;

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
        var input = new Option<string>("--input", "-i") { Description = "Series CSV with 'timestamp' and 'value' columns.", Required = true, HelpName = "SERIES.csv" };
        var output = new Option<string>("--out", "-o") { Description = "Where to write timestamp,value,anomaly_score.", Required = true, HelpName = "SCORES.csv" };
        var allowUnordered = new Option<bool>("--allow-unordered") { Description = "Accept repeated or backward timestamps and keep file order (otherwise they are an error)." };
        var probation = new Option<int?>("--probation") { Description = "Rows a batch detector trains on before scoring (default: 15% of the rows, at most 750, as NAB).", HelpName = "ROWS" };
        var inputMin = new Option<double?>("--input-min") { Description = "Known lower bound of the values, for detectors that use an input range." };
        var inputMax = new Option<double?>("--input-max") { Description = "Known upper bound of the values." };
        var threshold = new Option<string>("--threshold")
        {
            Description = "Add an 'alarm' column: p99 = 99th percentile (scipy) of the detector's scores on its training rows; dynamic = rolling 99th percentile of the previous scores (window = probation rows, seeded with the training scores); none = scores only.",
            DefaultValueFactory = _ => "none",
            HelpName = "p99|dynamic|none",
        };
        threshold.AcceptOnlyFromAmong("p99", "dynamic", "none");
        var saveModel = new Option<string?>("--save-model") { Description = "After the run, save the detector's whole state as MODELS_DIR/NAME/model.vigil (htm), to continue later with --load-model.", HelpName = "NAME" };
        var loadModel = new Option<string?>("--load-model") { Description = "Continue a saved detector (from --save-model) on this series instead of starting a new one; its options come from the model.", HelpName = "NAME" };
        var modelsDir = new Option<string>("--models-dir") { Description = "Where saved models live.", DefaultValueFactory = _ => Path.Combine("models", "trained"), HelpName = "DIR" };

        var command = new Command("detect", "Run one detector causally over a series file and write its anomaly scores.")
        {
            detector, optionsFile, config, set, input, output, allowUnordered, probation, inputMin, inputMax, threshold, saveModel, loadModel, modelsDir,
        };
        command.SetAction(parse =>
        {
            string inputPath = parse.GetValue(input)!;
            string outputPath = parse.GetValue(output)!;
            var readOptions = new CsvReadOptions { Order = parse.GetValue(allowUnordered) ? TimestampOrder.FileOrder : TimestampOrder.Strict };
            var series = CsvSeriesReader.Read(inputPath, readOptions);

            string? loadName = parse.GetValue(loadModel);
            string? saveName = parse.GetValue(saveModel);
            string? savePath = saveName is null ? null : ModelPath(parse.GetValue(modelsDir)!, saveName);   // a bad name fails before the run
            var created = loadName is null
                ? CreateConfigured(context, parse.GetValue(detector) ?? throw new CliUsageException("Option '--detector' is required (or continue a saved model with --load-model NAME)."),
                    parse.GetValue(config), DetectorOptionsInput.Load(parse.GetValue(optionsFile), parse.GetValue(set)))
                : SavedModels.Load(ModelPath(parse.GetValue(modelsDir)!, loadName), parse.GetValue(detector), parse.GetValue(optionsFile) is not null || parse.GetValue(set) is { Length: > 0 });
            if (savePath is not null && !SavedModels.CanSave(created))
            {
                throw new CliUsageException($"--save-model: detector '{created.Descriptor.Name}' cannot be saved mid-stream (supported: {string.Join(", ", SavedModels.Supported)}).");
            }

            Rendering.EpochProgressBar.Attach(created, context.Error);
            int train = parse.GetValue(probation) ?? Math.Max(1, Math.Min(15 * series.Length / 100, 750));
            if (train < 1)
            {
                throw new CliUsageException($"--probation must be at least 1, got {train}.");
            }

            var streaming = created switch
            {
                IStreamingDetector s => s,
                IBatchDetector b => new BatchAsStreaming(b, new RefitPolicy(train, (b.Options as IRefitOptions)?.RefitEvery ?? 0, (b.Options as IRefitOptions)?.TrainWindow ?? 0)),
                _ => throw new InvalidOperationException($"Detector '{created.Descriptor.Name}' has no runnable protocol."),
            };

            double min = parse.GetValue(inputMin) ?? double.NaN;
            double max = parse.GetValue(inputMax) ?? double.NaN;
            if (double.IsFinite(min) != double.IsFinite(max) || min > max)
            {
                throw new CliUsageException("--input-min and --input-max go together, with min ≤ max.");
            }

            // A loaded detector keeps the context it was started with; a new one gets this run's.
            var scored = StreamingRunner.Run(streaming, series, loadName is null ? new SeriesContext(train, min, max) : null);
            if (savePath is not null)
            {
                SavedModels.Save(savePath, created, series.Length);
                context.Error.MarkupLine($"[green]saved[/] {Markup.Escape(created.Descriptor.Name)} state to {Markup.Escape(savePath)}");
            }

            var scores = scored.Scores.Span.ToArray();
            var alarms = Alarms(parse.GetValue(threshold)!, created, series, scored, Math.Min(train, series.Length));
            var timestamps = series.Timestamps.Span.ToArray();
            var values = series.Values.Span.ToArray();
            AtomicFile.WriteText(outputPath, w =>
            {
                w.WriteLine(alarms is null ? "timestamp,value,anomaly_score" : "timestamp,value,anomaly_score,alarm");
                for (int i = 0; i < scores.Length; i++)
                {
                    w.Write(FormatTimestamp(timestamps[i]));
                    w.Write(',');
                    w.Write(values[i].ToString("R", CultureInfo.InvariantCulture));
                    w.Write(',');
                    w.Write(scores[i].ToString("R", CultureInfo.InvariantCulture));
                    w.WriteLine(alarms is null ? "" : alarms.Alarms.Span[i] ? ",1" : ",0");
                }
            });

            context.Error.MarkupLine($"[green]wrote[/] {scores.Length} scores to {Markup.Escape(outputPath)}"
                + (alarms is null ? "" : $" with {alarms.Count} alarms ({parse.GetValue(threshold)}, threshold after training {alarms.Thresholds.Span[Math.Min(train, series.Length - 1)].ToString("G6", CultureInfo.InvariantCulture)})"));
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

    /// <summary>
    /// Alarms under the chosen threshold. The "training scores" are a batch detector's own scores on the rows it was
    /// fitted on (its training errors), or a streaming detector's scores over the probation rows. Alarms are only
    /// raised after the probation rows.
    /// </summary>
    private static Thresholds.AlarmSeries? Alarms(string kind, IAnomalyDetector created, TimeSeries series, ScoreSeries scored, int train)
    {
        if (kind == "none")
        {
            return null;
        }

        var trainScores = created is IBatchDetector { IsFitted: true } batch
            ? batch.ScoreSamples(series.Slice(0, train))
            : new ScoreSeries(scored.Scores[..train], Math.Min(scored.WarmupLength, train));
        Thresholds.IThresholder thresholder = kind == "p99"
            ? new Thresholds.PercentileThresholder(99)
            : new Thresholds.RollingPercentileThresholder(Math.Max(1, train), 99);
        thresholder.Fit(trainScores);
        return thresholder.Apply(scored with { WarmupLength = Math.Max(scored.WarmupLength, train) });
    }

    private static string FormatTimestamp(DateTimeOffset t) => t.Ticks % TimeSpan.TicksPerSecond == 0
        ? t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)
        : t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    private static IAnomalyDetector CreateConfigured(CliContext context, string name, string? configPath, System.Text.Json.JsonElement? options)
    {
        var descriptor = context.Registry.Get(name);
        return context.Registry.Create(descriptor.Name, ModelConfigInput.Apply(configPath, descriptor, options));
    }
}
