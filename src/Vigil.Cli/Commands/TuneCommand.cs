using System.CommandLine;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Spectre.Console;
using Vigil.Cli.Input;
using Vigil.Cli.Rendering;
using Vigil.Configuration;
using Vigil.Evaluation.Nab;
using Vigil.Orleans.Hosting;
using Vigil.Orleans.Tuning;
using Vigil.Storage.Sqlite.Studies;
using Vigil.Tuning;
using Vigil.Tuning.Objectives;
using Vigil.Tuning.Space;
using Vigil.Tuning.Splits;

namespace Vigil.Cli.Commands;

/// <summary><c>vigil tune</c>: tune a detector's options on NAB files with a study (TPE, random or grid), then report and keep the best.</summary>
public static class TuneCommand
{
    /// <summary>The default study database.</summary>
    public const string DefaultStorage = "runs/studies.db";

    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var detector = CommonOptions.Detector();
        var space = new Option<string?>("--space") { Description = "Search space file (YAML; see docs/tuning.md).", HelpName = "FILE" };
        var param = new Option<string[]>("--param") { Description = "Tune an option: KEY (its declared range), KEY=a,b,c (values) or KEY=LO..HI[:log][:step=S] (repeatable).", HelpName = "KEY[=SPEC]", AllowMultipleArgumentsPerToken = true };
        var grid = new Option<string[]>("--grid") { Description = "Grid search over listed values, e.g. --grid hiddenUnits=32,64,128 dropout=0.1,0.2 (implies --sampler grid; trials = grid size).", HelpName = "KEY=VALUES", AllowMultipleArgumentsPerToken = true };
        var trials = new Option<int?>("--trials") { Description = "Complete or pruned trials the study should hold (default 20; a grid's size for --grid).", HelpName = "N" };
        var sampler = new Option<string?>("--sampler") { Description = "tpe (default), tpe-multivariate, random or grid.", HelpName = "NAME" };
        var pruner = new Option<string>("--pruner") { Description = "median (default), asha or none.", DefaultValueFactory = _ => "median", HelpName = "NAME" };
        var cv = new Option<int>("--cv") { Description = "Expanding-window folds per file (time-series cross-validation of the scored rows); 0 = whole files.", DefaultValueFactory = _ => 0, HelpName = "K" };
        var gap = new Option<int>("--gap") { Description = "Rows left out between each fold's training and validation rows.", DefaultValueFactory = _ => 0, HelpName = "G" };
        var metric = new Option<string>("--metric") { Description = "Objective: nab.standard (default), nab.reward_low_FP_rate, nab.reward_low_FN_rate, f1.pointwise|point-adjusted|event[@pNN], loss.", DefaultValueFactory = _ => "nab.standard", HelpName = "METRIC" };
        var files = CommonOptions.Files();
        var category = CommonOptions.Category();
        var holdout = new Option<string?>("--holdout-files") { Description = "Hold out the selected files matching this glob (default: every other file by path).", HelpName = "GLOB" };
        var parallel = new Option<int>("--parallel") { Description = "Trials at once in this process (the cores are shared among them); with --executor orleans, trials at once on the cluster (default: its cores).", DefaultValueFactory = _ => 1, HelpName = "N" };
        var study = new Option<string?>("--study") { Description = "Study name (default: the detector and a hash of the settings, so the same command resumes).", HelpName = "NAME" };
        var storage = new Option<string>("--storage") { Description = "Study database (SQLite).", DefaultValueFactory = _ => DefaultStorage, HelpName = "PATH" };
        var seed = new Option<int>("--seed") { Description = "Study seed (trial k is sampled from (seed, k)); also the detector's seed.", DefaultValueFactory = _ => 0, HelpName = "S" };
        var timeout = new Option<string?>("--timeout") { Description = "Start no trial after this long, e.g. 2h, 30m, 90s.", HelpName = "DURATION" };
        var groups = new Option<int>("--groups") { Description = "File groups per trial: one intermediate value each, for the pruner.", DefaultValueFactory = _ => 3, HelpName = "N" };
        var syncWindow = new Option<int>("--sync-window") { Description = "W: trial k sees the trials below k-W as finished and k-W..k-1 as pending; fixed per study, so 1 or N workers give the same trials.", DefaultValueFactory = _ => 4, HelpName = "W" };
        var writeConfig = new Option<bool>("--write-config") { Description = "Store the best parameters in the model config (default true).", DefaultValueFactory = _ => true };
        var config = new Option<string>("--config") { Description = "Model config to write.", DefaultValueFactory = _ => ModelConfigFile.DefaultPath, HelpName = "FILE" };
        var json = new Option<bool>("--json") { Description = "Print the result as JSON on stdout." };
        var nabRoot = CommonOptions.NabRoot();
        var tracking = new TrackingOptions("tuning");
        var executor = new ExecutorOptions();
        var command = new Command("tune", "Tune a detector's options on NAB files (TPE, random or grid search, with pruning and time-series folds), score the best on held-out files and keep it in the model config.")
        {
            detector, space, param, grid, trials, sampler, pruner, cv, gap, metric, files, category, holdout, parallel, study, storage, seed, timeout, groups, syncWindow, writeConfig, config, json, nabRoot,
        };
        tracking.AddTo(command);
        executor.AddTo(command);
        command.SetAction(parse =>
        {
            tracking.Tags(parse);
            var cluster = executor.Read(parse, context);
            var descriptor = context.Registry.Get(parse.GetValue(detector)!);
            string[] grids = parse.GetValue(grid) ?? [];
            string[] parameters = parse.GetValue(param) ?? [];
            string? spaceFile = parse.GetValue(space);
            string samplerName = (parse.GetValue(sampler) ?? (grids.Length > 0 ? "grid" : "tpe")).ToLowerInvariant();
            if (!Vigil.Tuning.Samplers.Samplers.Names.Contains(samplerName))
            {
                throw new CliUsageException($"--sampler: unknown sampler '{samplerName}'. Known: {string.Join(", ", Vigil.Tuning.Samplers.Samplers.Names)}.");
            }

            if (grids.Length > 0 && samplerName != "grid")
            {
                throw new CliUsageException($"--grid lists grid points, but --sampler is '{samplerName}': drop --sampler (or use --sampler grid), or give the values with --param.");
            }

            if ((grids.Length > 0 ? 1 : 0) + (parameters.Length > 0 ? 1 : 0) + (spaceFile is not null ? 1 : 0) != 1)
            {
                throw new CliUsageException("Say what to tune with exactly one of --space FILE, --param KEY[=SPEC] ... or --grid KEY=VALUES ...");
            }

            var searchSpace = spaceFile is not null
                ? SpaceFileInput.Load(spaceFile, descriptor.OptionsType, descriptor.Name)
                : OptionSearchSpace.Parse(descriptor.OptionsType, descriptor.Name, grids.Length > 0 ? grids : parameters);
            // A range is a grid only with an explicit step: `windowSize=20..400` would silently mean 381 trials.
            if (samplerName == "grid" && parameters.FirstOrDefault(p => p.Contains("..", StringComparison.Ordinal) && !p.Contains(":step=", StringComparison.Ordinal)) is { } range)
            {
                throw new CliUsageException($"The grid sampler needs listed values, but '{range}' is a range: list values (e.g. a=1,2,3) or add :step=S.");
            }

            if (samplerName == "grid" && searchSpace.Parameters.FirstOrDefault(p => !p.IsFinite) is { } continuous)
            {
                throw new CliUsageException($"The grid sampler needs listed values, but '{continuous.Name}' is a continuous range ({continuous.Describe()}): list values (e.g. {continuous.Name}=0.1,0.2) or add :step=S.");
            }

            var tuningMetric = TuningMetric.Parse(parse.GetValue(metric)!);
            int folds = parse.GetValue(cv), gapRows = parse.GetValue(gap), workers = parse.GetValue(parallel);
            if (folds < 0 || gapRows < 0 || workers < 1 || parse.GetValue(groups) < 1 || parse.GetValue(syncWindow) < 0)
            {
                throw new CliUsageException("--cv, --gap and --sync-window must be 0 or more; --parallel and --groups at least 1.");
            }

            int trialCount = parse.GetValue(trials) ?? (samplerName == "grid" ? (int)Math.Min(int.MaxValue, searchSpace.GridSize()) : 20);
            if (trialCount < 1)
            {
                throw new CliUsageException($"--trials must be at least 1, got {trialCount}.");
            }

            var corpus = NabCorpus.Load(NabRootLocator.Resolve(parse.GetValue(nabRoot), context));
            var selected = NabSelection.Select(corpus, parse.GetValue(category), parse.GetValue(files));
            FileSplit split;
            try
            {
                split = FileSplit.Create(corpus, selected, parse.GetValue(holdout));
                if (folds > 0)
                {
                    foreach (var f in split.Tune)
                    {
                        new TimeSeriesSplit(folds, gapRows).Folds(f.ProbationLength, f.RowCount);
                    }
                }
            }
            catch (ArgumentException e)
            {
                throw new CliUsageException(e.Message);
            }

            string scratch = Path.Combine(Path.GetTempPath(), $"vigil-tune-{Environment.ProcessId}-{Guid.NewGuid():N}");
            var request = new TuningRequest(descriptor.Name, searchSpace, samplerName, parse.GetValue(pruner)!.ToLowerInvariant(), trialCount, tuningMetric,
                folds > 0 ? new TimeSeriesSplit(folds, gapRows) : null, split, parse.GetValue(groups), workers, "", parse.GetValue(seed), parse.GetValue(syncWindow),
                ParseDuration(parse.GetValue(timeout)), scratch, corpus);
            request = request with { StudyName = parse.GetValue(study) ?? DefaultStudyName(request) };
            if (!Vigil.Tuning.Pruners.Pruners.Names.Contains(request.Pruner) && request.Pruner != "successive-halving")
            {
                throw new CliUsageException($"--pruner: unknown pruner '{request.Pruner}'. Known: {string.Join(", ", Vigil.Tuning.Pruners.Pruners.Names)}.");
            }

            var store = new SqliteTrialStore(parse.GetValue(storage)!);
            var session = new TuningSession(context.Registry, store);
            bool asJson = parse.GetValue(json);
            context.Error.MarkupLine($"study [bold]{Markup.Escape(request.StudyName)}[/] in {Markup.Escape(store.Path)}: {Markup.Escape(request.DataDescription)}");
            TuningReport report;
            using var tracked = tracking.Start(parse, context, "tune");
            var trialRuns = new TrialRuns(tracked, searchSpace, descriptor.Name);
            try
            {
                report = TuneProgress.Show(asJson ? context.Error : context.Out, searchSpace, tuningMetric.Direction, trialCount, workers,
                    finished =>
                    {
                        void Finished(TrialRecord t)
                        {
                            finished(t);
                            trialRuns.Log(t);
                        }

                        return cluster is null
                            ? session.Run(request, Finished, context.Cancellation)
                            : RunOnCluster(context, session, cluster, request, parse.GetResult(parallel) is { Implicit: false } ? workers : 0, Finished);
                    });
            }
            finally
            {
                if (Directory.Exists(scratch))
                {
                    Directory.Delete(scratch, recursive: true);
                }
            }

            string? configWritten = null;
            if (report.Best is not null && parse.GetValue(writeConfig))
            {
                configWritten = parse.GetValue(config)!;
                ModelConfigFile.WriteSection(configWritten, descriptor.Name, searchSpace.ToOptions(report.Best.Parameters), Provenance(report, request));
            }

            trialRuns.LogStudy(report);
            tracked.Complete();
            if (asJson)
            {
                context.Out.WriteLine(ToJson(report, searchSpace, configWritten).ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            }
            else
            {
                TuneReportRenderer.Render(context.Out, report, searchSpace, request.DataDescription, configWritten);
            }

            return report.Best is null ? CliExitCode.RunFailed : CliExitCode.Ok;
        });

        return command;
    }

    /// <summary>Runs the study's trials on the cluster (<see cref="DistributedTuning"/>) and reports lost silos' trials.</summary>
    private static TuningReport RunOnCluster(CliContext context, TuningSession session, ClusterConnectionOptions cluster, TuningRequest request, int slots, Action<TrialRecord> finished)
    {
        var distributed = new DistributedTuning(session);
        context.Error.MarkupLine($"[grey]executor: Orleans cluster '{Markup.Escape(cluster.ClusterId)}' (Redis {Markup.Escape(cluster.Redis)}); the silos read the NAB files from {Markup.Escape(request.Corpus.Root)}[/]");
        TuningReport report;
        try
        {
            report = distributed.RunAsync(cluster, request, slots, finished, context.Cancellation).GetAwaiter().GetResult();
        }
        catch (ClusterConnectionException e)
        {
            throw new CliUsageException(e.Message);
        }

        if (distributed.Reissued > 0 || distributed.Resubmitted > 0)
        {
            context.Error.MarkupLine($"[yellow]{distributed.Reissued} trial(s) of the study handed out again[/] after their silo was lost or their lease ran out ({distributed.Resubmitted} worker call(s) made again in this run); each trial counted once.");
        }

        return report;
    }

    /// <summary>Parses <c>90s</c>, <c>30m</c>, <c>2h</c> or a TimeSpan (<c>01:30:00</c>).</summary>
    /// <exception cref="CliUsageException">Anything else.</exception>
    public static TimeSpan? ParseDuration(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        char unit = text[^1];
        if (unit is 's' or 'm' or 'h' && double.TryParse(text[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out double n) && n > 0)
        {
            return unit switch { 's' => TimeSpan.FromSeconds(n), 'm' => TimeSpan.FromMinutes(n), _ => TimeSpan.FromHours(n) };
        }

        if (TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var span) && span > TimeSpan.Zero)
        {
            return span;
        }

        throw new CliUsageException($"--timeout '{text}': expected a duration such as 90s, 30m or 2h.");
    }

    private static string DefaultStudyName(TuningRequest r)
    {
        string key = string.Join('|', r.Detector, r.Space.Describe(), r.Metric.Name, r.Sampler, r.Pruner, r.Seed, r.SyncWindow, r.DataDescription);
        string hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..8];
        return $"{r.Detector}-{hash}";
    }

    private static List<KeyValuePair<string, string>> Provenance(TuningReport report, TuningRequest request)
    {
        var best = report.Best!;
        var list = new List<KeyValuePair<string, string>>
        {
            new("study", report.Study.Name),
            new("metric", report.Study.Metric),
            new("value", best.Value!.Value.ToString("R", CultureInfo.InvariantCulture)),
            new("trial", best.Number.ToString(CultureInfo.InvariantCulture)),
            new("split", request.Split.Description),
            new("data", request.DataDescription),
            new("seed", request.Seed.ToString(CultureInfo.InvariantCulture)),
            new("date", TimeProvider.System.GetUtcNow().ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)),
        };
        if (report.Comparison is { } c)
        {
            list.Add(new("heldOut", string.Create(CultureInfo.InvariantCulture, $"{c.BestHoldout:R} (defaults: {c.DefaultHoldout:R})")));
        }

        return list;
    }

    private static JsonObject ToJson(TuningReport report, SearchSpace space, string? configWritten)
    {
        var trials = new JsonArray();
        foreach (var t in report.Trials)
        {
            trials.Add(new JsonObject
            {
                ["number"] = t.Number,
                ["state"] = t.State.ToString().ToLowerInvariant(),
                ["value"] = t.Value,
                ["parameters"] = space.ToOptions(t.Parameters),
                ["intermediates"] = new JsonArray(t.Intermediates.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray()),
            });
        }

        return new JsonObject
        {
            ["study"] = report.Study.Name,
            ["detector"] = report.Study.Detector,
            ["metric"] = report.Study.Metric,
            ["direction"] = report.Study.Direction.ToString().ToLowerInvariant(),
            ["data"] = report.Study.Data,
            ["trials"] = trials,
            ["best"] = report.Best is { } b ? new JsonObject { ["number"] = b.Number, ["value"] = b.Value, ["parameters"] = space.ToOptions(b.Parameters) } : null,
            ["comparison"] = report.Comparison is { } c ? new JsonObject
            {
                ["defaultTune"] = c.DefaultTune, ["bestTune"] = c.BestTune, ["defaultHeldOut"] = c.DefaultHoldout, ["bestHeldOut"] = c.BestHoldout,
            } : null,
            ["config"] = configWritten,
        };
    }
}
