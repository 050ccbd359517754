using System.Globalization;
using Microsoft.Data.Sqlite;
using Vigil.Tuning;
using Vigil.Tuning.Stores;

namespace Vigil.Storage.Sqlite.Studies;

/// <summary>
/// The embedded study store: one SQLite file (default <c>runs/studies.db</c>) in WAL mode, shared safely by threads and
/// processes. Each state change is one <c>BEGIN IMMEDIATE</c> transaction; a busy database is retried with back-off
/// (never reported as "database is locked") for up to <see cref="BusyTimeout"/>.
/// </summary>
/// <remarks>
/// Tables: <c>tuning_studies</c> (settings and a version counter bumped by every trial write), <c>tuning_trials</c>,
/// <c>tuning_params</c> (internal values) and <c>tuning_intermediates</c>. Every trial write stamps its row with the
/// study version it produced (<c>tuning_trials.changed</c>), so <see cref="List"/> keeps the trials it has read and
/// reads only the rows written since its cached version — whichever process wrote them — and nothing when the version
/// has not moved: a trial costs the same at 1,000 trials in the study as at 10.
/// </remarks>
public sealed class SqliteTrialStore : ITrialStore
{
    // 2: tuning_trials.changed, the study version of the row's last write (incremental reads).
    private const int SchemaVersion = 2;
    private readonly string _connectionString;
    private readonly Lock _cacheLock = new();
    private readonly Dictionary<string, (long Version, IReadOnlyList<TrialRecord> Trials)> _cache = new(StringComparer.Ordinal);
    private bool _incremental;

    // Native connections whose pragmas are set; weak, so a connection the pool drops is forgotten with it.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<object, object> Configured = new();

    /// <summary>Opens (creating when absent, unless <paramref name="readOnly"/>) the database at <paramref name="path"/>.</summary>
    /// <exception cref="StudyStoreException">Not a study database, corrupt, or not writable when writing is needed.</exception>
    public SqliteTrialStore(string path, bool readOnly = false)
    {
        ArgumentNullException.ThrowIfNull(path);
        Path = System.IO.Path.GetFullPath(path);
        if (readOnly && !File.Exists(Path))
        {
            throw new StudyStoreException($"No study database at {Path}.");
        }

        if (!readOnly && File.Exists(Path) && !OperatingSystem.IsWindows()
            && (File.GetUnixFileMode(Path) & (UnixFileMode.UserWrite | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite)) == 0)
        {
            throw new StudyStoreException($"{Path}: the study database is read-only (no write permission); make it writable or give another --storage.");
        }

        if (!readOnly)
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        }

        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = readOnly ? SqliteOpenMode.ReadOnly : SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        ReadOnly = readOnly;
        Initialize();
    }

    /// <summary>The database file.</summary>
    public string Path { get; }

    /// <summary>Whether the store was opened for reading only.</summary>
    public bool ReadOnly { get; }

    /// <summary>How long a busy database is retried before giving up.</summary>
    public TimeSpan BusyTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <inheritdoc />
    public StudyRecord? FindStudy(string name) => Run(c =>
    {
        using var cmd = Command(c, "SELECT name, detector, metric, direction, space, sampler, pruner, seed, sync_window, data, created FROM tuning_studies WHERE name = $n", ("$n", name));
        using var r = cmd.ExecuteReader();
        return r.Read() ? ReadStudy(r) : null;
    });

    /// <inheritdoc />
    public StudyRecord OpenOrCreate(StudyRecord study)
    {
        ArgumentNullException.ThrowIfNull(study);
        return Write(c =>
        {
            using (var find = Command(c, "SELECT name, detector, metric, direction, space, sampler, pruner, seed, sync_window, data, created FROM tuning_studies WHERE name = $n", ("$n", study.Name)))
            using (var r = find.ExecuteReader())
            {
                if (r.Read())
                {
                    return ReadStudy(r);
                }
            }

            using var insert = Command(c,
                "INSERT INTO tuning_studies(name, detector, metric, direction, space, sampler, pruner, seed, sync_window, data, created, version) VALUES ($n, $d, $m, $dir, $sp, $sa, $pr, $seed, $w, $data, $cr, 0)",
                ("$n", study.Name), ("$d", study.Detector), ("$m", study.Metric), ("$dir", study.Direction.ToString()), ("$sp", study.Space),
                ("$sa", study.Sampler), ("$pr", study.Pruner), ("$seed", study.Seed), ("$w", study.SyncWindow), ("$data", study.Data), ("$cr", Time(study.Created)));
            insert.ExecuteNonQuery();
            return study;
        });
    }

    /// <inheritdoc />
    public IReadOnlyList<StudyRecord> ListStudies() => Run(c =>
    {
        using var cmd = Command(c, "SELECT name, detector, metric, direction, space, sampler, pruner, seed, sync_window, data, created FROM tuning_studies ORDER BY name");
        using var r = cmd.ExecuteReader();
        var list = new List<StudyRecord>();
        while (r.Read())
        {
            list.Add(ReadStudy(r));
        }

        return list;
    });

    /// <inheritdoc />
    public TrialRecord? Create(string study, int maxTrials, string worker, DateTimeOffset now) => Write(c =>
    {
        RequireStudy(c, study);
        long active = Scalar(c, "SELECT count(*) FROM tuning_trials WHERE study = $s AND state <> 'Failed'", ("$s", study));
        if (active >= maxTrials)
        {
            return null;
        }

        int number = (int)Scalar(c, "SELECT coalesce(max(number), -1) + 1 FROM tuning_trials WHERE study = $s", ("$s", study));
        long version = Bump(c, study);
        using (var insert = Command(c, "INSERT INTO tuning_trials(study, number, state, value, started, finished, heartbeat, worker, message, changed) VALUES ($s, $k, 'Running', NULL, $t, NULL, $t, $w, NULL, $c)",
                   ("$s", study), ("$k", number), ("$t", Time(now)), ("$w", worker), ("$c", version)))
        {
            insert.ExecuteNonQuery();
        }

        return new TrialRecord(number, TrialState.Running, new Dictionary<string, double>(), null, [], now, null, now, worker);
    });

    /// <inheritdoc />
    public void Update(string study, TrialRecord trial)
    {
        ArgumentNullException.ThrowIfNull(trial);
        Write(c =>
        {
            using (var state = Command(c, "SELECT state FROM tuning_trials WHERE study = $s AND number = $k", ("$s", study), ("$k", trial.Number)))
            {
                object? current = state.ExecuteScalar();
                if (current is null)
                {
                    throw new InvalidOperationException($"Study '{study}' has no trial {trial.Number}.");
                }

                if ((string)current != nameof(TrialState.Running))
                {
                    throw new InvalidOperationException($"Trial {trial.Number} of study '{study}' has already finished ({current}).");
                }
            }

            long version = Bump(c, study);
            using (var update = Command(c, "UPDATE tuning_trials SET state = $st, value = $v, finished = $f, heartbeat = $h, worker = $w, message = $m, changed = $c WHERE study = $s AND number = $k",
                       ("$st", trial.State.ToString()), ("$v", trial.Value), ("$f", trial.Finished is { } f ? Time(f) : null), ("$h", Time(trial.Heartbeat)),
                       ("$w", trial.Worker), ("$m", trial.Message), ("$c", version), ("$s", study), ("$k", trial.Number)))
            {
                update.ExecuteNonQuery();
            }

            using (var count = Command(c, "SELECT count(*) FROM tuning_params WHERE study = $s AND number = $k", ("$s", study), ("$k", trial.Number)))
            {
                if ((long)count.ExecuteScalar()! != trial.Parameters.Count)
                {
                    Exec(c, "DELETE FROM tuning_params WHERE study = $s AND number = $k", ("$s", study), ("$k", trial.Number));
                    foreach (var (name, value) in trial.Parameters)
                    {
                        Exec(c, "INSERT INTO tuning_params(study, number, name, value) VALUES ($s, $k, $n, $v)", ("$s", study), ("$k", trial.Number), ("$n", name), ("$v", value));
                    }
                }
            }

            long stored = Scalar(c, "SELECT count(*) FROM tuning_intermediates WHERE study = $s AND number = $k", ("$s", study), ("$k", trial.Number));
            for (int step = (int)stored; step < trial.Intermediates.Count; step++)
            {
                Exec(c, "INSERT INTO tuning_intermediates(study, number, step, value) VALUES ($s, $k, $i, $v)", ("$s", study), ("$k", trial.Number), ("$i", step), ("$v", trial.Intermediates[step]));
            }

            return 0;
        });
    }

    /// <inheritdoc />
    public IReadOnlyList<TrialRecord> List(string study) => Run(c =>
    {
        using var tx = c.BeginTransaction(deferred: true);   // one snapshot for the version and the rows
        long version = Scalar(c, "SELECT version FROM tuning_studies WHERE name = $s", ("$s", study), tx, missing: -1);
        if (version < 0)
        {
            throw new KeyNotFoundException($"No study named '{study}' in {Path}.");
        }

        (long Version, IReadOnlyList<TrialRecord> Trials) cached;
        lock (_cacheLock)
        {
            if (!_cache.TryGetValue(study, out cached))
            {
                cached = (-1, []);
            }
        }

        if (cached.Version == version)
        {
            return cached.Trials;
        }

        // Only the trials written since the cached version: every trial write stamps the row with the study version
        // it produced, so "changed > cached version" is exactly what moved (rows of other processes included). A
        // version below the cache's means the file was replaced: read everything again.
        long since = _incremental && cached.Version <= version ? cached.Version : -1;
        var changed = ReadTrials(c, tx, study, since, _incremental);
        var trials = new List<TrialRecord>(since < 0 ? changed.Count : cached.Trials.Count + changed.Count);
        if (since >= 0)
        {
            trials.AddRange(cached.Trials);
        }

        foreach (var t in changed)   // by number; numbers are 0, 1, 2, ... without gaps (trials are never deleted)
        {
            if (t.Number < trials.Count)
            {
                trials[t.Number] = t;
            }
            else
            {
                trials.Add(t);
            }
        }

        tx.Commit();
        lock (_cacheLock)
        {
            if (!_cache.TryGetValue(study, out var current) || current.Version < version)
            {
                _cache[study] = (version, trials);
            }
        }

        return trials;
    });

    // The trials of the study whose last write produced a version above since (all of them for since = -1), by number.
    // CROSS JOIN fixes SQLite's join order: the changed trials first (through tuning_trials_changed), then their
    // parameters and intermediates by key. Left to itself the planner walked every intermediate of the study and
    // looked each trial up, O(study) per read: 0.44 ms at 1,000 trials against 0.005 ms this way.
    private static List<TrialRecord> ReadTrials(SqliteConnection c, SqliteTransaction tx, string study, long since, bool incremental)
    {
        string filter = incremental ? "t.changed > $v" : "$v = $v";
        var parameters = new Dictionary<int, Dictionary<string, double>>();
        using (var cmd = Command(c, "SELECT p.number, p.name, p.value FROM tuning_trials t CROSS JOIN tuning_params p ON p.study = t.study AND p.number = t.number WHERE t.study = $s AND " + filter,
                   ("$s", study), ("$v", since)))
        {
            cmd.Transaction = tx;
            using var r = cmd.ExecuteReader();
            while (r.Read())
            {
                int k = r.GetInt32(0);
                if (!parameters.TryGetValue(k, out var p))
                {
                    parameters[k] = p = new Dictionary<string, double>(StringComparer.Ordinal);
                }

                p[r.GetString(1)] = r.GetDouble(2);
            }
        }

        var intermediates = new Dictionary<int, List<double>>();
        using (var cmd = Command(c, "SELECT i.number, i.value FROM tuning_trials t CROSS JOIN tuning_intermediates i ON i.study = t.study AND i.number = t.number WHERE t.study = $s AND " + filter + " ORDER BY i.number, i.step",
                   ("$s", study), ("$v", since)))
        {
            cmd.Transaction = tx;
            using var r = cmd.ExecuteReader();
            while (r.Read())
            {
                int k = r.GetInt32(0);
                if (!intermediates.TryGetValue(k, out var list))
                {
                    intermediates[k] = list = [];
                }

                list.Add(r.GetDouble(1));
            }
        }

        var trials = new List<TrialRecord>();
        using (var cmd = Command(c, "SELECT number, state, value, started, finished, heartbeat, worker, message FROM tuning_trials t WHERE t.study = $s AND " + filter + " ORDER BY t.number",
                   ("$s", study), ("$v", since)))
        {
            cmd.Transaction = tx;
            using var r = cmd.ExecuteReader();
            while (r.Read())
            {
                int k = r.GetInt32(0);
                trials.Add(new TrialRecord(
                    k,
                    Enum.Parse<TrialState>(r.GetString(1)),
                    parameters.TryGetValue(k, out var p) ? p : new Dictionary<string, double>(),
                    r.IsDBNull(2) ? null : r.GetDouble(2),
                    intermediates.TryGetValue(k, out var iv) ? iv : [],
                    ParseTime(r.GetString(3)),
                    r.IsDBNull(4) ? null : ParseTime(r.GetString(4)),
                    ParseTime(r.GetString(5)),
                    r.GetString(6),
                    r.IsDBNull(7) ? null : r.GetString(7)));
            }
        }

        return trials;
    }

    private void Initialize()
    {
        try
        {
            if (ReadOnly)
            {
                Run(c => Scalar(c, "SELECT count(*) FROM tuning_studies"));
                _incremental = Run(c => Scalar(c, "SELECT count(*) FROM pragma_table_info('tuning_trials') WHERE name = 'changed'")) > 0;   // a schema-1 file is read whole
                return;
            }

            Run(c =>
            {
                Exec(c, "PRAGMA journal_mode=WAL");
                return 0;
            });
            Write(c =>
            {
                Exec(c, "CREATE TABLE IF NOT EXISTS tuning_schema(version INTEGER NOT NULL)");
                long stored = Scalar(c, "SELECT coalesce(max(version), 0) FROM tuning_schema");
                if (stored > SchemaVersion)
                {
                    throw new StudyStoreException($"{Path} was written by a newer Vigil (study schema {stored}; this one reads up to {SchemaVersion}).");
                }

                if (stored == 0)
                {
                    Exec(c, "INSERT INTO tuning_schema(version) VALUES (2)");
                }

                Exec(c, """
                    CREATE TABLE IF NOT EXISTS tuning_studies(name TEXT PRIMARY KEY, detector TEXT NOT NULL, metric TEXT NOT NULL, direction TEXT NOT NULL,
                        space TEXT NOT NULL, sampler TEXT NOT NULL, pruner TEXT NOT NULL, seed INTEGER NOT NULL, sync_window INTEGER NOT NULL,
                        data TEXT NOT NULL, created TEXT NOT NULL, version INTEGER NOT NULL);
                    CREATE TABLE IF NOT EXISTS tuning_trials(study TEXT NOT NULL REFERENCES tuning_studies(name), number INTEGER NOT NULL, state TEXT NOT NULL,
                        value REAL, started TEXT NOT NULL, finished TEXT, heartbeat TEXT NOT NULL, worker TEXT NOT NULL, message TEXT, changed INTEGER NOT NULL DEFAULT 0,
                        PRIMARY KEY(study, number));
                    CREATE TABLE IF NOT EXISTS tuning_params(study TEXT NOT NULL, number INTEGER NOT NULL, name TEXT NOT NULL, value REAL NOT NULL, PRIMARY KEY(study, number, name));
                    CREATE TABLE IF NOT EXISTS tuning_intermediates(study TEXT NOT NULL, number INTEGER NOT NULL, step INTEGER NOT NULL, value REAL NOT NULL, PRIMARY KEY(study, number, step));
                    """);
                if (stored == 1)
                {
                    // A schema-1 file: every row gets changed = 0, below any version a reader has cached, so the first
                    // read after the upgrade is a full one and later ones are incremental.
                    Exec(c, "ALTER TABLE tuning_trials ADD COLUMN changed INTEGER NOT NULL DEFAULT 0");
                    Exec(c, "UPDATE tuning_schema SET version = 2");
                }

                Exec(c, "CREATE INDEX IF NOT EXISTS tuning_trials_changed ON tuning_trials(study, changed)");
                _incremental = true;
                return 0;
            });
        }
        catch (SqliteException e)
        {
            throw new StudyStoreException($"{Path} is not a usable study database: {e.Message}", e);
        }
    }

    private T Write<T>(Func<SqliteConnection, T> action)
    {
        if (ReadOnly)
        {
            throw new StudyStoreException($"{Path} was opened read-only.");
        }

        return Run(c =>
        {
            using var tx = c.BeginTransaction(deferred: false);   // BEGIN IMMEDIATE: take the write lock up front
            var result = action(c);
            tx.Commit();
            return result;
        });
    }

    // A refused file must not stay open in the connection pool: a later store on the same path (the file replaced or
    // its mode changed) would otherwise be handed the old, refused connection.
    private void ForgetPooledConnections()
    {
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
    }

    // Opens a connection, runs the action, and retries the whole action while the database is busy or locked.
    private T Run<T>(Func<SqliteConnection, T> action)
    {
        var waited = TimeSpan.Zero;
        var delay = TimeSpan.FromMilliseconds(5);
        while (true)
        {
            try
            {
                using var connection = new SqliteConnection(_connectionString);
                connection.Open();
                if (!Configured.TryGetValue(connection.Handle!, out _))
                {
                    // Once per underlying connection (the pool hands the same one out again): synchronous=NORMAL in
                    // WAL mode means a commit survives the process being killed (what resuming needs) and only a power
                    // cut can lose the last commits; FULL would fsync every trial write.
                    Exec(connection, "PRAGMA busy_timeout=5000; PRAGMA synchronous=NORMAL");
                    Configured.AddOrUpdate(connection.Handle!, Configured);
                }

                return action(connection);
            }
            catch (SqliteException e) when (e.SqliteErrorCode is 5 or 6 && waited < BusyTimeout)   // SQLITE_BUSY, SQLITE_LOCKED
            {
                Thread.Sleep(delay);
                waited += delay;
                delay = TimeSpan.FromMilliseconds(Math.Min(200, delay.TotalMilliseconds * 2));
            }
            catch (SqliteException e) when (e.SqliteErrorCode is 8)   // SQLITE_READONLY
            {
                ForgetPooledConnections();
                throw new StudyStoreException($"{Path}: the study database is read-only: {e.Message}", e);
            }
            catch (SqliteException e) when (e.SqliteErrorCode is 11 or 26)   // SQLITE_CORRUPT, SQLITE_NOTADB
            {
                ForgetPooledConnections();
                throw new StudyStoreException($"{Path} is not a usable study database (corrupt or not SQLite): {e.Message}", e);
            }
        }
    }

    private static void RequireStudy(SqliteConnection c, string study)
    {
        if (Scalar(c, "SELECT count(*) FROM tuning_studies WHERE name = $s", ("$s", study)) == 0)
        {
            throw new KeyNotFoundException($"No study named '{study}'.");
        }
    }

    // Moves the study's version on by one and returns the new value, which the written trial row is stamped with.
    private static long Bump(SqliteConnection c, string study) =>
        Scalar(c, "UPDATE tuning_studies SET version = version + 1 WHERE name = $s RETURNING version", ("$s", study));

    private static SqliteCommand Command(SqliteConnection c, string sql, params (string Name, object? Value)[] parameters)
    {
        var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            cmd.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return cmd;
    }

    private static void Exec(SqliteConnection c, string sql, params (string Name, object? Value)[] parameters)
    {
        using var cmd = Command(c, sql, parameters);
        cmd.ExecuteNonQuery();
    }

    private static long Scalar(SqliteConnection c, string sql, params (string Name, object? Value)[] parameters)
    {
        using var cmd = Command(c, sql, parameters);
        return Convert.ToInt64(cmd.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private static long Scalar(SqliteConnection c, string sql, (string Name, object? Value) parameter, SqliteTransaction tx, long missing)
    {
        using var cmd = Command(c, sql, parameter);
        cmd.Transaction = tx;
        object? value = cmd.ExecuteScalar();
        return value is null ? missing : Convert.ToInt64(value, CultureInfo.InvariantCulture);
    }

    private static StudyRecord ReadStudy(SqliteDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetString(2), Enum.Parse<StudyDirection>(r.GetString(3)), r.GetString(4), r.GetString(5), r.GetString(6),
        r.GetInt32(7), r.GetInt32(8), r.GetString(9), ParseTime(r.GetString(10)));

    private static string Time(DateTimeOffset t) => t.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    private static DateTimeOffset ParseTime(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
}
