using System.Globalization;
using Microsoft.Data.Sqlite;
using Vigil.Experiments.Tracking;
using Vigil.IO;

namespace Vigil.Storage.Sqlite.Tracking;

/// <summary>
/// The embedded tracking store: experiments, runs (status, start and end, tags, parent, sync state), parameters and
/// metrics (with step and timestamp) in <c>&lt;root&gt;/tracking.db</c>, artifacts under <c>&lt;root&gt;/artifacts/&lt;run-id&gt;/</c>.
/// </summary>
/// <remarks>
/// Safe with several writing processes: the database runs in WAL mode, every change is one transaction (writes take the
/// lock at once, <c>BEGIN IMMEDIATE</c>), and a locked database is waited for (<c>busy_timeout</c>, then Microsoft.Data.Sqlite's
/// own retries up to the command timeout). A failed write (read-only folder, full disk) raises a
/// <see cref="TrackingStoreException"/> that says what to do; the transaction rolls back, so the database is never left
/// half-written, and the run is marked failed when it ends. Thread safe: every call uses its own pooled connection.
/// </remarks>
public sealed partial class SqliteTracker : ITrackingStore
{
    /// <summary>The database file's name inside the store's folder.</summary>
    public const string DatabaseFileName = "tracking.db";

    /// <summary>The artifacts folder's name inside the store's folder.</summary>
    public const string ArtifactsFolderName = "artifacts";

    private readonly TimeProvider _time;
    private readonly string _connectionString;
    private readonly long? _maxPageCount;
    private readonly bool _refuseWrites;

    /// <summary>Opens (creating when needed) the store in <paramref name="root"/>, e.g. <c>runs</c>.</summary>
    /// <param name="root">The store's folder.</param>
    /// <param name="time">Stamps starts, ends and metrics.</param>
    /// <param name="readOnly">Open for reading only: the store must exist, and nothing is ever written.</param>
    /// <exception cref="TrackingStoreException">The store cannot be created or opened, or is not a tracking database.</exception>
    public SqliteTracker(string root, TimeProvider time, bool readOnly = false)
        : this(root, time, readOnly, maxPageCount: null)
    {
    }

    /// <summary>
    /// As the public constructor; <paramref name="maxPageCount"/> caps the database's size and <paramref name="refuseWrites"/>
    /// makes SQLite itself refuse every write (<c>query_only</c>): tests simulate a full disk and a read-only file with them.
    /// </summary>
    internal SqliteTracker(string root, TimeProvider time, bool readOnly, long? maxPageCount, bool refuseWrites = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        _time = time ?? throw new ArgumentNullException(nameof(time));
        Root = Path.GetFullPath(root);
        DatabasePath = Path.Combine(Root, DatabaseFileName);
        ArtifactsRoot = Path.Combine(Root, ArtifactsFolderName);
        ReadOnly = readOnly;
        _maxPageCount = maxPageCount;
        _refuseWrites = refuseWrites;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = DatabasePath,
            Mode = readOnly ? SqliteOpenMode.ReadOnly : SqliteOpenMode.ReadWriteCreate,
            DefaultTimeout = 60,
            Pooling = true,
        }.ToString();
        if (readOnly && !File.Exists(DatabasePath))
        {
            throw new TrackingStoreException($"No tracking store at {DatabasePath}: nothing has been tracked there yet.");
        }

        Guard(() =>
        {
            if (!readOnly)
            {
                Directory.CreateDirectory(Root);
            }

            using var connection = Open();
            if (!readOnly)
            {
                TrackingSchema.Ensure(connection, DatabasePath);
            }
            else
            {
                using var probe = connection.CreateCommand();
                probe.CommandText = "SELECT count(*) FROM sqlite_master WHERE name = 'runs'";
                if ((long)probe.ExecuteScalar()! == 0)
                {
                    throw new TrackingStoreException($"{DatabasePath} is not a tracking database.");
                }
            }

            return 0;
        });
    }

    /// <summary>The store's folder (absolute).</summary>
    public string Root { get; }

    /// <summary>The database file.</summary>
    public string DatabasePath { get; }

    /// <summary>The folder that holds one folder of artifacts per run.</summary>
    public string ArtifactsRoot { get; }

    /// <summary>Whether the store was opened for reading only.</summary>
    public bool ReadOnly { get; }

    /// <inheritdoc />
    public string Location => DatabasePath;

    /// <inheritdoc />
    public ValueTask<IRun> StartRunAsync(string experiment, IReadOnlyDictionary<string, string>? tags = null, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(experiment);
        ct.ThrowIfCancellationRequested();
        string id = RunIds.New();
        long start = _time.GetUtcNow().ToUnixTimeMilliseconds();
        Write(connection =>
        {
            using var transaction = connection.BeginTransaction();
            long experimentId = EnsureExperiment(connection, transaction, experiment, start);
            Execute(connection, transaction,
                "INSERT INTO runs(id, experiment_id, status, start_ms, parent_id) VALUES($id, $experiment, 'RUNNING', $start, $parent)",
                ("$id", id), ("$experiment", experimentId), ("$start", start), ("$parent", tags?.GetValueOrDefault(RunTags.ParentRunId)));
            foreach (var (key, value) in tags ?? new Dictionary<string, string>())
            {
                Execute(connection, transaction, "INSERT OR REPLACE INTO tags(run_id, key, value) VALUES($id, $key, $value)", ("$id", id), ("$key", key), ("$value", value));
            }

            transaction.Commit();
        });
        return ValueTask.FromResult<IRun>(new Run(this, id));
    }

    /// <inheritdoc />
    public IReadOnlyList<string> ListExperiments() => Read(connection =>
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM experiments ORDER BY name";
        var names = new List<string>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            names.Add(reader.GetString(0));
        }

        return names.Order(StringComparer.Ordinal).ToArray();
    });

    /// <inheritdoc />
    public IReadOnlyList<TrackedRun> ListRuns(string? experiment = null)
    {
        var ids = Read(connection =>
        {
            if (experiment is not null)
            {
                using var exists = connection.CreateCommand();
                exists.CommandText = "SELECT count(*) FROM experiments WHERE name = $name";
                exists.Parameters.AddWithValue("$name", experiment);
                if ((long)exists.ExecuteScalar()! == 0)
                {
                    return null;
                }
            }

            using var command = connection.CreateCommand();
            command.CommandText = "SELECT r.id FROM runs r JOIN experiments e ON e.id = r.experiment_id WHERE $name IS NULL OR e.name = $name ORDER BY r.start_ms DESC, r.rowid DESC";
            command.Parameters.AddWithValue("$name", (object?)experiment ?? DBNull.Value);
            var list = new List<string>();
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                list.Add(reader.GetString(0));
            }

            return list;
        });
        if (ids is null)
        {
            throw new UnknownExperimentException(experiment!, ListExperiments());
        }

        return ids.Select(FindRun).OfType<TrackedRun>().ToArray();
    }

    /// <inheritdoc />
    public TrackedRun? FindRun(string runId)
    {
        ArgumentNullException.ThrowIfNull(runId);
        var run = Read(connection => LoadRun(connection, runId));
        return run is null ? null : run with { Artifacts = ListArtifacts(runId) };
    }

    /// <inheritdoc />
    public bool DeleteRun(string runId)
    {
        ArgumentNullException.ThrowIfNull(runId);
        bool deleted = false;
        Write(connection =>
        {
            using var transaction = connection.BeginTransaction();
            foreach (string table in new[] { "metrics", "params", "tags" })
            {
                Execute(connection, transaction, $"DELETE FROM {table} WHERE run_id = $id", ("$id", runId));
            }

            deleted = Execute(connection, transaction, "DELETE FROM runs WHERE id = $id", ("$id", runId)) > 0;
            transaction.Commit();
        });
        string folder = ArtifactFolder(runId);
        if (deleted && Directory.Exists(folder))
        {
            Guard(() =>
            {
                Directory.Delete(folder, recursive: true);
                return 0;
            });
        }

        return deleted;
    }

    /// <inheritdoc />
    public Stream OpenArtifact(string runId, string relativePath)
    {
        string path = Path.Combine(ArtifactFolder(runId), ArtifactPath.Normalize(relativePath));
        return File.Exists(path) ? File.OpenRead(path) : throw new FileNotFoundException($"Run {runId} has no artifact '{relativePath}'.", path);
    }

    /// <inheritdoc />
    public void SetSync(string runId, RunSync sync)
    {
        ArgumentNullException.ThrowIfNull(sync);
        Write(connection => Execute(connection, null,
            "UPDATE runs SET sync_state = $state, sync_target = $target, remote_id = $remote WHERE id = $id",
            ("$state", SyncText(sync.State)), ("$target", sync.Target), ("$remote", sync.RemoteRunId), ("$id", runId)));
    }

    /// <summary>Runs SQLite's integrity check; "ok" for a sound database.</summary>
    public string CheckIntegrity() => Read(connection =>
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check";
        return (string)command.ExecuteScalar()!;
    });

    private string ArtifactFolder(string runId) =>
        RunIds.IsWellFormed(runId) ? Path.Combine(ArtifactsRoot, runId) : throw new ArgumentException($"'{runId}' is not a run id (32 hex digits).", nameof(runId));

    private IReadOnlyList<string> ListArtifacts(string runId)
    {
        string folder = Path.Combine(ArtifactsRoot, runId);
        if (!RunIds.IsWellFormed(runId) || !Directory.Exists(folder))
        {
            return [];
        }

        return Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Where(f => !Path.GetFileName(f).StartsWith('.'))   // AtomicFile's temporary files
            .Select(f => Path.GetRelativePath(folder, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToArray();
    }

    private void WriteArtifact(string runId, string relativePath, byte[] content)
    {
        if (ReadOnly)
        {
            throw new TrackingStoreException($"The tracking store {DatabasePath} was opened read-only.");
        }

        string path = Path.Combine(ArtifactFolder(runId), ArtifactPath.Normalize(relativePath));
        Guard(() =>
        {
            AtomicFile.Write(path, stream => stream.Write(content));
            return 0;
        });
    }

    private static TrackedRun? LoadRun(SqliteConnection connection, string runId)
    {
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT e.name, r.status, r.start_ms, r.end_ms, r.parent_id, r.sync_state, r.sync_target, r.remote_id
            FROM runs r JOIN experiments e ON e.id = r.experiment_id WHERE r.id = $id
            """;
        command.Parameters.AddWithValue("$id", runId);
        string experiment, status, syncState;
        long start;
        long? end;
        string? parent, target, remote;
        using (var reader = command.ExecuteReader())
        {
            if (!reader.Read())
            {
                return null;
            }

            experiment = reader.GetString(0);
            status = reader.GetString(1);
            start = reader.GetInt64(2);
            end = reader.IsDBNull(3) ? null : reader.GetInt64(3);
            parent = reader.IsDBNull(4) ? null : reader.GetString(4);
            syncState = reader.GetString(5);
            target = reader.IsDBNull(6) ? null : reader.GetString(6);
            remote = reader.IsDBNull(7) ? null : reader.GetString(7);
        }

        var metrics = new List<MetricPoint>();
        using (var metricCommand = connection.CreateCommand())
        {
            metricCommand.CommandText = "SELECT key, value, step, timestamp_ms FROM metrics WHERE run_id = $id ORDER BY key, step, rowid";
            metricCommand.Parameters.AddWithValue("$id", runId);
            using var reader = metricCommand.ExecuteReader();
            while (reader.Read())
            {
                // SQLite stores NaN as NULL.
                double value = reader.IsDBNull(1) ? double.NaN : reader.GetDouble(1);
                metrics.Add(new MetricPoint(reader.GetString(0), value, reader.GetInt64(2), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3))));
            }
        }

        metrics.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name) is var c && c != 0 ? c : a.Step.CompareTo(b.Step));
        return new TrackedRun(
            runId,
            experiment,
            ParseStatus(status),
            DateTimeOffset.FromUnixTimeMilliseconds(start),
            end is { } e ? DateTimeOffset.FromUnixTimeMilliseconds(e) : null,
            parent,
            Pairs(connection, "tags", runId),
            Pairs(connection, "params", runId),
            metrics,
            [],
            new RunSync(ParseSync(syncState), target, remote));
    }

    private static SortedDictionary<string, string> Pairs(SqliteConnection connection, string table, string runId)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT key, value FROM {table} WHERE run_id = $id";
        command.Parameters.AddWithValue("$id", runId);
        var pairs = new SortedDictionary<string, string>(StringComparer.Ordinal);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            pairs[reader.GetString(0)] = reader.GetString(1);
        }

        return pairs;
    }

    private static long EnsureExperiment(SqliteConnection connection, SqliteTransaction transaction, string name, long now)
    {
        Execute(connection, transaction, "INSERT OR IGNORE INTO experiments(name, created_ms) VALUES($name, $now)", ("$name", name), ("$now", now));
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT id FROM experiments WHERE name = $name";
        command.Parameters.AddWithValue("$name", name);
        return (long)command.ExecuteScalar()!;
    }

    private static int Execute(SqliteConnection connection, SqliteTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value is double d && double.IsNaN(d) ? DBNull.Value : value ?? DBNull.Value);
        }

        return command.ExecuteNonQuery();
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var pragma = connection.CreateCommand();
        pragma.CommandText = ReadOnly
            ? "PRAGMA busy_timeout = 10000;"
            : "PRAGMA busy_timeout = 10000; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;"
              + (_maxPageCount is { } pages ? $"PRAGMA max_page_count = {pages.ToString(CultureInfo.InvariantCulture)};" : "")
              + (_refuseWrites ? "PRAGMA query_only = 1;" : "");
        pragma.ExecuteNonQuery();
        return connection;
    }

    private T Read<T>(Func<SqliteConnection, T> read) => Guard(() =>
    {
        using var connection = Open();
        return read(connection);
    });

    private void Write(Action<SqliteConnection> write)
    {
        if (ReadOnly)
        {
            throw new TrackingStoreException($"The tracking store {DatabasePath} was opened read-only.");
        }

        Guard(() =>
        {
            using var connection = Open();
            write(connection);
            return 0;
        });
    }

    private T Guard<T>(Func<T> action)
    {
        // A lock that outlasts busy_timeout and the provider's own retries is tried again a few times before it
        // becomes an error: several processes may be logging at once.
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                return action();
            }
            catch (SqliteException e) when (SqliteErrors.IsBusy(e) && attempt < 3)
            {
            }
            catch (Exception e) when (e is SqliteException or IOException or UnauthorizedAccessException)
            {
                throw SqliteErrors.Translate(e, DatabasePath);
            }
        }
    }

    private static string StatusText(RunStatus status) => status switch
    {
        RunStatus.Finished => "FINISHED",
        RunStatus.Failed => "FAILED",
        _ => "RUNNING",
    };

    private static RunStatus ParseStatus(string text) => text switch
    {
        "FINISHED" => RunStatus.Finished,
        "FAILED" => RunStatus.Failed,
        _ => RunStatus.Running,
    };

    private static string SyncText(RunSyncState state) => state switch
    {
        RunSyncState.Pending => "pending",
        RunSyncState.Synced => "synced",
        RunSyncState.Unsynced => "unsynced",
        _ => "local",
    };

    private static RunSyncState ParseSync(string text) => text switch
    {
        "pending" => RunSyncState.Pending,
        "synced" => RunSyncState.Synced,
        "unsynced" => RunSyncState.Unsynced,
        _ => RunSyncState.LocalOnly,
    };
}
