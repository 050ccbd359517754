using System.Diagnostics;
using System.Text.Json.Nodes;
using Vigil.Testing;

namespace Vigil.Cli.Tests.Commands;

/// <summary><c>vigil cluster</c> and <c>--executor orleans</c>: real silo processes on a real Redis (VIGIL_TEST_REDIS), and the errors without one.</summary>
public sealed class ClusterCommandTests
{
    private static readonly TimeSpan Startup = TimeSpan.FromSeconds(120);

    [RedisFact(needsCorpus: true)]
    [Trait("Category", "Integration")]
    public void ANabRunOnThreeSilosWithOneKilledMidRunScoresExactlyAsTheLocalRun()
    {
        Assert.NotNull(VigilProcess.Dll);
        string dir = Directory.CreateTempSubdirectory("vigil-cluster-").FullName;
        try
        {
            string nab = NabTestCorpus.Root;
            using var silos = new SiloProcesses(RedisFactAttribute.Endpoint!, 3, dir);
            var local = VigilProcess.Run(dir, "nab", "run", "-d", "windowed-gaussian", "--nab-root", nab, "--out", "local", "--quiet");
            Assert.True(local.ExitCode == 0, local.Output);
            silos.WaitReady(Startup);

            string clusterResults = Path.Combine(dir, "cluster", "windowed-gaussian");
            using var run = VigilProcess.Start(dir, "nab", "run", "-d", "windowed-gaussian", "--nab-root", nab, "--out", "cluster", "--quiet",
                "--executor", "orleans", "--cluster", silos.Url, "--cluster-id", silos.ClusterId);
            var stdout = run.StandardOutput.ReadToEndAsync();
            var stderr = run.StandardError.ReadToEndAsync();

            // Kill one silo once the run is under way: some files written, most still to come.
            int writtenAtKill = -1;
            var clock = Stopwatch.StartNew();
            while (!run.HasExited && clock.Elapsed < Startup)
            {
                int written = Directory.Exists(clusterResults) ? Directory.GetFiles(clusterResults, "*.csv", SearchOption.AllDirectories).Length : 0;
                if (written >= 3)
                {
                    silos.Kill(1);
                    writtenAtKill = written;
                    break;
                }

                Thread.Sleep(20);
            }

            Assert.True(run.WaitForExit(TimeSpan.FromMinutes(3)), "the cluster run did not finish");
            string output = stdout.Result + stderr.Result;
            Assert.True(run.ExitCode == 0, output);
            Assert.InRange(writtenAtKill, 3, 57);   // the silo died mid-run, not before or after

            foreach (string results in new[] { "local", "cluster" })
            {
                var score = VigilProcess.Run(dir, "nab", "score", "--results", results, "--nab-root", nab, "--optimize");
                Assert.True(score.ExitCode == 0, score.Output);
            }

            Assert.Equal(File.ReadAllText(Path.Combine(dir, "local", "final_results.json")), File.ReadAllText(Path.Combine(dir, "cluster", "final_results.json")));
            var localFiles = Directory.GetFiles(Path.Combine(dir, "local", "windowed-gaussian"), "*.csv", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(Path.Combine(dir, "local"), f)).Order().ToArray();
            Assert.True(localFiles.Length >= 58, $"{localFiles.Length} files");   // 58 results files (and the scores files)
            foreach (string file in localFiles)
            {
                Assert.True(File.ReadAllBytes(Path.Combine(dir, "local", file)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(dir, "cluster", file))), file);
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>
    /// One two-silo cluster for every other many-job command: <c>compare</c> writes the same files as locally;
    /// <c>model train</c> saves the same isolation forest (same state, same scores) and an LSTM autoencoder whose scores
    /// match local training within the data-parallel tolerance; dropout and detectors without a distributed trainer are
    /// usage errors.
    /// </summary>
    [RedisFact(needsCorpus: true)]
    [Trait("Category", "Integration")]
    public void CompareAndModelTrainOnTwoSilosGiveTheLocalResults()
    {
        Assert.NotNull(VigilProcess.Dll);
        string dir = Directory.CreateTempSubdirectory("vigil-cluster-").FullName;
        try
        {
            string nab = NabTestCorpus.Root;
            using var silos = new SiloProcesses(RedisFactAttribute.Endpoint!, 2, dir);
            string[] compare = ["compare", "-d", "windowed-gaussian,null", "--nab-root", nab, "--category", "artificialWithAnomaly"];
            var local = VigilProcess.Run(dir, [.. compare, "--out", "local"]);
            Assert.True(local.ExitCode == 0, local.Output);
            silos.WaitReady(Startup);
            string[] onCluster = ["--executor", "orleans", "--cluster", silos.Url, "--cluster-id", silos.ClusterId];
            var cluster = VigilProcess.Run(dir, [.. compare, "--out", "cluster", .. onCluster]);
            Assert.True(cluster.ExitCode == 0, cluster.Output);
            Assert.Contains("executor: Orleans cluster", cluster.Output, StringComparison.Ordinal);
            var localFiles = Directory.GetFiles(Path.Combine(dir, "local"), "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(Path.Combine(dir, "local"), f)).Order().ToArray();
            var clusterFiles = Directory.GetFiles(Path.Combine(dir, "cluster"), "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(Path.Combine(dir, "cluster"), f)).Order().ToArray();
            Assert.Equal(localFiles, clusterFiles);
            Assert.True(localFiles.Count(f => f.EndsWith(".csv", StringComparison.Ordinal)) >= 12, string.Join(", ", localFiles));   // 6 files × 2 detectors
            foreach (string file in localFiles)
            {
                Assert.True(File.ReadAllBytes(Path.Combine(dir, "local", file)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(dir, "cluster", file))), file);
            }

            // model train: the isolation forest, exactly.
            string input = Path.Combine(nab, "data", "realKnownCause", "nyc_taxi.csv");
            string[] forest = ["model", "train", "-d", "isolation-forest", "-i", input, "--set", "trees=30", "--set", "seed=11", "--models-dir", "models"];
            var forestLocal = VigilProcess.Run(dir, [.. forest, "-n", "forest-local"]);
            Assert.True(forestLocal.ExitCode == 0, forestLocal.Output);
            var forestCluster = VigilProcess.Run(dir, [.. forest, "-n", "forest-cluster", .. onCluster]);
            Assert.True(forestCluster.ExitCode == 0, forestCluster.Output);
            Assert.Contains("trained across the cluster: 2 active silo(s)", forestCluster.Output, StringComparison.Ordinal);
            var forestManifest = Inspect(dir, "forest-cluster");
            Assert.Equal(2, (double)forestManifest["metrics"]!["distributed.workers"]!);
            Assert.Equal(2, (double)forestManifest["metrics"]!["distributed.silos"]!);
            var localManifest = Inspect(dir, "forest-local");
            Assert.Equal((string?)localManifest["stateSha256"], (string?)forestManifest["stateSha256"]);
            Assert.Equal((double)localManifest["threshold"]!["value"]!, (double)forestManifest["threshold"]!["value"]!);
            Assert.Equal(Detect(dir, "forest-local", input), Detect(dir, "forest-cluster", input));

            // model train: the LSTM autoencoder, data-parallel, within the documented tolerance. The tolerance is for a
            // short training scored without fine-tuning (minSteps 0, fineTuneEvery 0): float32 summation order differs
            // between the shards and one process, and hundreds of Adam steps plus fine-tuning while scoring compound it
            // (docs/cluster.md gives the difference measured with the default schedule).
            string[] lstm = ["model", "train", "-d", "lstm-autoencoder", "-i", input, "--train-rows", "800", "--set", "epochs=2", "--set", "minSteps=0",
                "--set", "fineTuneEvery=0", "--set", "hiddenUnits=8", "--set", "window=16", "--set", "batchSize=64", "--set", "seed=5", "--models-dir", "models"];
            var lstmLocal = VigilProcess.Run(dir, [.. lstm, "-n", "lstm-local"]);
            Assert.True(lstmLocal.ExitCode == 0, lstmLocal.Output);
            var lstmCluster = VigilProcess.Run(dir, [.. lstm, "-n", "lstm-cluster", .. onCluster]);
            Assert.True(lstmCluster.ExitCode == 0, lstmCluster.Output);
            var lstmManifest = Inspect(dir, "lstm-cluster");
            Assert.Equal(2, (double)lstmManifest["metrics"]!["distributed.workers"]!);
            var expected = Detect(dir, "lstm-local", input);
            var actual = Detect(dir, "lstm-cluster", input);
            Assert.Equal(expected.Length, actual.Length);
            double worst = expected.Zip(actual, (a, b) => Math.Abs(a - b) / Math.Max(1e-6, Math.Abs(a))).Max();
            Assert.True(worst <= 1e-3, $"largest relative score difference {worst}");

            var dropout = VigilProcess.Run(dir, [.. lstm, "-n", "lstm-dropout", "--set", "dropout=0.2", .. onCluster]);
            Assert.True(dropout.ExitCode == 2, dropout.Output);
            Assert.Contains("dropout 0", dropout.Output, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", dropout.Output, StringComparison.Ordinal);

            var unsupported = VigilProcess.Run(dir, ["model", "train", "-d", "windowed-gaussian", "-i", input, "-n", "wg", "--models-dir", "models", .. onCluster]);
            Assert.True(unsupported.ExitCode == 2, unsupported.Output);
            Assert.Contains("windowed-gaussian has no distributed trainer", unsupported.Output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>The manifest <c>vigil model inspect</c> prints (stdout only).</summary>
    private static JsonNode Inspect(string dir, string model)
    {
        var inspect = new CliRunner(allDetectors: true).Run("model", "inspect", model, "--models-dir", Path.Combine(dir, "models"));
        Assert.True(inspect.ExitCode == 0, inspect.ToString());
        return JsonNode.Parse(inspect.Out)!;
    }

    /// <summary>The anomaly scores <c>vigil detect --model</c> gives <paramref name="input"/> with a saved model.</summary>
    private static double[] Detect(string dir, string model, string input)
    {
        string scores = Path.Combine(dir, model + "-scores.csv");
        var detect = VigilProcess.Run(dir, "detect", "--model", model, "--models-dir", "models", "--input", input, "--out", scores);
        Assert.True(detect.ExitCode == 0, detect.Output);
        return File.ReadLines(scores).Skip(1).Select(line => double.Parse(line.Split(',')[2], System.Globalization.CultureInfo.InvariantCulture)).ToArray();
    }

    [RedisFact]
    [Trait("Category", "Integration")]
    public void StatusListsTheSilosAndAClusterWithoutSilosIsAClearError()
    {
        string dir = Directory.CreateTempSubdirectory("vigil-cluster-").FullName;
        try
        {
            using var silos = new SiloProcesses(RedisFactAttribute.Endpoint!, 1, dir);
            silos.WaitReady(Startup);
            var status = VigilProcess.Run(dir, "cluster", "status", "--cluster", silos.Url, "--cluster-id", silos.ClusterId, "--format", "json");
            Assert.True(status.ExitCode == 0, status.Output);
            Assert.Contains("\"status\": \"Active\"", status.Output, StringComparison.Ordinal);

            var empty = VigilProcess.Run(dir, "cluster", "status", "--cluster", silos.Url, "--cluster-id", "nobody-" + silos.ClusterId);
            Assert.True(empty.ExitCode == 2, empty.Output);
            Assert.Contains("no silo accepted the connection", empty.Output, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", empty.Output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [RedisFact]
    public void ARedisThatRequiresAPasswordRefusesAWrongOneAndTheRightOneGetsThrough()
    {
        // A second redis-server (the one .ci/run installs) with requirepass, on its own free port.
        const string Password = "vigil-redis-secret-41c9";
        int port = SiloProcesses.FreePort();
        using (new RedisServerProcess(port, "--port", RedisServerProcess.Text(port), "--requirepass", Password))
        {
            var wrong = new CliRunner().Run("cluster", "status", "--cluster", $"redis://:wrong-password@127.0.0.1:{port}");
            Assert.True(wrong.ExitCode == 2, wrong.ToString());
            Assert.Contains("refused the credentials", wrong.Error, StringComparison.Ordinal);
            Assert.DoesNotContain("wrong-password", wrong.Error + wrong.Out, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", wrong.Error, StringComparison.Ordinal);

            var none = new CliRunner().Run("cluster", "status", "--cluster", $"redis://127.0.0.1:{port}");
            Assert.True(none.ExitCode == 2, none.ToString());
            Assert.Contains("refused the credentials", none.Error, StringComparison.Ordinal);

            // The right password passes Redis: what stops it then is that no silo runs in this cluster.
            var right = new CliRunner().Run("cluster", "status", "--cluster", $"redis://127.0.0.1:{port}", "--redis-password", Password);
            Assert.True(right.ExitCode == 2, right.ToString());
            Assert.DoesNotContain("refused the credentials", right.Error, StringComparison.Ordinal);
            Assert.Contains("no silo", right.Error, StringComparison.Ordinal);
            Assert.DoesNotContain(Password, right.Error + right.Out, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void KubernetesHostingWithoutThePodVariablesOrWithAnAddressIsAUsageError()
    {
        var missing = new CliRunner().WithEnvironment("POD_NAME", null).WithEnvironment("POD_NAMESPACE", null).WithEnvironment("POD_IP", null)
            .Run("cluster", "silo", "--redis", "127.0.0.1:6379", "--kubernetes");
        Assert.True(missing.ExitCode == 2, missing.ToString());
        Assert.Contains("Kubernetes hosting needs the pod's POD_NAME, POD_NAMESPACE, POD_IP", missing.Error, StringComparison.Ordinal);

        // In a pod (the variables set), Kubernetes hosting is on by itself, and --address contradicts it.
        var address = new CliRunner().WithEnvironment("POD_NAME", "vigil-silo-0").WithEnvironment("POD_NAMESPACE", "default").WithEnvironment("POD_IP", "10.0.0.7")
            .Run("cluster", "silo", "--redis", "127.0.0.1:6379", "--address", "10.0.0.8");
        Assert.True(address.ExitCode == 2, address.ToString());
        Assert.Contains("the silo advertises its pod's address (POD_IP)", address.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", missing.Error + address.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void UnreachableRedisIsAUsageErrorWithoutAStackTrace()
    {
        int closed = SiloProcesses.FreePort();   // nothing listens there
        var result = new CliRunner().Run("cluster", "status", "--cluster", $"redis://127.0.0.1:{closed}");
        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains($"Cannot reach Redis at 127.0.0.1:{closed}", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }

    [NabTheory]
    [InlineData("http://127.0.0.1:6379", "is not valid")]
    [InlineData("redis://127.0.0.1", "is not valid")]
    [InlineData("redis://127.0.0.1:6379/0", "has a path or query")]
    public void AMalformedClusterUrlIsAUsageError(string url, string message)
    {
        var result = new CliRunner().Run("nab", "run", "-d", "null", "--executor", "orleans", "--cluster", url, "--nab-root", NabTestCorpus.Root);
        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
    }

    [NabFact]
    public void TheOrleansExecutorNeedsAClusterAndTheClusterNeedsTheOrleansExecutor()
    {
        var missing = new CliRunner().WithEnvironment("VIGIL_CLUSTER", null).Run("nab", "run", "-d", "null", "--executor", "orleans", "--nab-root", NabTestCorpus.Root);
        Assert.True(missing.ExitCode == 2, missing.ToString());
        Assert.Contains("--executor orleans needs the cluster", missing.Error, StringComparison.Ordinal);

        var stray = new CliRunner().Run("nab", "run", "-d", "null", "--cluster", "redis://127.0.0.1:6379", "--nab-root", NabTestCorpus.Root);
        Assert.True(stray.ExitCode == 2, stray.ToString());
        Assert.Contains("--cluster needs --executor orleans", stray.Error, StringComparison.Ordinal);
    }
}
