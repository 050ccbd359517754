using Vigil.Experiments.Tracking;
using Vigil.Experiments.Tracking.Mlflow;
using Vigil.Testing;
using Vigil.Testing.Mlflow;

namespace Vigil.Experiments.Tests.Tracking;

public sealed class LocalFirstTrackerTests
{
    [Fact]
    public async Task WhenTheServerIsReachableTheRunIsStoredLocallyAndMarkedSynced()
    {
        using var server = FakeMlflowServer.Start();
        using var http = new HttpClient();
        var time = new InstantTimeProvider();
        var local = new InMemoryTracker(time);
        var warnings = new List<string>();
        var tracker = new LocalFirstTracker(local, new MlflowTracker(new MlflowClient(http, server.Uri, null, RetryPolicy.Default(time)), time), server.Uri.ToString(), warnings.Add);

        string id;
        await using (var run = await tracker.StartRunAsync("exp"))
        {
            id = run.Id;
            run.LogMetric("loss", 0.5, 1);
            run.Complete();
        }

        var stored = local.FindRun(id)!;
        Assert.Equal(RunStatus.Finished, stored.Status);
        Assert.Equal(RunSyncState.Synced, stored.Sync.State);
        Assert.NotNull(stored.Sync.RemoteRunId);
        Assert.Empty(warnings);
    }

    [Fact]
    public async Task AnUnreachableServerIsRetriedThenTheRunIsKeptLocallyUnsyncedAndPushedLater()
    {
        var time = new InstantTimeProvider();
        using var http = new HttpClient();
        var nobody = new Uri($"http://127.0.0.1:{FakeMlflowServer.FreePort()}");
        var local = new InMemoryTracker(time);
        var warnings = new List<string>();
        var tracker = new LocalFirstTracker(local, new MlflowTracker(new MlflowClient(http, nobody, null, RetryPolicy.Default(time)), time), nobody.ToString(), warnings.Add);

        string id;
        await using (var run = await tracker.StartRunAsync("offline", new Dictionary<string, string> { ["k"] = "v" }))
        {
            id = run.Id;
            run.LogParameters(new Dictionary<string, string> { ["epochs"] = "3" });
            for (int epoch = 1; epoch <= 3; epoch++)
            {
                run.LogMetric("loss", 1.0 / epoch, epoch);
                time.Advance(TimeSpan.FromSeconds(1));
            }

            await run.LogArtifactAsync("notes.txt", new MemoryStream("kept"u8.ToArray()));
            run.Complete();
        }

        Assert.Equal(new[] { 0.5, 1, 2, 4 }, time.Delays.Take(4).Select(d => d.TotalSeconds));   // 5 attempts to reach it
        var kept = local.FindRun(id)!;
        Assert.Equal(RunStatus.Finished, kept.Status);
        Assert.Equal(RunSyncState.Unsynced, kept.Sync.State);
        Assert.Equal(3, kept.Metrics.Count);
        string warning = Assert.Single(warnings);
        Assert.Contains("unsynced", warning, StringComparison.Ordinal);
        Assert.Contains("vigil runs push", warning, StringComparison.Ordinal);

        using var server = FakeMlflowServer.Start();
        var pusher = new RunPusher(local, new MlflowRunUploader(new MlflowClient(http, server.Uri, null, RetryPolicy.Default(time))), server.Uri.ToString());
        var pending = RunPusher.Pending(local);
        Assert.Equal(id, Assert.Single(pending).Id);
        var pushed = Assert.Single(await pusher.PushAsync(pending));
        Assert.Equal(RunSyncState.Synced, local.FindRun(id)!.Sync.State);
        Assert.Equal(pushed.RemoteId, local.FindRun(id)!.Sync.RemoteRunId);
        Assert.Empty(RunPusher.Pending(local));

        var remote = (await Mlflow.MlflowTestTarget.GetJsonAsync(http, server.Uri, $"api/2.0/mlflow/runs/get?run_id={pushed.RemoteId}"))["run"]!;
        Assert.Equal("FINISHED", remote["info"]!["status"]!.GetValue<string>());
        Assert.Equal(kept.StartTime.ToUnixTimeMilliseconds(), remote["info"]!["start_time"]!.GetValue<long>());
        var history = (await Mlflow.MlflowTestTarget.GetJsonAsync(http, server.Uri, $"api/2.0/mlflow/metrics/get-history?run_id={pushed.RemoteId}&metric_key=loss"))["metrics"]!.AsArray();
        Assert.Equal(kept.Metrics.Select(m => m.Timestamp.ToUnixTimeMilliseconds()), history.Select(m => m!["timestamp"]!.GetValue<long>()));
        var tags = remote["data"]!["tags"]!.AsArray().ToDictionary(t => t!["key"]!.GetValue<string>(), t => t!["value"]!.GetValue<string>());
        Assert.Equal(id, tags[LocalFirstTracker.LocalRunIdTag]);
        Assert.Contains(server.Requests, r => r.StartsWith("PUT /api/2.0/mlflow-artifacts/artifacts/", StringComparison.Ordinal) && r.EndsWith("/notes.txt", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AServerThatFailsMidRunLeavesTheLocalRunCompleteAndUnsynced()
    {
        using var server = FakeMlflowServer.Start();
        using var http = new HttpClient();
        var time = new InstantTimeProvider();
        var local = new InMemoryTracker(time);
        var warnings = new List<string>();
        var tracker = new LocalFirstTracker(local, new MlflowTracker(new MlflowClient(http, server.Uri, null, RetryPolicy.Default(time)), time), server.Uri.ToString(), warnings.Add);
        string id;
        await using (var run = await tracker.StartRunAsync("flaky"))
        {
            id = run.Id;
            run.LogMetric("m", 1);
            server.FailNext(1000);   // the server goes down before the run ends
            run.Complete();
        }

        Assert.Equal(RunStatus.Finished, local.FindRun(id)!.Status);
        Assert.Equal(RunSyncState.Unsynced, local.FindRun(id)!.Sync.State);
        Assert.Single(warnings);
    }

    [Fact]
    public async Task AChildRunNamesItsParentLocallyByLocalIdAndOnTheServerByTheServersId()
    {
        using var server = FakeMlflowServer.Start();
        using var http = new HttpClient();
        var time = new InstantTimeProvider();
        var local = new InMemoryTracker(time);
        var tracker = new LocalFirstTracker(local, new MlflowTracker(new MlflowClient(http, server.Uri, null, RetryPolicy.Default(time)), time), server.Uri.ToString(), _ => { });
        await using var parent = await tracker.StartRunAsync("train");
        string childId;
        await using (var child = await tracker.StartRunAsync("train", new Dictionary<string, string> { [RunTags.ParentRunId] = parent.Id, [RunTags.RunName] = "lstm-autoencoder" }))
        {
            childId = child.Id;
            child.Complete();
        }

        parent.Complete();
        var stored = local.FindRun(childId)!;
        Assert.Equal(parent.Id, stored.ParentRunId);
        string remoteChild = stored.Sync.RemoteRunId!;
        string remoteParent = local.FindRun(parent.Id)!.Sync.RemoteRunId!;
        var remote = (await Mlflow.MlflowTestTarget.GetJsonAsync(http, server.Uri, $"api/2.0/mlflow/runs/get?run_id={remoteChild}"))["run"]!;
        var tags = remote["data"]!["tags"]!.AsArray().ToDictionary(t => t!["key"]!.GetValue<string>(), t => t!["value"]!.GetValue<string>());
        Assert.Equal(remoteParent, tags[RunTags.ParentRunId]);
        Assert.Equal("lstm-autoencoder", remote["info"]!["run_name"]!.GetValue<string>());
    }
}
