using System.CommandLine;
using System.Globalization;
using Vigil.Detection;
using Vigil.Experiments.Tracking;
using System.Text.Json;
using System.Text.Json.Nodes;
using Spectre.Console;
using Vigil.Cli.Input;
using Vigil.Cli.Rendering;
using Vigil.IO;
using Vigil.Orleans.Training;
using Vigil.Persistence;

namespace Vigil.Cli.Commands;

/// <summary>
/// <c>vigil model train | list | inspect | export | delete</c>: versioned models under <c>models/trained/&lt;name&gt;/&lt;version&gt;/</c>
/// for every registered detector, through <see cref="ModelRepository"/> (no detector is named here).
/// </summary>
public static class ModelCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var command = new Command("model", "Train, list, inspect, export and delete saved models (any detector).");
        command.Subcommands.Add(Train(context));
        command.Subcommands.Add(List(context));
        command.Subcommands.Add(Inspect(context));
        command.Subcommands.Add(Export(context));
        command.Subcommands.Add(Delete(context));
        return command;
    }

    private static Option<string> ModelsDir() => new("--models-dir") { Description = "Where saved models live.", DefaultValueFactory = _ => ModelStoreAccess.DefaultRoot, HelpName = "DIR" };

    // NAME as an argument; --name/-n is kept for the commands of earlier versions.
    private static (Argument<string?> Argument, Option<string?> Option) Reference() =>
        (new Argument<string?>("NAME") { Description = "Model NAME or NAME@VERSION (default: the latest version).", Arity = ArgumentArity.ZeroOrOne },
         new Option<string?>("--name", "-n") { Description = "Same as NAME.", HelpName = "NAME[@VERSION]" });

    private static string ReferenceFrom(ParseResult parse, (Argument<string?> Argument, Option<string?> Option) reference) =>
        parse.GetValue(reference.Argument) ?? parse.GetValue(reference.Option) ?? throw new CliUsageException("Name the model: NAME or NAME@VERSION.");

    private static Command Train(CliContext context)
    {
        var name = new Option<string>("--name", "-n") { Description = "Model name: a new version is saved under --models-dir/NAME/.", Required = true, HelpName = "NAME" };
        var detector = CommonOptions.Detector();
        var modelsDir = ModelsDir();
        var optionsFile = CommonOptions.OptionsFile();
        var set = CommonOptions.Set();
        var input = new Option<string>("--input", "-i") { Description = "Training series CSV ('timestamp','value').", Required = true, HelpName = "SERIES.csv" };
        var rows = new Option<int?>("--train-rows") { Description = "Train on the first ROWS rows only (default: all).", HelpName = "ROWS" };
        var tracking = new TrackingOptions("training");
        var executorOptions = new ExecutorOptions();
        var command = new Command("train", "Train any detector on a series and save it as a new model version, with the p99 threshold of its training scores.")
        {
            name, detector, modelsDir, optionsFile, set, input, rows,
        };
        tracking.AddTo(command);
        executorOptions.AddTo(command);
        command.SetAction(parse =>
        {
            string modelName = ModelStoreAccess.CheckName(parse.GetValue(name)!);
            var series = SeriesInput.Read(context, parse.GetValue(input)!, new CsvReadOptions());
            int length = parse.GetValue(rows) ?? series.Length;
            if (length < 1 || length > series.Length)
            {
                throw new CliUsageException($"--train-rows must be between 1 and the {series.Length} rows of the file, got {length}.");
            }

            var created = context.Registry.Create(parse.GetValue(detector)!, DetectorOptionsInput.Load(parse.GetValue(optionsFile), parse.GetValue(set)));
            try
            {
                if (!ModelStore.CanSave(created))
                {
                    throw new CliUsageException($"Detector '{created.Descriptor.Name}' cannot be saved.");
                }

                int minimum = ModelTrainer.MinimumRows(created);
                if (length < minimum)
                {
                    throw new CliUsageException($"{created.Descriptor.Name} needs at least {minimum} training rows (its window); got {length}.");
                }

                var cluster = executorOptions.Read(parse, context);
                if (cluster is not null && !DistributedModelFit.Supports(created.Descriptor.Name))
                {
                    throw new CliUsageException($"{created.Descriptor.Name} has no distributed trainer (these do: {string.Join(", ", DistributedModelFit.Supported)}); train it with --executor local.");
                }

                tracking.Tags(parse);
                using var tracked = tracking.Start(parse, context, "model train");
                tracked.Run.LogDetector(created.Descriptor.Name, OptionsBinder.ToJson(created.Options));
                tracked.Run.LogParameters(new Dictionary<string, string> { ["input"] = parse.GetValue(input)!, ["train_rows"] = length.ToString(CultureInfo.InvariantCulture) });
                EpochProgressBar.Attach(created, context.Error);
                if (created is IReportsTrainingProgress reporting)
                {
                    reporting.TrainingProgress = tracked.Run.EpochLogger(reporting.TrainingProgress);
                }

                var clock = System.Diagnostics.Stopwatch.StartNew();
                using var executor = ClusterExecutor.Open(context, cluster, 0);
                var trained = executor.Grains is { } grains
                    ? TrainOnCluster(context, new DistributedModelFit(grains), created, series.Slice(0, length), Path.GetFullPath(parse.GetValue(input)!))
                    : ModelTrainer.Train(created, series.Slice(0, length), Path.GetFullPath(parse.GetValue(input)!), 0, context.Time, ct: context.Cancellation);
                using var fitted = trained.Detector == created ? null : trained.Detector as IDisposable;   // a cluster fit returns a new instance
                tracked.Run.LogMetric("train_seconds", clock.Elapsed.TotalSeconds);
                tracked.Run.SetTag("executor", cluster is null ? "local" : "orleans");
                var details = trained.Details with { TrackingRunId = tracked.Run.Id };
                ModelManifest? written = null;
                var stored = new ModelRepository(parse.GetValue(modelsDir)!).SaveNewVersion(modelName, s => written = ModelStore.Save(s, trained.Detector, details, trained.Runner));
                context.Error.MarkupLine($"[green]saved[/] {Markup.Escape(stored.ToString())} ({Markup.Escape(stored.Path)})"
                    + (details.ThresholdValue is { } t ? $", p99 threshold {t.ToString("G6", CultureInfo.InvariantCulture)}" : ""));
                if (details.ThresholdValue is { } threshold)
                {
                    tracked.Run.LogMetric("threshold.p99", threshold);
                }

                tracked.Run.SetTag("model.path", stored.Path);
                TrackManifest(tracked.Run, written ?? details);
                tracked.Complete();
                return CliExitCode.Ok;
            }
            finally
            {
                (created as IDisposable)?.Dispose();
            }
        });
        return command;
    }

    /// <summary>Trains across the cluster's active silos (one forest shard or LSTM replica each); an option the distributed trainer refuses is a usage error.</summary>
    private static TrainedModel TrainOnCluster(CliContext context, DistributedModelFit distributed, IAnomalyDetector created, TimeSeries train, string source)
    {
        int silos = distributed.ActiveSilosAsync().GetAwaiter().GetResult();
        try
        {
            var trained = distributed.Train(created, train, source, context.Time, silos, ct: context.Cancellation);
            context.Error.MarkupLine($"[grey]trained across the cluster: {silos} active silo(s), {trained.Details.Metrics["distributed.workers"].ToString(CultureInfo.InvariantCulture)} forest shard(s) or data-parallel replica(s)[/]");
            return trained;
        }
        catch (NotSupportedException e)
        {
            throw new CliUsageException(e.Message);
        }
    }

    private static Command List(CliContext context)
    {
        var modelsDir = ModelsDir();
        var json = new Option<bool>("--json") { Description = "Print JSON instead of a table." };
        var command = new Command("list", "List saved models and their versions.") { modelsDir, json };
        command.SetAction(parse =>
        {
            var repository = new ModelRepository(parse.GetValue(modelsDir)!);
            var rows = repository.List().Select(m => (Model: m, Manifest: TryManifest(repository, m))).ToList();
            if (parse.GetValue(json))
            {
                var array = new JsonArray();
                foreach (var (m, manifest) in rows)
                {
                    array.Add(new JsonObject
                    {
                        ["name"] = m.Name,
                        ["version"] = m.Version,
                        ["detector"] = manifest.Manifest?.Detector,
                        ["createdUtc"] = manifest.Manifest?.CreatedUtc?.ToString("O", CultureInfo.InvariantCulture),
                        ["threshold"] = manifest.Manifest?.ThresholdValue,
                        ["path"] = m.Path,
                        ["error"] = manifest.Error,
                    });
                }

                context.Out.WriteLine(array.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
                return CliExitCode.Ok;
            }

            if (rows.Count == 0)
            {
                context.Error.MarkupLine($"No saved models in {Markup.Escape(repository.Root)}.");
                return CliExitCode.Ok;
            }

            var table = new Table().Border(TableBorder.Rounded).AddColumns("model", "detector", "created (UTC)", "trained on", "threshold", "path");
            foreach (var (m, manifest) in rows)
            {
                var f = manifest.Manifest;
                table.AddRow(
                    Markup.Escape(m.ToString()),
                    Markup.Escape(f?.Detector ?? "(unreadable)"),
                    f?.CreatedUtc?.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "",
                    f?.TrainingData is { } d ? Markup.Escape($"{Path.GetFileName(d.Source)} ({d.RowCount} rows)") : "",
                    f?.ThresholdValue?.ToString("G6", CultureInfo.InvariantCulture) ?? "",
                    Markup.Escape(manifest.Error ?? m.Path));
            }

            context.Out.Write(table);
            return CliExitCode.Ok;
        });
        return command;
    }

    private static (ModelManifest? Manifest, string? Error) TryManifest(ModelRepository repository, StoredModel model)
    {
        try
        {
            return (repository.ReadManifest(model), null);
        }
        catch (InvalidDataException e)
        {
            return (null, e.Message);
        }
    }

    private static Command Inspect(CliContext context)
    {
        var reference = Reference();
        var modelsDir = ModelsDir();
        var command = new Command("inspect", "Print a saved model's manifest (JSON): detector, options, training data, threshold, metrics, harness.")
        {
            reference.Argument, reference.Option, modelsDir,
        };
        command.SetAction(parse =>
        {
            var repository = new ModelRepository(parse.GetValue(modelsDir)!);
            var model = ModelStoreAccess.Resolve(repository, ReferenceFrom(parse, reference));
            var manifest = repository.ReadManifest(model);
            context.Out.WriteLine(manifest.ToJson());
            context.Error.MarkupLine($"{Markup.Escape(model.ToString())}: {Markup.Escape(model.Path)}");
            return CliExitCode.Ok;
        });
        return command;
    }

    // The model's manifest goes with the run (the model itself stays in the store, at the path the model.path tag names).
    private static void TrackManifest(IRun run, ModelManifest manifest)
    {
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(manifest.ToJson()));
        run.LogArtifactAsync("model/manifest.json", stream).AsTask().GetAwaiter().GetResult();
    }

    private static Command Export(CliContext context)
    {
        var reference = Reference();
        var modelsDir = ModelsDir();
        var format = new Option<string>("--format") { Description = "json (any model: the detector's own JSON if it has one, e.g. htm's connections, else the manifest), onnx, pt or safetensors (lstm-autoencoder).", DefaultValueFactory = _ => "onnx", HelpName = "json|onnx|pt|safetensors" };
        format.AcceptOnlyFromAmong("json", "onnx", "pt", "safetensors");
        var output = new Option<string?>("--out", "-o") { Description = "Where to write (default: beside the model, export.FORMAT).", HelpName = "FILE" };
        var command = new Command("export", "Export a saved model in a format other tools read.")
        {
            reference.Argument, reference.Option, modelsDir, format, output,
        };
        command.SetAction(parse =>
        {
            var repository = new ModelRepository(parse.GetValue(modelsDir)!);
            var model = ModelStoreAccess.Resolve(repository, ReferenceFrom(parse, reference));
            string kind = parse.GetValue(format)!;
            string path = parse.GetValue(output) ?? Path.Combine(model.IsTrainedModelFolder ? model.Path : Path.GetDirectoryName(model.Path)!, "export." + kind);
            var saved = repository.Load(model, context.Registry);
            try
            {
                if (saved.Detector is IExportableModel exportable && exportable.ExportFormats.Contains(kind))
                {
                    AtomicFile.Write(path, stream => Export(exportable, kind, stream));
                }
                else if (kind == "json")
                {
                    AtomicFile.WriteAllText(path, saved.Manifest.ToJson());
                }
                else
                {
                    var formats = (saved.Detector as IExportableModel)?.ExportFormats ?? [];
                    throw new CliUsageException($"{saved.Manifest.Detector} models export {string.Join(", ", formats.Append("json").Distinct())}, not {kind}.");
                }
            }
            finally
            {
                (saved.Detector as IDisposable)?.Dispose();
            }

            context.Error.MarkupLine($"[green]wrote[/] {Markup.Escape(path)}");
            return CliExitCode.Ok;
        });
        return command;
    }

    private static void Export(IExportableModel exportable, string format, Stream destination)
    {
        try
        {
            exportable.Export(format, destination);
        }
        catch (NotSupportedException e)
        {
            throw new CliUsageException(e.Message);
        }
    }

    private static Command Delete(CliContext context)
    {
        var reference = Reference();
        var modelsDir = ModelsDir();
        var command = new Command("delete", "Delete one version (NAME@VERSION) or every version (NAME) of a saved model.")
        {
            reference.Argument, reference.Option, modelsDir,
        };
        command.SetAction(parse =>
        {
            var repository = new ModelRepository(parse.GetValue(modelsDir)!);
            string name = ReferenceFrom(parse, reference);
            ModelStoreAccess.Resolve(repository, name);   // a clear error for a malformed or missing reference
            foreach (var deleted in repository.Delete(name))
            {
                context.Error.MarkupLine($"[green]deleted[/] {Markup.Escape(deleted.ToString())}");
            }

            return CliExitCode.Ok;
        });
        return command;
    }
}
