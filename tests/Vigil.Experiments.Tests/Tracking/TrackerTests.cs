using Vigil.Experiments.Tracking;
using Vigil.Testing;

namespace Vigil.Experiments.Tests.Tracking;

public sealed class TrackerTests
{
    [Fact]
    public async Task ARunDisposedWithoutCompleteIsRecordedAsFailed()
    {
        var time = new InstantTimeProvider();
        var store = new InMemoryTracker(time);
        string failed, finished;
        await using (var run = await store.StartRunAsync("e"))
        {
            failed = run.Id;
        }

        await using (var run = await store.StartRunAsync("e"))
        {
            finished = run.Id;
            run.Complete();
        }

        Assert.Equal(RunStatus.Failed, store.FindRun(failed)!.Status);
        Assert.Equal(RunStatus.Finished, store.FindRun(finished)!.Status);
        Assert.Equal([finished, failed], store.ListRuns("e").Select(r => r.Id));
        Assert.Throws<UnknownExperimentException>(() => store.ListRuns("nope"));
    }

    [Fact]
    public async Task ACompositeRunReachesEveryTracker()
    {
        var a = new InMemoryTracker(new InstantTimeProvider());
        var b = new InMemoryTracker(new InstantTimeProvider());
        await using (var run = await new CompositeTracker([a, b]).StartRunAsync("e", new Dictionary<string, string> { ["t"] = "1" }))
        {
            run.LogParameters(new Dictionary<string, string> { ["p"] = "x" });
            run.LogMetric("m", 2, 3);
            await run.LogArtifactAsync("dir/a.txt", new MemoryStream([1, 2, 3]));
            run.Complete();
        }

        foreach (var store in new[] { a, b })
        {
            var run = Assert.Single(store.ListRuns());
            Assert.Equal(RunStatus.Finished, run.Status);
            Assert.Equal("x", run.Parameters["p"]);
            Assert.Equal("1", run.Tags["t"]);
            Assert.Equal(new MetricPoint("m", 2, 3, new InstantTimeProvider().GetUtcNow()), Assert.Single(run.Metrics));
            Assert.Equal(["dir/a.txt"], run.Artifacts);
        }
    }

    [Fact]
    public async Task AFailingTrackerBecomesOneWarningAndTheJobGoesOn()
    {
        var warnings = new List<string>();
        var guarded = new GuardedTracker(new Throwing(), warnings.Add);
        await using (var run = await guarded.StartRunAsync("e"))
        {
            run.LogMetric("m", 1);
            run.Complete();
        }

        Assert.Equal("tracking is off for this run: store unavailable", Assert.Single(warnings));
    }

    [Fact]
    public void ArtifactPathsCannotLeaveTheRunsFolder()
    {
        Assert.Equal("a/b.txt", ArtifactPath.Normalize("a\\b.txt"));
        foreach (string bad in new[] { "", "/etc/passwd", "../x", "a/../../x", "a//b", "./a", "C:/x" })
        {
            Assert.Throws<ArgumentException>(() => ArtifactPath.Normalize(bad));
        }
    }

    [Fact]
    public void ComparisonLinesUpParametersAndLastMetricValues()
    {
        var t = new InstantTimeProvider().GetUtcNow();
        TrackedRun Run(string id, string lr, params MetricPoint[] metrics) => new(id, "e", RunStatus.Finished, t, t, null,
            new Dictionary<string, string>(), new Dictionary<string, string> { ["lr"] = lr, ["seed"] = "1" }, metrics, [], RunSync.LocalOnly);
        var comparison = RunComparison.Of([
            Run("a", "0.1", new MetricPoint("loss", 0.9, 1, t), new MetricPoint("loss", 0.4, 2, t)),
            Run("b", "0.2", new MetricPoint("f1", 0.7, 0, t))]);
        Assert.Equal(["lr", "seed"], comparison.Parameters.Select(p => p.Key));
        Assert.True(RunComparison.Differs(comparison.Parameters[0].Value));
        Assert.False(RunComparison.Differs(comparison.Parameters[1].Value));
        Assert.Equal(["f1", "loss"], comparison.Metrics.Select(m => m.Key));
        Assert.Equal([null, 0.7], comparison.Metrics[0].Value);
        Assert.Equal([0.4, null], comparison.Metrics[1].Value);
    }

    private sealed class Throwing : IExperimentTracker
    {
        public ValueTask<IRun> StartRunAsync(string experiment, IReadOnlyDictionary<string, string>? tags = null, CancellationToken ct = default) =>
            throw new TrackingStoreException("store unavailable");
    }
}
