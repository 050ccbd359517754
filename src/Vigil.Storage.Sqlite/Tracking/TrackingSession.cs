using Vigil.Experiments.Tracking;
using Vigil.Experiments.Tracking.Mlflow;

namespace Vigil.Storage.Sqlite.Tracking;

/// <summary>
/// The tracker a command logs to, built from <see cref="TrackingSettings"/>: the embedded store, mirrored to MLflow when a
/// server is named. Tracking never fails the job: a store that cannot be opened, or any later tracking error, becomes a
/// warning and the job runs on untracked.
/// </summary>
public sealed class TrackingSession : IDisposable
{
    private readonly IExperimentTracker? _tracker;
    private readonly MlflowConnection? _connection;
    private readonly SqliteTracker? _local;

    private TrackingSession(IExperimentTracker? tracker, MlflowConnection? connection, string description, SqliteTracker? local = null)
    {
        _tracker = tracker;
        _connection = connection;
        _local = local;
        Description = description;
    }

    /// <summary>Where runs go, for messages (never holds credentials).</summary>
    public string Description { get; }

    /// <summary>Opens the session <paramref name="settings"/> describe.</summary>
    /// <param name="settings">Enabled or not, and where.</param>
    /// <param name="environment">Reads VIGIL_RUNS_DIR, MLFLOW_TRACKING_URI and MLflow's credential variables.</param>
    /// <param name="time">Stamps runs and metrics, and waits between retries.</param>
    /// <param name="warn">Receives warnings.</param>
    public static TrackingSession Open(TrackingSettings settings, Func<string, string?> environment, TimeProvider time, Action<string> warn)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(warn);
        if (!settings.Enabled)
        {
            return new TrackingSession(null, null, "not tracked (--no-track)");
        }

        string? given = settings.TrackingUri ?? environment(TrackingSettings.MlflowUriVariable);
        if (given is not null && !MlflowUri.IsServer(given) && Uri.TryCreate(given, UriKind.Absolute, out var other) && other.Scheme.Length > 1 && other.Scheme != Uri.UriSchemeFile)
        {
            warn($"tracking URI scheme '{other.Scheme}:' is not supported (an MLflow server is http:// or https://); runs go to the embedded store only.");
        }

        SqliteTracker local;
        try
        {
            local = new SqliteTracker(settings.LocalFolder(environment), time);
        }
        catch (TrackingStoreException e)
        {
            warn($"tracking is off: {e.Message}");
            return new TrackingSession(null, null, "not tracked");
        }

        string? remote = settings.RemoteUri(environment);
        if (remote is null)
        {
            return new TrackingSession(new GuardedTracker(local, warn), null, local.DatabasePath, local);
        }

        var connection = MlflowConnection.Open(remote, environment, RetryPolicy.Default(time));
        var tracker = new LocalFirstTracker(local, new MlflowTracker(connection.Client, time), connection.Label, warn);
        return new TrackingSession(new GuardedTracker(tracker, warn), connection, $"{local.DatabasePath} and MLflow at {connection.Label}", local);
    }

    /// <summary>Starts a run; a <see cref="NullRun"/> when tracking is off or the store fails.</summary>
    public async ValueTask<IRun> StartRunAsync(string experiment, IReadOnlyDictionary<string, string>? tags = null, CancellationToken ct = default) =>
        _tracker is null ? NullRun.Instance : await _tracker.StartRunAsync(experiment, tags, ct).ConfigureAwait(false);

    /// <summary>Where an ended run went, for the closing message: the local store, and the MLflow run when it got there.</summary>
    public string WhereIs(string runId)
    {
        ArgumentNullException.ThrowIfNull(runId);
        if (_local is null)
        {
            return Description;
        }

        try
        {
            var sync = _local.FindRun(runId)?.Sync;
            return sync?.State switch
            {
                RunSyncState.Synced => $"{_local.DatabasePath} and MLflow at {sync.Target} (run {sync.RemoteRunId})",
                RunSyncState.Unsynced or RunSyncState.Pending => $"{_local.DatabasePath} only (unsynced: 'vigil runs push {runId} --to {sync.Target}' uploads it)",
                _ => _local.DatabasePath,
            };
        }
        catch (TrackingStoreException)
        {
            return Description;
        }
    }

    /// <inheritdoc />
    public void Dispose() => _connection?.Dispose();
}
