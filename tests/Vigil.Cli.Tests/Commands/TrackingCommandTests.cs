using System.Globalization;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Vigil.Testing;
using Vigil.Testing.Mlflow;

namespace Vigil.Cli.Tests.Commands;

/// <summary>
/// Experiment tracking from the CLI: <c>model train</c> and <c>nab run/benchmark</c> log runs to the embedded store and to
/// an MLflow server (the in-process fake), <c>vigil runs</c> reads them back, unreachable servers leave runs to push later,
/// and credentials never leak into any output.
/// </summary>
public sealed class TrackingCommandTests : IDisposable
{
    private const string Planted = "vigil-planted-secret-7f3a9c";
    private readonly string _dir = Directory.CreateTempSubdirectory("vigil-tracking-cli-").FullName;

    public TrackingCommandTests()
    {

        var lines = new List<string> { "timestamp,value" };
        var start = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        for (int i = 0; i < 240; i++)
        {
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"{start.AddMinutes(5 * i):yyyy-MM-dd HH:mm:ss},{Math.Sin(i / 6.0) + (i % 7 * 0.01):F4}"));
        }

        File.WriteAllLines(Series, lines);
    }

    private string Series => Path.Combine(_dir, "noisy.csv");

    private string Runs => Path.Combine(_dir, "runs");

    private string Models => Path.Combine(_dir, "models");

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public void TrainingLogsTheLossOfEveryEpochAndRunsListShowsTheRunUnderItsExperiment()
    {
        var train = Train(new CliRunner().WithTorchDetectors(), "--tracking-uri", Runs, "--experiment", "noisy_synthetic", "--tag", "data=synth:noisy");
        Assert.True(train.ExitCode == 0, train.ToString());

        var list = Runner().Run("runs", "list", "--experiment", "noisy_synthetic", "--json");
        Assert.True(list.ExitCode == 0, list.ToString());
        var run = Assert.Single(JsonNode.Parse(list.Out)!.AsArray())!;
        Assert.Equal("finished", run["status"]!.GetValue<string>());
        Assert.Equal("synth:noisy", run["tags"]!["data"]!.GetValue<string>());
        Assert.Equal("model train", run["tags"]!["vigil.command"]!.GetValue<string>());
        Assert.Equal(Path.Combine(Models, "tiny", "1", "model.vigil"), run["tags"]!["model.path"]!.GetValue<string>());   // the store's first version
        Assert.Equal("3", run["parameters"]!["option.epochs"]!.GetValue<string>());
        Assert.Equal("lstm-autoencoder", run["parameters"]!["detector"]!.GetValue<string>());

        var show = Runner().Run("runs", "show", run["id"]!.GetValue<string>(), "--json");
        Assert.True(show.ExitCode == 0, show.ToString());
        var detail = JsonNode.Parse(show.Out)!;
        var losses = detail["metrics"]!.AsArray().Where(m => m!["name"]!.GetValue<string>() == "loss").ToArray();
        Assert.Equal([1L, 2L, 3L], losses.Select(m => m!["step"]!.GetValue<long>()));
        Assert.All(losses, m => Assert.True(m!["value"]!.GetValue<double>() > 0));
        Assert.Contains("model/manifest.json", detail["artifacts"]!.AsArray().Select(a => a!.GetValue<string>()));

        var table = Runner().Run("runs", "list", "--experiment", "noisy_synthetic");
        Assert.Contains(run["id"]!.GetValue<string>(), table.Out, StringComparison.Ordinal);
        Assert.Contains("loss=", table.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void TrainFromTheConfigTracksOneChildRunPerModelWithLossAndF1UnderTheExperiment()
    {
        // The plan's example: "Log LSTM training metrics (loss, F1-score) to MLflow with a 'noisy_synthetic' experiment tag",
        // as `vigil train --detectors lstm-autoencoder --data synth:noisy --experiment noisy_synthetic` (a tiny model here).
        var train = TrainFromConfig(new CliRunner().WithTorchDetectors(), "--tracking-uri", Runs);
        Assert.True(train.ExitCode == 0, train.ToString());

        var runs = LocalRuns("noisy_synthetic");
        Assert.Equal(2, runs.Count);
        var parent = runs.Single(r => r["tags"]?["mlflow.parentRunId"] is null);
        var child = runs.Single(r => r["tags"]?["mlflow.parentRunId"] is not null);
        Assert.Equal("train", parent["tags"]!["vigil.command"]!.GetValue<string>());
        Assert.Equal(parent["id"]!.GetValue<string>(), child["tags"]!["mlflow.parentRunId"]!.GetValue<string>());
        Assert.All(runs, r => Assert.Equal("finished", r["status"]!.GetValue<string>()));
        Assert.Equal("lstm-autoencoder", child["parameters"]!["detector"]!.GetValue<string>());
        Assert.Equal("4", child["parameters"]!["option.hiddenUnits"]!.GetValue<string>());

        var detail = JsonNode.Parse(Runner().Run("runs", "show", child["id"]!.GetValue<string>(), "--json").Out)!;
        var metrics = detail["metrics"]!.AsArray().Select(m => (Name: m!["name"]!.GetValue<string>(), Step: m["step"]!.GetValue<long>(), Value: m["value"]!.GetValue<double>())).ToList();
        Assert.Equal([1L, 2L], metrics.Where(m => m.Name == "loss").Select(m => m.Step));
        Assert.All(metrics.Where(m => m.Name == "loss"), m => Assert.True(m.Value > 0));
        foreach (string f1 in new[] { "f1.pointwise", "f1.point_adjusted", "f1.event", "f1.composite" })
        {
            var value = Assert.Single(metrics, m => m.Name == f1).Value;
            Assert.InRange(value, 0, 1);
        }

        // The saved model names the run that produced it.
        string modelPath = child["tags"]!["model.path"]!.GetValue<string>();
        Assert.True(File.Exists(modelPath), modelPath);
        var manifest = JsonNode.Parse(new CliRunner().Run("model", "inspect", "lstm-autoencoder", "--models-dir", Models).Out)!;
        Assert.Equal(child["id"]!.GetValue<string>(), manifest["trackingRunId"]!.GetValue<string>());
    }

    [Fact]
    public async Task TrainFromTheConfigLandsInMlflowWithTheLossPerEpochAndTheF1()
    {
        using var server = FakeMlflowServer.Start();
        var train = TrainFromConfig(new CliRunner().WithTorchDetectors().WithEnvironment("VIGIL_RUNS_DIR", Runs).WithEnvironment("MLFLOW_TRACKING_URI", server.Uri.ToString()));
        Assert.True(train.ExitCode == 0, train.ToString());

        var local = LocalRuns("noisy_synthetic");
        Assert.Equal(2, local.Count);
        Assert.All(local, r => Assert.Equal("synced", r["sync"]!["state"]!.GetValue<string>()));
        var child = local.Single(r => r["tags"]?["mlflow.parentRunId"] is not null);
        string remoteId = child["sync"]!["remoteRunId"]!.GetValue<string>();
        using var http = new HttpClient();
        var remote = JsonNode.Parse(await http.GetStringAsync(new Uri(server.Uri, $"api/2.0/mlflow/runs/get?run_id={remoteId}")))!["run"]!;
        Assert.Equal("FINISHED", remote["info"]!["status"]!.GetValue<string>());
        var loss = JsonNode.Parse(await http.GetStringAsync(new Uri(server.Uri, $"api/2.0/mlflow/metrics/get-history?run_id={remoteId}&metric_key=loss")))!["metrics"]!.AsArray();
        Assert.Equal([1L, 2L], loss.Select(m => m!["step"]!.GetValue<long>()).Order());
        var f1 = JsonNode.Parse(await http.GetStringAsync(new Uri(server.Uri, $"api/2.0/mlflow/metrics/get-history?run_id={remoteId}&metric_key=f1.event")))!["metrics"]!.AsArray();
        var localF1 = JsonNode.Parse(Runner().Run("runs", "show", child["id"]!.GetValue<string>(), "--json").Out)!["metrics"]!.AsArray()
            .Single(m => m!["name"]!.GetValue<string>() == "f1.event")!["value"]!.GetValue<double>();
        Assert.Equal(localF1, Assert.Single(f1)!["value"]!.GetValue<double>());
    }

    [Fact]
    public async Task WithAnMlflowServerTheRunLandsThereWithTheSameMetricsAndIsKeptLocallyAsSynced()
    {
        using var server = FakeMlflowServer.Start();
        var train = Train(new CliRunner().WithTorchDetectors().WithEnvironment("VIGIL_RUNS_DIR", Runs).WithEnvironment("MLFLOW_TRACKING_URI", server.Uri.ToString()),
            "--experiment", "noisy_synthetic");
        Assert.True(train.ExitCode == 0, train.ToString());

        var local = LocalRuns("noisy_synthetic").Single();
        Assert.Equal("synced", local["sync"]!["state"]!.GetValue<string>());
        string remoteId = local["sync"]!["remoteRunId"]!.GetValue<string>();
        using var http = new HttpClient();
        var remote = JsonNode.Parse(await http.GetStringAsync(new Uri(server.Uri, $"api/2.0/mlflow/runs/get?run_id={remoteId}")))!["run"]!;
        Assert.Equal("FINISHED", remote["info"]!["status"]!.GetValue<string>());
        var history = JsonNode.Parse(await http.GetStringAsync(new Uri(server.Uri, $"api/2.0/mlflow/metrics/get-history?run_id={remoteId}&metric_key=loss")))!["metrics"]!.AsArray();
        var localShow = JsonNode.Parse(Runner().Run("runs", "show", local["id"]!.GetValue<string>(), "--json").Out)!;
        var localLoss = localShow["metrics"]!.AsArray().Where(m => m!["name"]!.GetValue<string>() == "loss").Select(m => m!["value"]!.GetValue<double>());
        Assert.Equal(localLoss, history.OrderBy(m => m!["step"]!.GetValue<long>()).Select(m => m!["value"]!.GetValue<double>()));
        Assert.Contains(server.Requests, r => r.StartsWith("PUT /api/2.0/mlflow-artifacts/artifacts/", StringComparison.Ordinal) && r.EndsWith("/model/manifest.json", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnUnreachableServerIsRetriedThenTheRunIsKeptLocallyAndRunsPushUploadsItLater()
    {
        var time = new InstantTimeProvider();
        string nobody = $"http://127.0.0.1:{FakeMlflowServer.FreePort()}";
        var train = Train(new CliRunner().WithTorchDetectors().WithTime(time).WithEnvironment("VIGIL_RUNS_DIR", Runs), "--tracking-uri", nobody, "--experiment", "offline");
        Assert.True(train.ExitCode == 0, train.ToString());   // tracking never fails the job
        Assert.Contains("unsynced", train.Error, StringComparison.Ordinal);
        Assert.Contains("gave up after 5 attempts", train.Error, StringComparison.Ordinal);
        Assert.Equal([0.5, 1, 2, 4], time.Delays.Take(4).Select(d => d.TotalSeconds));
        var kept = LocalRuns("offline").Single();
        Assert.Equal("unsynced", kept["sync"]!["state"]!.GetValue<string>());
        Assert.Equal("finished", kept["status"]!.GetValue<string>());

        var stillDown = Runner(time).Run("runs", "push", "--to", nobody, "--runs-dir", Runs);
        Assert.Equal(1, stillDown.ExitCode);
        Assert.Contains("stay unsynced", stillDown.Error, StringComparison.Ordinal);

        using var server = FakeMlflowServer.Start();
        var push = Runner(time).Run("runs", "push", "--to", server.Uri.ToString(), "--runs-dir", Runs);
        Assert.True(push.ExitCode == 0, push.ToString());
        var pushed = LocalRuns("offline").Single();
        Assert.Equal("synced", pushed["sync"]!["state"]!.GetValue<string>());
        using var http = new HttpClient();
        string remoteId = pushed["sync"]!["remoteRunId"]!.GetValue<string>();
        var history = JsonNode.Parse(await http.GetStringAsync(new Uri(server.Uri, $"api/2.0/mlflow/metrics/get-history?run_id={remoteId}&metric_key=loss")))!["metrics"]!.AsArray();
        Assert.Equal(3, history.Count);

        var again = Runner(time).Run("runs", "push", "--to", server.Uri.ToString(), "--runs-dir", Runs);
        Assert.Equal(0, again.ExitCode);
        Assert.Contains("nothing to push", again.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void APlantedCredentialAppearsInNoOutputDatabaseArtifactOrModelFile()
    {
        var outputs = new StringBuilder();
        using (var server = FakeMlflowServer.Start("Bearer " + Planted))
        {
            // Token auth against a server that requires it; the URI also carries a planted password.
            var uri = new UriBuilder(server.Uri) { UserName = "ann", Password = Planted + "-pw" }.Uri.ToString();
            var ok = Train(new CliRunner().WithTorchDetectors().WithEnvironment("VIGIL_RUNS_DIR", Runs).WithEnvironment("MLFLOW_TRACKING_TOKEN", Planted),
                "--tracking-uri", uri, "--experiment", "secrets");
            Assert.True(ok.ExitCode == 0, ok.ToString());
            Assert.DoesNotContain("warning", ok.Error, StringComparison.Ordinal);   // the token did authenticate
            Assert.Contains("Bearer " + Planted, server.AuthorizationHeaders);
            outputs.Append(ok.Out).Append(ok.Error);

            // A wrong password: the server refuses, the warning must still not show what was sent.
            var refused = Train(new CliRunner().WithTorchDetectors().WithEnvironment("VIGIL_RUNS_DIR", Runs)
                    .WithEnvironment("MLFLOW_TRACKING_USERNAME", "ann").WithEnvironment("MLFLOW_TRACKING_PASSWORD", Planted),
                "--tracking-uri", server.Uri.ToString(), "--experiment", "secrets", "--name", "tiny2");
            Assert.True(refused.ExitCode == 0, refused.ToString());
            Assert.Contains("UNAUTHENTICATED", refused.Error, StringComparison.Ordinal);
            outputs.Append(refused.Out).Append(refused.Error);
        }

        var time = new InstantTimeProvider();
        var offline = Train(new CliRunner().WithTorchDetectors().WithTime(time).WithEnvironment("VIGIL_RUNS_DIR", Runs).WithEnvironment("MLFLOW_TRACKING_TOKEN", Planted),
            "--tracking-uri", $"http://ann:{Planted}@127.0.0.1:{FakeMlflowServer.FreePort()}", "--experiment", "secrets", "--name", "tiny3");
        Assert.True(offline.ExitCode == 0, offline.ToString());
        outputs.Append(offline.Out).Append(offline.Error);
        foreach (var args in new[] { new[] { "runs", "list", "--json" }, ["runs", "list"] })
        {
            var listed = Runner().Run(args);
            outputs.Append(listed.Out).Append(listed.Error);
        }

        foreach (var run in LocalRuns("secrets"))
        {
            var shown = Runner().Run("runs", "show", run["id"]!.GetValue<string>(), "--json");
            outputs.Append(shown.Out).Append(shown.Error);
        }

        Assert.Equal(3, LocalRuns("secrets").Count);
        Assert.DoesNotContain(Planted, outputs.ToString(), StringComparison.Ordinal);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var files = Directory.EnumerateFiles(_dir, "*", SearchOption.AllDirectories).ToArray();
        Assert.Contains(files, f => f.EndsWith("tracking.db", StringComparison.Ordinal));
        Assert.Contains(files, f => f.EndsWith("manifest.json", StringComparison.Ordinal) && f.Contains("artifacts", StringComparison.Ordinal));
        byte[] needle = Encoding.UTF8.GetBytes(Planted);
        byte[] base64Needle = Encoding.UTF8.GetBytes(Convert.ToBase64String(Encoding.UTF8.GetBytes("ann:" + Planted))[..16]);
        foreach (string file in files)
        {
            byte[] bytes = File.ReadAllBytes(file);
            Assert.False(bytes.AsSpan().IndexOf(needle) >= 0, $"{file} holds the planted credential");
            Assert.False(bytes.AsSpan().IndexOf(base64Needle) >= 0, $"{file} holds the planted basic-auth header");
        }
    }

    [Fact]
    public void RunsCanBeComparedAndDeletedAndBadIdsOrNamesAreUsageErrors()
    {
        Assert.Equal(0, Train(new CliRunner().WithTorchDetectors(), "--tracking-uri", Runs, "--experiment", "cmp").ExitCode);
        Assert.Equal(0, Train(new CliRunner().WithTorchDetectors(), "--tracking-uri", Runs, "--experiment", "cmp", "--set", "learningRate=0.01", "--name", "tiny2").ExitCode);
        var ids = LocalRuns("cmp").Select(r => r!["id"]!.GetValue<string>()).ToArray();
        Assert.Equal(2, ids.Length);

        var compare = Runner().Run("runs", "compare", ids[0], ids[1][..8]);
        Assert.True(compare.ExitCode == 0, compare.ToString());
        Assert.Contains("* option.learningRate", compare.Out, StringComparison.Ordinal);
        Assert.Contains("loss", compare.Out, StringComparison.Ordinal);
        var json = JsonNode.Parse(Runner().Run("runs", "compare", ids[0], ids[1], "--json").Out)!;
        Assert.Equal(["0.001", "0.01"], json["parameters"]!["option.learningRate"]!.AsArray().Select(v => v!.GetValue<string>()).Order());

        Assert.Equal(2, Runner().Run("runs", "show", "0123456789abcdef0123456789abcdef").ExitCode);
        Assert.Equal(2, Runner().Run("runs", "compare", ids[0], "ffffffff").ExitCode);
        var unknown = Runner().Run("runs", "list", "--experiment", "nope");
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("Unknown experiment 'nope'", unknown.Error, StringComparison.Ordinal);
        Assert.Equal(2, Runner().Run("runs", "delete", "0123456789abcdef0123456789abcdef").ExitCode);
        Assert.Equal(2, Runner().Run("runs", "push", "--to", "ftp://x").ExitCode);

        var delete = Runner().Run("runs", "delete", ids[0]);
        Assert.True(delete.ExitCode == 0, delete.ToString());
        Assert.Equal([ids[1]], LocalRuns("cmp").Select(r => r!["id"]!.GetValue<string>()));
        Assert.False(Directory.Exists(Path.Combine(Runs, "artifacts", ids[0])));

        var badTag = Train(new CliRunner().WithTorchDetectors(), "--tracking-uri", Runs, "--tag", "novalue");
        Assert.Equal(2, badTag.ExitCode);
        Assert.Contains("KEY=VALUE", badTag.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void NoTrackStoresNothingAndABrokenStoreIsOnlyAWarning()
    {
        var untracked = Train(new CliRunner().WithTorchDetectors(), "--tracking-uri", Runs, "--no-track");
        Assert.True(untracked.ExitCode == 0, untracked.ToString());
        Assert.False(Directory.Exists(Runs));
        var empty = Runner().Run("runs", "list", "--json");
        Assert.Equal(0, empty.ExitCode);
        Assert.Equal("[]", empty.Out.Trim());

        // A file where the store's folder should be: the job still runs and saves its model.
        string blocked = Path.Combine(_dir, "blocked");
        File.WriteAllText(blocked, "not a folder");
        var broken = Train(new CliRunner().WithTorchDetectors(), "--tracking-uri", blocked, "--name", "still-saved");
        Assert.True(broken.ExitCode == 0, broken.ToString());
        Assert.Contains("warning: tracking is off", broken.Error, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(Models, "still-saved", "1", "model.vigil")));
    }

    [NabFact]
    public void NabBenchmarkLogsItsParametersNabScoresF1AndTimings()
    {
        var result = new CliRunner().Run("nab", "benchmark", "-d", "windowed-gaussian", "--nab-root", NabTestCorpus.Root, "--category", "realAdExchange",
            "--out", Path.Combine(_dir, "results"), "--tracking-uri", Runs, "--experiment", "nab-tracking");
        Assert.True(result.ExitCode == 0, result.ToString());
        var run = LocalRuns("nab-tracking").Single();
        Assert.Equal("windowed-gaussian", run["parameters"]!["detector"]!.GetValue<string>());
        Assert.Equal("6400", run["parameters"]!["option.windowSize"]!.GetValue<string>());
        var metrics = run["latestMetrics"]!;
        Assert.Equal(6, metrics["files"]!.GetValue<double>());
        Assert.InRange(metrics["nab.standard"]!.GetValue<double>(), -1000, 100);
        Assert.InRange(metrics["best_f1.event"]!.GetValue<double>(), 0, 1);
        Assert.True(metrics["seconds"]!.GetValue<double>() > 0);
        // The logged standard score is the one the report printed.
        Assert.Contains(metrics["nab.standard"]!.GetValue<double>().ToString("F2", CultureInfo.InvariantCulture), result.Out, StringComparison.Ordinal);
    }

    private CliResult TrainFromConfig(CliRunner runner, params string[] extra)
    {
        string config = Path.Combine(_dir, "model_config.yaml");
        File.WriteAllText(config, """
            lstm-autoencoder:
              parameters:
                epochs: 2
                minSteps: 0
                hiddenUnits: 4
                window: 8
                batchSize: 64
            """);
        return runner.Run(["train", "--config", config, "--detectors", "lstm-autoencoder", "--data", "synth:noisy", "--models-dir", Models,
            "--experiment", "noisy_synthetic", .. extra]);
    }

    private CliResult Train(CliRunner runner, params string[] extra)
    {
        string[] args = ["model", "train", "-d", "lstm-autoencoder", "--models-dir", Models, "--input", Series, "--set", "epochs=3", "--set", "minSteps=0", "--set", "hiddenUnits=4", "--set", "window=8", "--set", "batchSize=16"];
        return runner.Run([.. args, .. extra.Contains("--name") ? [] : new[] { "--name", "tiny" }, .. extra]);
    }

    private CliRunner Runner(TimeProvider? time = null) => new CliRunner().WithTime(time ?? TimeProvider.System).WithEnvironment("VIGIL_RUNS_DIR", Runs);

    private List<JsonNode> LocalRuns(string experiment)
    {
        var list = Runner().Run("runs", "list", "--experiment", experiment, "--json");
        Assert.True(list.ExitCode == 0, list.ToString());
        return JsonNode.Parse(list.Out)!.AsArray().Select(n => n!).ToList();
    }
}
