using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Vigil.Testing;

namespace Vigil.Cli.Tests.Commands;

/// <summary><c>vigil tune --executor orleans</c>: a study on three real silo processes over a real Redis (VIGIL_TEST_REDIS), one SIGKILLed mid-study.</summary>
public sealed partial class ClusterTuneTests
{
    private static readonly TimeSpan Startup = TimeSpan.FromSeconds(120);

    private static string[] Tune(string nab, string storage) =>
    [
        "tune", "--detector", "windowed-gaussian", "--nab-root", nab, "--category", "realAdExchange", "--param", "windowSize=20..800", "stepSize=1..50",
        "--trials", "40", "--seed", "5", "--sync-window", "8", "--study", "cluster-tune", "--storage", storage, "--config", storage + ".yaml", "--json",
    ];

    [GeneratedRegex(@"^trial \d+:")]
    private static partial Regex TrialLine();

    [RedisFact(needsCorpus: true)]
    [Trait("Category", "Integration")]
    public void AStudyOfFortyTrialsOnThreeSilosWithOneKilledRecordsEachTrialOnceWithTheLocalTrialsAndBest()
    {
        Assert.NotNull(VigilProcess.Dll);
        string dir = Directory.CreateTempSubdirectory("vigil-cluster-tune-").FullName;
        try
        {
            string nab = NabTestCorpus.Root;
            using var silos = new SiloProcesses(RedisFactAttribute.Endpoint!, 3, dir);
            string localJson;
            using (var local = VigilProcess.Start(dir, Tune(nab, "local.db")))
            {
                var localErr = local.StandardError.ReadToEndAsync();
                localJson = local.StandardOutput.ReadToEnd();
                local.WaitForExit();
                Assert.True(local.ExitCode == 0, localJson + localErr.Result);
            }

            silos.WaitReady(Startup);

            var clock = Stopwatch.StartNew();
            using var run = VigilProcess.Start(dir, [.. Tune(nab, "cluster.db"), "--executor", "orleans", "--cluster", silos.Url, "--cluster-id", silos.ClusterId]);
            var stdout = run.StandardOutput.ReadToEndAsync();

            // Kill one silo once the study is under way: some trials told, most still to come.
            int toldAtKill = -1, told = 0;
            var stderr = new System.Text.StringBuilder();
            while (run.StandardError.ReadLine() is { } line)
            {
                stderr.AppendLine(line);
                if (TrialLine().IsMatch(line) && ++told == 8)
                {
                    silos.Kill(1);
                    toldAtKill = told;
                }
            }

            Assert.True(run.WaitForExit(TimeSpan.FromMinutes(3)), "the cluster study did not finish");
            string output = stdout.Result + stderr;
            Assert.True(run.ExitCode == 0, output);
            Assert.Equal(8, toldAtKill);   // killed mid-study: 8 of 40 trials told
            Assert.Contains("worker call(s) made again", stderr.ToString(), StringComparison.Ordinal);   // the client saw the loss

            var cluster = JsonNode.Parse(stdout.Result)!;
            var expected = JsonNode.Parse(localJson)!;
            var trials = cluster["trials"]!.AsArray();
            Assert.Equal(Enumerable.Range(0, 40), trials.Select(t => (int)t!["number"]!));   // 40 trials, each exactly once
            var localTrials = expected["trials"]!.AsArray();
            Assert.Equal(40, localTrials.Count);
            for (int k = 0; k < 40; k++)
            {
                Assert.True(JsonNode.DeepEquals(localTrials[k], trials[k]), $"trial {k}: local {localTrials[k]!.ToJsonString()}, cluster {trials[k]!.ToJsonString()}");
            }

            Assert.True(JsonNode.DeepEquals(expected["best"], cluster["best"]), $"best: local {expected["best"]}, cluster {cluster["best"]}");
            Assert.True(JsonNode.DeepEquals(expected["comparison"], cluster["comparison"]));

            // The trials are in the local study storage, as after a local run.
            var export = VigilProcess.Run(dir, "study", "export", (string)cluster["study"]!, "--storage", "cluster.db", "--format", "json");
            Assert.True(export.ExitCode == 0, export.Output);
            string reissued = stderr.ToString().Split('\n').First(l => l.Contains("made again", StringComparison.Ordinal));
            Console.WriteLine($"cluster study: {clock.Elapsed.TotalSeconds:0.0} s, 40 trials, best {cluster["best"]!["value"]} (trial {cluster["best"]!["number"]}); {reissued.Trim()}");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
