using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Vigil.Cli.Input;
using Vigil.Evaluation.Nab;
using Vigil.Evaluation.Synthetic;
using Vigil.Evaluation.Training;
using Vigil.IO;
using Vigil.Persistence;

namespace Vigil.Cli.Commands;

/// <summary><c>vigil train --config</c>: train every configured detector on the data and save each model with its metrics.</summary>
public static class TrainCommand
{
    /// <summary>Rows of a <c>synth:KIND</c> series (seed 0).</summary>
    public const int SyntheticLength = 4000;

    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var config = new Option<string>("--config", "-c") { Description = "Detector sections with their options (see docs/model-format.md).", DefaultValueFactory = _ => Path.Combine("configs", "model_config.yaml"), HelpName = "FILE.yaml" };
        var detectors = new Option<string?>("--detectors") { Description = "Only these detectors, comma-separated (default: every section).", HelpName = "a,b" };
        var data = new Option<string>("--data") { Description = "A series CSV, a folder (a NAB-layout corpus, or plain CSVs), nab:CATEGORY (from --nab-root) or synth:KIND (4,000 rows, seed 0).", Required = true, HelpName = "FILE|DIR|nab:CATEGORY|synth:KIND" };
        var nabRoot = CommonOptions.NabRoot();
        var modelsDir = new Option<string>("--models-dir") { Description = "Where models are saved (a new version each).", DefaultValueFactory = _ => ModelStoreAccess.DefaultRoot, HelpName = "DIR" };
        var parallel = CommonOptions.Parallel();
        var tracking = new TrackingOptions("training");
        var command = new Command("train", "Train every configured detector on the data; save each as a model version with its metrics (F1 where labels exist), tracked as one run with a child run per model.")
        {
            config, detectors, data, nabRoot, modelsDir, parallel,
        };
        tracking.AddTo(command);
        command.SetAction(parse =>
        {
            tracking.Tags(parse);
            var only = parse.GetValue(detectors)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var jobs = ModelConfigInput.Read(parse.GetValue(config)!, context.Registry, only, w => context.Error.MarkupLine($"[yellow]warning:[/] {Markup.Escape(w)}"));
            var series = Load(parse.GetValue(data)!, parse.GetValue(nabRoot), context);
            foreach (var (detector, _) in jobs)
            {
                foreach (var s in series)
                {
                    int minimum = ModelTrainer.MinimumRows(context.Registry.Create(detector, jobs.First(j => j.Detector == detector).Options));
                    if (s.Series.ProbationLength < minimum)
                    {
                        throw new CliUsageException($"{detector} needs at least {minimum} training rows (its window); {s.Source} has {s.Series.ProbationLength} probationary rows.");
                    }
                }
            }

            using var tracked = tracking.Start(parse, context, "train");
            tracked.Run.LogParameters(new Dictionary<string, string>
            {
                ["data"] = parse.GetValue(data)!,
                ["detectors"] = string.Join(",", jobs.Select(j => j.Detector)),
                ["series"] = series.Count.ToString(CultureInfo.InvariantCulture),
            });
            var models = new ModelRuns(tracked, jobs);
            IReadOnlyList<TrainingOutcome> outcomes;
            try
            {
                outcomes = ConfiguredTraining.Run(jobs, series, context.Registry, new ModelRepository(parse.GetValue(modelsDir)!), TimeProvider.System,
                    parse.GetValue(parallel), models.LogMetric, models.RunId, context.Cancellation);
                foreach (var o in outcomes)
                {
                    models.Finish(o.Stored.Name, o.Stored.Path);
                }
            }
            finally
            {
                models.Dispose();
            }

            tracked.Complete();
            var table = new Table().Border(TableBorder.Rounded).AddColumns("model", "detector", "data", "threshold (p99)", "F1 (point-adjusted)", "F1 (event)");
            foreach (var o in outcomes)
            {
                table.AddRow(Markup.Escape(o.Stored.ToString()), Markup.Escape(o.Detector), Markup.Escape(o.Source),
                    o.Metrics.TryGetValue("trainScoreP99", out double t) ? t.ToString("G6", CultureInfo.InvariantCulture) : "",
                    o.Metrics.TryGetValue("f1.pointAdjusted", out double f) ? f.ToString("F3", CultureInfo.InvariantCulture) : "",
                    o.Metrics.TryGetValue("f1.event", out double e) ? e.ToString("F3", CultureInfo.InvariantCulture) : "");
            }

            context.Out.Write(table);
            return CliExitCode.Ok;
        });
        return command;
    }

    /// <summary>
    /// The child run of each trained model (created when its training starts: pairs train in parallel), and the one lock
    /// that serialises their logging.
    /// </summary>
    private sealed class ModelRuns(CommandRun parent, IReadOnlyList<(string Detector, System.Text.Json.JsonElement? Options)> jobs) : IDisposable
    {
        private readonly Dictionary<string, Vigil.Experiments.Tracking.IRun> _runs = new(StringComparer.Ordinal);
        private readonly Lock _gate = new();

        public void LogMetric(string model, string name, double value, long step)
        {
            lock (_gate)
            {
                Of(model).LogMetric(Vigil.Experiments.Tracking.RunLogging.TrainingMetricName(name), value, step);
            }
        }

        public string? RunId(string model)
        {
            lock (_gate)
            {
                string id = Of(model).Id;
                return id.Length > 0 ? id : null;
            }
        }

        public void Finish(string model, string path)
        {
            lock (_gate)
            {
                var run = Of(model);
                run.SetTag("model.path", path);
                run.Complete();
            }
        }

        public void Dispose()
        {
            lock (_gate)
            {
                foreach (var run in _runs.Values)
                {
                    run.DisposeAsync().AsTask().GetAwaiter().GetResult();
                }

                _runs.Clear();
            }
        }

        private Vigil.Experiments.Tracking.IRun Of(string model)
        {
            if (!_runs.TryGetValue(model, out var run))
            {
                // Model names are DETECTOR or DETECTOR-SERIES (ConfiguredTraining's rule): the longest matching detector wins.
                var job = jobs.Where(j => model == j.Detector || model.StartsWith(j.Detector + "-", StringComparison.Ordinal)).MaxBy(j => j.Detector.Length);
                run = parent.StartChild(model, new Dictionary<string, string> { ["model"] = model });
                if (job.Detector is not null)
                {
                    Vigil.Experiments.Tracking.RunLogging.LogDetector(run, job.Detector, job.Options?.GetRawText() ?? "{}");
                }

                _runs[model] = run;
            }

            return run;
        }
    }

    private static List<TrainingSeries> Load(string data, string? nabRoot, CliContext context)
    {
        if (data.StartsWith("synth:", StringComparison.Ordinal))
        {
            return SynthCommand.Parse(data["synth:".Length..]).Select(kind =>
            {
                var generated = SyntheticSeriesGenerator.Generate(kind, SyntheticLength, seed: 0);
                var windows = generated.Windows.Select(w => new AnomalyWindow(w.First, w.Last)).ToList();
                return new TrainingSeries($"synth:{SyntheticSeriesGenerator.Name(kind)}", SyntheticSeriesGenerator.Name(kind),
                    new LabeledSeries(generated.Series, windows, NabDataFile.ProbationLengthFor(generated.Series.Length)), Labeled: true);
            }).ToList();
        }

        if (data.StartsWith("nab:", StringComparison.Ordinal))
        {
            string category = data["nab:".Length..];
            var corpus = NabCorpus.Load(NabRootLocator.Resolve(nabRoot, context));
            var files = corpus.Files.Where(f => f.Category == category).ToList();
            if (files.Count == 0)
            {
                throw new CliUsageException($"NAB has no category '{category}' (categories: {string.Join(", ", corpus.Files.Select(f => f.Category).Distinct())}).");
            }

            return files.Select(f => new TrainingSeries($"nab:{f.RelativePath}", Path.GetFileNameWithoutExtension(f.Name), f.LoadLabeled(), Labeled: true)).ToList();
        }

        if (Directory.Exists(data))
        {
            if (File.Exists(Path.Combine(data, "labels", "combined_windows.json")))
            {
                return NabCorpus.Load(data).Files
                    .Select(f => new TrainingSeries(Path.GetFullPath(f.DataPath), Path.GetFileNameWithoutExtension(f.Name), f.LoadLabeled(), Labeled: true)).ToList();
            }

            var csvs = Directory.EnumerateFiles(data, "*.csv").Order(StringComparer.Ordinal).ToList();
            return csvs.Count > 0 ? csvs.Select(Unlabeled).ToList() : throw new CliUsageException($"{data} holds no .csv files.");
        }

        return [Unlabeled(data)];
    }

    private static TrainingSeries Unlabeled(string path)
    {
        var series = CsvSeriesReader.Read(path, new CsvReadOptions());
        return new TrainingSeries(Path.GetFullPath(path), Path.GetFileNameWithoutExtension(path), new LabeledSeries(series, [], NabDataFile.ProbationLengthFor(series.Length)), Labeled: false);
    }
}
