using System.Collections.Concurrent;

namespace Vigil.Experiments.Tracking;

/// <summary>
/// Records every run in a local store and mirrors it to a remote tracker (MLflow). When the remote fails (after its own
/// retries) the local run is marked <see cref="RunSyncState.Unsynced"/> with one warning, and the job carries on:
/// <c>vigil runs push --to URI</c> uploads it later.
/// </summary>
/// <param name="local">The store that always receives the run; its failures propagate.</param>
/// <param name="remote">The mirror.</param>
/// <param name="remoteLabel">The remote's URI without credentials: stored as the sync target and named in warnings.</param>
/// <param name="warn">Receives warnings.</param>
public sealed class LocalFirstTracker(ITrackingStore local, IExperimentTracker remote, string remoteLabel, Action<string> warn) : IExperimentTracker
{
    private readonly ITrackingStore _local = local;
    private readonly string _remoteLabel = remoteLabel;

    /// <summary>The tag the remote copy of a run carries: the local run's id.</summary>
    public const string LocalRunIdTag = "vigil.runId";

    // Local run id -> remote run id, so that a child run's parent tag names the parent's remote copy.
    private readonly ConcurrentDictionary<string, string> _remoteIds = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public async ValueTask<IRun> StartRunAsync(string experiment, IReadOnlyDictionary<string, string>? tags = null, CancellationToken ct = default)
    {
        var localRun = await _local.StartRunAsync(experiment, tags, ct).ConfigureAwait(false);
        _local.SetSync(localRun.Id, new RunSync(RunSyncState.Pending, _remoteLabel));
        var remoteTags = new Dictionary<string, string>(tags ?? new Dictionary<string, string>(), StringComparer.Ordinal) { [LocalRunIdTag] = localRun.Id };
        if (remoteTags.TryGetValue(RunTags.ParentRunId, out var parent))
        {
            if (_remoteIds.TryGetValue(parent, out var remoteParent))
            {
                remoteTags[RunTags.ParentRunId] = remoteParent;
            }
            else
            {
                remoteTags.Remove(RunTags.ParentRunId);
            }
        }

        IRun? remoteRun = null;
        try
        {
            remoteRun = await remote.StartRunAsync(experiment, remoteTags, ct).ConfigureAwait(false);
            _remoteIds[localRun.Id] = remoteRun.Id;
            _local.SetSync(localRun.Id, new RunSync(RunSyncState.Pending, _remoteLabel, remoteRun.Id));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            MarkUnsynced(localRun.Id, null, e);
        }

        return new Run(this, localRun, remoteRun);
    }

    private void MarkUnsynced(string localId, string? remoteId, Exception error)
    {
        warn($"{_remoteLabel}: {TrackingErrors.Describe(error)}; run {localId} is kept in {_local.Location}, marked unsynced (upload it later with 'vigil runs push {localId} --to {_remoteLabel}').");
        _local.SetSync(localId, new RunSync(RunSyncState.Unsynced, _remoteLabel, remoteId));
    }

    private sealed class Run(LocalFirstTracker owner, IRun localRun, IRun? remoteRun) : IRun
    {
        private IRun? _remote = remoteRun;

        public string Id => localRun.Id;

        public void LogParameters(IReadOnlyDictionary<string, string> parameters)
        {
            localRun.LogParameters(parameters);
            Mirror(r => r.LogParameters(parameters));
        }

        public void LogMetric(string name, double value, long step = 0)
        {
            localRun.LogMetric(name, value, step);
            Mirror(r => r.LogMetric(name, value, step));
        }

        public void SetTag(string key, string value)
        {
            localRun.SetTag(key, value);
            Mirror(r => r.SetTag(key, value));
        }

        public async ValueTask LogArtifactAsync(string relativePath, Stream content, CancellationToken ct = default)
        {
            using var buffer = new MemoryStream();
            await content.CopyToAsync(buffer, ct).ConfigureAwait(false);
            buffer.Position = 0;
            await localRun.LogArtifactAsync(relativePath, buffer, ct).ConfigureAwait(false);
            var remote = _remote;
            if (remote is not null)
            {
                try
                {
                    await remote.LogArtifactAsync(relativePath, new MemoryStream(buffer.GetBuffer(), 0, (int)buffer.Length, writable: false), ct).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    Lose(remote, e);
                }
            }
        }

        public void Complete()
        {
            localRun.Complete();
            Mirror(r => r.Complete());
        }

        public async ValueTask DisposeAsync()
        {
            var remote = _remote;
            if (remote is not null)
            {
                try
                {
                    // Ends the remote copy first: its buffered metrics are sent now, and a failure here still leaves
                    // the local run to be marked unsynced before it ends.
                    await remote.DisposeAsync().ConfigureAwait(false);
                    owner._local.SetSync(localRun.Id, new RunSync(RunSyncState.Synced, owner._remoteLabel, remote.Id));
                }
                catch (Exception e)
                {
                    Lose(remote, e);
                }
            }

            await localRun.DisposeAsync().ConfigureAwait(false);
        }

        private void Mirror(Action<IRun> action)
        {
            var remote = _remote;
            if (remote is null)
            {
                return;
            }

            try
            {
                action(remote);
            }
            catch (Exception e)
            {
                Lose(remote, e);
            }
        }

        private void Lose(IRun remote, Exception error)
        {
            if (Interlocked.CompareExchange(ref _remote, null, remote) == remote)
            {
                owner.MarkUnsynced(localRun.Id, remote.Id, error);
            }
        }
    }
}
