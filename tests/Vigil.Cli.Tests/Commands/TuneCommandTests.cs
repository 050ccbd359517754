using Vigil.Configuration;
using Vigil.Detectors.Torch;
using Vigil.Storage.Sqlite.Studies;
using Vigil.Tuning;

namespace Vigil.Cli.Tests.Commands;

public sealed class TuneCommandTests : IDisposable
{
    private readonly TuningCorpus _corpus = new();

    public void Dispose() => _corpus.Dispose();

    private string Db => _corpus.File("studies.db");

    private string[] Tune(params string[] extra) =>
    [
        "tune", "--detector", "windowed-gaussian", "--nab-root", _corpus.Root, "--storage", Db, "--config", _corpus.File("model_config.yaml"), .. extra,
    ];

    private CliResult Run(params string[] args) => new CliRunner().Run(args);

    [Fact]
    public void TunesWritesTheConfigAndReportsHeldOutScores()
    {
        // From 100: windowed-gaussian refuses a window shorter than its step (100), and a failed trial would add a row.
        var r = Run(Tune("--param", "windowSize=100..400", "--trials", "8", "--study", "wg"));
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("held-out", r.Out);
        Assert.Contains("defaults", r.Out);
        var store = new SqliteTrialStore(Db, readOnly: true);
        var trials = store.List("wg");
        Assert.Equal(8, trials.Count(t => t.State is TrialState.Complete or TrialState.Pruned));
        var best = Study.BestOf(trials, StudyDirection.Maximize)!;
        var section = ModelConfigFile.Load(_corpus.File("model_config.yaml")).Find("windowed-gaussian")!;
        Assert.Equal(((long)best.Parameters["windowSize"]).ToString(System.Globalization.CultureInfo.InvariantCulture), Assert.Single(section.Parameters).Value);
        Assert.Equal("wg", section.Provenance.Single(e => e.Key == "study").Value);
        Assert.Equal("nab.standard", section.Provenance.Single(e => e.Key == "metric").Value);

        var list = Run("study", "list", "--storage", Db);
        Assert.Contains("wg", list.Out);
        var csv = Run("study", "export", "wg", "--storage", Db, "--format", "csv");
        Assert.Equal(9, csv.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Contains("param_windowSize", csv.Out);
        Assert.Contains("\"parameters\"", Run("study", "best", "wg", "--storage", Db).Out);
    }

    [Fact]
    public void AStoredStudyMapsToTheViewWithCategoricalChoicesByName()
    {
        var now = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var study = new Vigil.Tuning.StudyRecord("s", "isolation-forest", "nab.standard", Vigil.Tuning.StudyDirection.Minimize,
            """{"treeCount":"int 10..200","calibration":"categorical none,likelihood,ecdf"}""", "tpe", "none", 7, 1, "data", now);
        Vigil.Tuning.TrialRecord[] stored =
        [
            new(0, Vigil.Tuning.TrialState.Complete, new Dictionary<string, double> { ["treeCount"] = 50, ["calibration"] = 2 }, 12.5, [], now, now.AddSeconds(3), now, "w"),
            new(1, Vigil.Tuning.TrialState.Pruned, new Dictionary<string, double> { ["treeCount"] = 80, ["calibration"] = 0 }, 3.0, [3.0], now, now, now, "w"),
        ];

        var view = Vigil.Cli.Commands.TuningStudyView.From(study, stored);
        Assert.False(view.Maximize);
        Assert.Contains("nab.standard", view.Objective, StringComparison.Ordinal);
        Assert.Equal("ecdf", view.Trials[0].Parameters["calibration"]);
        Assert.Equal(50.0, view.Trials[0].Parameters["treeCount"]);
        Assert.Equal("none", view.Trials[1].Parameters["calibration"]);
        Assert.Null(view.Trials[1].Value);   // a pruned trial's last intermediate is not a result
        Assert.Equal([(0, 12.5, 12.5)], view.BestSoFar());
    }

    [Fact]
    public void TheReportShowsAStudyReadFromTheStudyStore()
    {
        Assert.Equal(0, Run(Tune("--param", "windowSize=20..400", "--trials", "5", "--sampler", "random", "--study", "wg-report")).ExitCode);
        var best = Study.BestOf(new SqliteTrialStore(Db, readOnly: true).List("wg-report"), StudyDirection.Maximize)!;
        string results = _corpus.File("results");
        Assert.Equal(0, Run("nab", "run", "-d", "windowed-gaussian", "--nab-root", _corpus.Root, "--out", results).ExitCode);

        string html = _corpus.File("report.html");
        var r = Run("report", "--results", results, "--nab-root", _corpus.Root, "--study", "wg-report", "--storage", Db, "--out", html);
        Assert.True(r.ExitCode == 0, r.ToString());
        string page = System.IO.File.ReadAllText(html);
        Assert.Contains("\"study\":{\"name\":\"wg-report\",\"maximize\":true", page, StringComparison.Ordinal);
        Assert.Contains(((long)best.Parameters["windowSize"]).ToString(System.Globalization.CultureInfo.InvariantCulture), page, StringComparison.Ordinal);

        var missing = Run("report", "--results", results, "--nab-root", _corpus.Root, "--study", "wg-reprot", "--storage", Db, "--out", _corpus.File("other.html"));
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("Did you mean 'wg-report'", missing.Error, StringComparison.Ordinal);
        Assert.False(System.IO.File.Exists(_corpus.File("other.html")));
    }

    [Fact]
    public void TuningIsTrackedAsARunWithAChildRunPerTrial()
    {
        string runs = _corpus.File("runs");
        var r = Run(Tune("--param", "windowSize=20..400", "--trials", "4", "--sampler", "random", "--study", "tracked", "--tracking-uri", runs));
        Assert.True(r.ExitCode == 0, r.ToString());
        var reader = new CliRunner().WithEnvironment("VIGIL_RUNS_DIR", runs);
        var list = reader.Run("runs", "list", "--experiment", "tuning", "--json");
        Assert.True(list.ExitCode == 0, list.ToString());
        var all = System.Text.Json.Nodes.JsonNode.Parse(list.Out)!.AsArray().Select(n => n!).ToList();
        var parent = Assert.Single(all, n => n["tags"]?["mlflow.parentRunId"] is null);
        var children = all.Where(n => n["tags"]?["mlflow.parentRunId"] is not null).ToList();
        Assert.Equal(4, children.Count);
        Assert.All(children, c => Assert.Equal(parent["id"]!.GetValue<string>(), c["tags"]!["mlflow.parentRunId"]!.GetValue<string>()));
        Assert.Equal("tracked", parent["parameters"]!["study"]!.GetValue<string>());
        Assert.Equal("tune", parent["tags"]!["vigil.command"]!.GetValue<string>());

        var best = Study.BestOf(new SqliteTrialStore(Db, readOnly: true).List("tracked"), StudyDirection.Maximize)!;
        var detail = System.Text.Json.Nodes.JsonNode.Parse(reader.Run("runs", "show", parent["id"]!.GetValue<string>(), "--json").Out)!;
        double tracked = detail["metrics"]!.AsArray().Single(m => m!["name"]!.GetValue<string>() == "best_value")!["value"]!.GetValue<double>();
        Assert.Equal(best.Value!.Value, tracked, 12);
        string bestWindow = ((long)best.Parameters["windowSize"]).ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(bestWindow, parent["parameters"]!["best.windowSize"]!.GetValue<string>());
        var bestChild = children.Single(c => c["tags"]!["trial.number"]!.GetValue<string>() == best.Number.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(bestWindow, bestChild["parameters"]!["option.windowSize"]!.GetValue<string>());
    }

    [Fact]
    public void TheSameCommandResumesItsStudy()
    {
        Assert.Equal(0, Run(Tune("--param", "windowSize=20..400", "--trials", "4", "--sampler", "random")).ExitCode);
        var r = Run(Tune("--param", "windowSize=20..400", "--trials", "6", "--sampler", "random", "--json"));
        Assert.True(r.ExitCode == 0, r.ToString());
        var store = new SqliteTrialStore(Db, readOnly: true);
        var study = Assert.Single(store.ListStudies());
        Assert.Equal(6, store.List(study.Name).Count);
        Assert.Contains("\"bestHeldOut\"", r.Out);
    }

    [Theory]
    [InlineData("unknown parameter", "--param", "windowSise=10..20")]
    [InlineData("inverted range", "--param", "windowSize=400..20")]
    [InlineData("empty range", "--param", "windowSize=20..20")]
    [InlineData("outside the option's allowed range", "--param", "windowSize=0..20")]
    [InlineData("--grid lists grid points", "--grid", "windowSize=20,40", "--sampler", "tpe")]
    [InlineData("needs listed values", "--param", "windowSize=20..400", "--sampler", "grid")]
    [InlineData("Unknown metric", "--param", "windowSize=20..400", "--metric", "nab.best")]
    [InlineData("Unknown sampler", "--param", "windowSize=20..400", "--sampler", "bayes")]
    public void BadInputIsAUsageErrorAndLeavesTheDatabaseAsItWas(string expected, params string[] args)
    {
        Assert.Equal(0, Run(Tune("--param", "windowSize=20..400", "--trials", "2", "--study", "keep")).ExitCode);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var before = new SqliteTrialStore(Db, readOnly: true).List("keep");
        var r = Run(Tune([.. args, "--study", "other"]));
        Assert.True(r.ExitCode == 2, r.ToString());
        Assert.Contains(expected, r.Error, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("   at ", r.Error);
        var store = new SqliteTrialStore(Db, readOnly: true);
        Assert.Equal(before, store.List("keep"), new TrialComparer());
        Assert.Null(store.FindStudy("other"));
    }

    [Fact]
    public void UnknownParameterNamesTheClosestOption()
    {
        var r = Run(Tune("--param", "windowSise=10..20"));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("did you mean 'windowSize'", r.Error);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void ACorruptOrReadOnlyDatabaseIsAUsageErrorAndUntouched()
    {
        var garbage = Enumerable.Range(0, 4096).Select(i => (byte)(i * 7)).ToArray();
        File.WriteAllBytes(Db, garbage);
        var r = Run(Tune("--param", "windowSize=20..400", "--trials", "2"));
        Assert.True(r.ExitCode == 2, r.ToString());
        Assert.Contains("not a usable study database", r.Error);
        Assert.Equal(garbage, File.ReadAllBytes(Db));

        File.Delete(Db);
        var fresh = Run(Tune("--param", "windowSize=20..400", "--trials", "2", "--study", "ro"));
        Assert.True(fresh.ExitCode == 0, fresh.ToString());
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.SetUnixFileMode(Db, UnixFileMode.UserRead);
        var bytes = File.ReadAllBytes(Db);
        r = Run(Tune("--param", "windowSize=20..400", "--trials", "4", "--study", "ro"));
        Assert.True(r.ExitCode == 2, r.ToString());
        Assert.Contains("read-only", r.Error);
        Assert.Equal(bytes, File.ReadAllBytes(Db));
        File.SetUnixFileMode(Db, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    [Fact]
    public void ASpaceFileErrorNamesFileAndLine()
    {
        string space = _corpus.File("space.yaml");
        File.WriteAllText(space, "detector: windowed-gaussian\nparameters:\n  windowSize: 20..400\n  stepSise: [1, 2]\n");
        var r = Run(Tune("--space", space));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains($"{space}:4:", r.Error);
        Assert.Contains("did you mean 'stepSize'", r.Error);

        File.WriteAllText(space, "parameters:\n  windowSize: {low: 20, high: 400, log: true}\n  stepSize: [1, 5]\n");
        Assert.Equal(0, Run(Tune("--space", space, "--trials", "3")).ExitCode);
    }

    [CliBuildFact]
    public void TwoProcessesOnOneStudyNeitherLoseNorDuplicateTrials()
    {
        using var big = new TuningCorpus(files: 6, rows: 6000);
        string db = big.File("studies.db");
        string[] args = ["tune", "--detector", "windowed-gaussian", "--nab-root", big.Root, "--storage", db, "--param", "windowSize=20..400", "stepSize=1..20",
            "--trials", "30", "--study", "shared", "--sync-window", "2", "--write-config", "false"];
        using var a = VigilProcess.Start(big.Root, args);
        using var b = VigilProcess.Start(big.Root, args);
        var runs = new[] { a, b }.Select(p => (p, Out: p.StandardOutput.ReadToEndAsync(), Err: p.StandardError.ReadToEndAsync())).ToArray();
        foreach (var (p, o, e) in runs)
        {
            p.WaitForExit();
            Assert.True(p.ExitCode == 0, o.Result + e.Result);
        }

        var trials = new SqliteTrialStore(db, readOnly: true).List("shared");
        Assert.Equal(30, trials.Count);
        Assert.Equal(Enumerable.Range(0, 30), trials.Select(t => t.Number));
        Assert.All(trials, t => Assert.True(t.State is TrialState.Complete or TrialState.Pruned, $"trial {t.Number}: {t.State} {t.Message}"));
        Assert.Equal(2, trials.Select(t => t.Worker).Distinct().Count());   // both processes ran trials

        // One process alone samples the same parameters for every trial number (the determinism rule).
        string single = big.File("single.db");
        Assert.Equal(0, VigilProcess.Run(big.Root, [.. args[..6], single, .. args[7..]]).ExitCode);
        var alone = new SqliteTrialStore(single, readOnly: true).List("shared");
        Assert.Equal(alone.Select(t => t.Parameters.OrderBy(p => p.Key).ToArray()), trials.Select(t => t.Parameters.OrderBy(p => p.Key).ToArray()));
    }

    [CliBuildFact]
    public void AKilledRunResumesAndItsRunningTrialIsMarkedFailed()
    {
        using var big = new TuningCorpus(files: 6, rows: 6000);
        string db = big.File("studies.db");
        // windowSize from 100: below the default stepSize (100) the options are invalid and those trials fail on their own.
        string[] args = ["tune", "--detector", "windowed-gaussian", "--nab-root", big.Root, "--storage", db, "--param", "windowSize=100..400",
            "--trials", "25", "--study", "resume", "--write-config", "false"];
        using (var first = VigilProcess.Start(big.Root, args))
        {
            var deadline = DateTime.UtcNow.AddMinutes(3);
            while (DateTime.UtcNow < deadline && !first.HasExited)
            {
                Thread.Sleep(100);
                if (File.Exists(db) && Completed(db) >= 3)
                {
                    break;
                }
            }

            Assert.False(first.HasExited, "the first run finished before it could be killed");
            first.Kill(entireProcessTree: true);
            first.WaitForExit();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var (code, output) = VigilProcess.Run(big.Root, args);
        Assert.True(code == 0, output);
        var trials = new SqliteTrialStore(db, readOnly: true).List("resume");
        Assert.DoesNotContain(trials, t => t.State == TrialState.Running);
        Assert.Equal(25, trials.Count(t => t.State is TrialState.Complete or TrialState.Pruned));
        Assert.Equal(Enumerable.Range(0, trials.Count), trials.Select(t => t.Number));
        Assert.All(trials.Where(t => t.State == TrialState.Failed), t => Assert.Contains("stopped without finishing", t.Message));
    }

    [CliBuildFact]
    public void TheLstmGridSweepWritesItsWinnerIntoTheModelConfig()
    {
        // The plan's sweep (hiddenUnits 32,64,128 x dropout 0.1,0.2) shortened: a tiny model, one epoch.
        string config = _corpus.File("model_config.yaml");
        File.WriteAllText(config, "# kept comment\nhtm:\n  parameters:\n    activationThreshold: 12\n  provenance:\n    source: \"hand\"\n");
        var (code, output) = VigilProcess.Run(_corpus.Root, "tune", "--detector", "lstm-autoencoder", "--grid", "hiddenUnits=4,8", "dropout=0.1,0.2", "epochs=1", "window=16",
            "--nab-root", _corpus.Root, "--storage", Db, "--config", config, "--study", "lstm-sweep");
        Assert.True(code == 0, output);
        var trials = new SqliteTrialStore(Db, readOnly: true).List("lstm-sweep");
        Assert.Equal(4, trials.Count);
        var best = Study.BestOf(trials, StudyDirection.Maximize)!;
        var file = ModelConfigFile.Load(config);
        var section = file.Find("lstm-autoencoder")!;
        string text = File.ReadAllText(config);
        Assert.StartsWith("# kept comment\nhtm:\n  parameters:\n    activationThreshold: 12\n", text);
        Assert.Equal("lstm-sweep", section.Provenance.Single(e => e.Key == "study").Value);
        var options = file.OptionsFor(new Vigil.Detection.DetectorRegistry().AddTorchDetectors().Get("lstm-autoencoder"))!;
        Assert.Equal(new[] { 4L, 8L }[(int)best.Parameters["hiddenUnits"]], (long)options["hiddenUnits"]!);
        Assert.Equal(new[] { 0.1, 0.2 }[(int)best.Parameters["dropout"]], (double)options["dropout"]!);
        Assert.Contains("rank", output);
    }

    private static int Completed(string db)
    {
        try
        {
            var store = new SqliteTrialStore(db, readOnly: true);
            return store.ListStudies().Count == 0 ? 0 : store.List("resume").Count(t => t.State == TrialState.Complete);
        }
        catch (Exception e) when (e is StudyStoreException or KeyNotFoundException or Microsoft.Data.Sqlite.SqliteException)
        {
            return 0;
        }
    }
}

/// <summary>A fact that needs the built vigil CLI as a separate process; skipped, saying why, when it is not there.</summary>
internal sealed class CliBuildFactAttribute : FactAttribute
{
    public CliBuildFactAttribute()
    {
        if (VigilProcess.Dll is null)
        {
            Skip = "the vigil CLI build (src/Vigil.Cli/bin/<configuration>) was not found next to the tests";
        }
    }
}

internal sealed class TrialComparer : IEqualityComparer<TrialRecord>
{
    public bool Equals(TrialRecord? x, TrialRecord? y) => x!.Number == y!.Number && x.State == y.State && x.Value == y.Value
        && x.Parameters.OrderBy(p => p.Key).SequenceEqual(y.Parameters.OrderBy(p => p.Key)) && x.Intermediates.SequenceEqual(y.Intermediates);

    public int GetHashCode(TrialRecord obj) => obj.Number;
}
