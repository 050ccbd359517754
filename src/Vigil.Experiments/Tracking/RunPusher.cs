using Vigil.Experiments.Tracking.Mlflow;

namespace Vigil.Experiments.Tracking;

/// <summary>Uploads locally kept runs to an MLflow server and records them as synced.</summary>
/// <param name="store">The local store.</param>
/// <param name="uploader">Uploads one run.</param>
/// <param name="targetLabel">The server's URI without credentials, stored as the runs' sync target.</param>
public sealed class RunPusher(ITrackingStore store, MlflowRunUploader uploader, string targetLabel)
{
    /// <summary>The runs a push without ids uploads: ended runs that were meant for a server and did not reach it.</summary>
    public static IReadOnlyList<TrackedRun> Pending(ITrackingStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        return store.ListRuns().Where(r => r.Status != RunStatus.Running && r.Sync.State is RunSyncState.Unsynced or RunSyncState.Pending)
            .Reverse()   // oldest first
            .ToArray();
    }

    /// <summary>Uploads <paramref name="runs"/> one after another; returns each local id with its remote id.</summary>
    /// <exception cref="Exception">The first failing upload's error; the runs before it stay recorded as synced.</exception>
    public async Task<IReadOnlyList<(string LocalId, string RemoteId)>> PushAsync(IReadOnlyList<TrackedRun> runs, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var pushed = new List<(string, string)>();
        foreach (var run in runs)
        {
            string remoteId = await uploader.UploadAsync(run, path => store.OpenArtifact(run.Id, path), ct).ConfigureAwait(false);
            store.SetSync(run.Id, new RunSync(RunSyncState.Synced, targetLabel, remoteId));
            pushed.Add((run.Id, remoteId));
        }

        return pushed;
    }
}
