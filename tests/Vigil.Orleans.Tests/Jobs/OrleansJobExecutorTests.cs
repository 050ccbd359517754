using Orleans.Runtime;
using Vigil.Evaluation.Execution;
using Vigil.Orleans.Cluster;
using Vigil.Orleans.Jobs;
using Vigil.Testing;

namespace Vigil.Orleans.Tests.Jobs;

/// <summary>The Orleans executor on an in-process cluster: same results as the local executor, each job once, failures not retried.</summary>
[Trait("Category", "Integration")]
public sealed class OrleansJobExecutorTests
{
    private static DetectorJob[] Jobs(string detector, int count, int rows) => Enumerable.Range(0, count)
        .Select(i => new DetectorJob($"job-{i}", detector, null, SyntheticSeries.SineWithNoise(rows, seed: i + 1), rows / 5, 12))
        .ToArray();

    private static async Task<Dictionary<string, DetectorJobResult>> CollectAsync(IJobExecutor executor, IReadOnlyList<DetectorJob> jobs)
    {
        var results = new Dictionary<string, DetectorJobResult>();
        await foreach (var r in executor.RunAsync(jobs))
        {
            Assert.True(results.TryAdd(r.Id, r), $"job {r.Id} returned twice");
        }

        return results;
    }

    [Fact]
    public async Task JobsRunOnEverySiloAndScoreExactlyAsTheLocalExecutor()
    {
        var cluster = await VigilTestCluster.StartAsync(2);
        try
        {
            var jobs = Jobs("windowed-gaussian", 12, 600);
            var local = await CollectAsync(new LocalJobExecutor(VigilTestCluster.Registry), jobs);
            var executor = new OrleansJobExecutor(cluster.Client, new OrleansJobExecutorOptions { MaxInFlight = 4 });
            var remote = await CollectAsync(executor, jobs);

            Assert.Equal(local.Keys.Order(), remote.Keys.Order());
            foreach (var (id, result) in local)
            {
                Assert.Equal(result.Scores, remote[id].Scores);
                Assert.Equal(LocalJobExecutor.WorkerName, result.Worker);
            }

            Assert.Equal(2, remote.Values.Select(r => r.Worker).Distinct().Count());   // spread over both silos
            Assert.Equal(0, executor.Resubmitted);
        }
        finally
        {
            await cluster.DisposeAsync();
        }
    }

    [Fact]
    public async Task AJobThatFailsFailsTheRunWithItsMessageAndIsNotRetried()
    {
        var cluster = await VigilTestCluster.StartAsync(1);
        try
        {
            var executor = new OrleansJobExecutor(cluster.Client);
            var jobs = new[] { new DetectorJob("bad", "windowed-gaussian", "{\"windowSize\": -3}", SyntheticSeries.SineWithNoise(100), 20, 12) };
            var error = await Assert.ThrowsAnyAsync<Exception>(() => CollectAsync(executor, jobs));
            Assert.Contains("windowSize", error.Message, StringComparison.Ordinal);
            Assert.Equal(0, executor.Resubmitted);
        }
        finally
        {
            await cluster.DisposeAsync();
        }
    }

    [Fact]
    public async Task AKilledSiloLosesNoJobAndCountsNoneTwice()
    {
        var cluster = await VigilTestCluster.StartAsync(3);
        try
        {
            var jobs = Jobs("moving-zscore", 24, 4000);
            var local = await CollectAsync(new LocalJobExecutor(VigilTestCluster.Registry), jobs);
            var executor = new OrleansJobExecutor(cluster.Client, new OrleansJobExecutorOptions { MaxInFlight = 6 });
            var remote = new Dictionary<string, DetectorJobResult>();
            bool killed = false;
            await foreach (var r in executor.RunAsync(jobs))
            {
                Assert.True(remote.TryAdd(r.Id, r), $"job {r.Id} returned twice");
                if (!killed && remote.Count == 4)
                {
                    killed = true;
                    await cluster.KillSiloAsync(cluster.SecondarySilos[^1]);
                }
            }

            Assert.True(killed);
            Assert.Equal(local.Keys.Order(), remote.Keys.Order());
            foreach (var (id, result) in local)
            {
                Assert.Equal(result.Scores, remote[id].Scores);
            }
        }
        finally
        {
            await cluster.DisposeAsync();
        }
    }

    [Fact]
    public async Task StatusListsEachSiloWithItsJobs()
    {
        var cluster = await VigilTestCluster.StartAsync(2);
        try
        {
            await CollectAsync(new OrleansJobExecutor(cluster.Client, new OrleansJobExecutorOptions { MaxInFlight = 4 }), Jobs("windowed-gaussian", 8, 300));
            IReadOnlyList<SiloStatusRow> rows = [];
            for (int i = 0; i < 50 && (rows.Count < 2 || rows.Sum(r => r.JobsCompleted ?? 0) < 8); i++)
            {
                await Task.Delay(200);
                rows = await ClusterStatus.GetAsync(cluster.Client);
            }

            Assert.Equal(2, rows.Count(r => r.Status == nameof(SiloStatus.Active)));
            Assert.Equal(8, rows.Sum(r => r.JobsCompleted ?? 0));
            Assert.All(rows, r => Assert.Equal(0, r.JobsRunning));
        }
        finally
        {
            await cluster.DisposeAsync();
        }
    }

    [Fact]
    public void OrleansFailuresCountAsLostCallsAndJobFailuresDoNot()
    {
        Assert.True(OrleansJobExecutor.IsLost(new SiloUnavailableException("gone")));
        Assert.True(OrleansJobExecutor.IsLost(new TimeoutException()));
        Assert.True(OrleansJobExecutor.IsLost(new InvalidOperationException("wrapped", new SiloUnavailableException("rejected"))));
        Assert.False(OrleansJobExecutor.IsLost(new InvalidOperationException("score out of range")));
        Assert.False(OrleansJobExecutor.IsLost(new ArgumentException("bad option")));
    }
}
