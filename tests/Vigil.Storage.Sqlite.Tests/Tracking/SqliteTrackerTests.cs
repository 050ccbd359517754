using Microsoft.Data.Sqlite;
using Vigil.Experiments.Tracking;
using Vigil.Storage.Sqlite.Tracking;
using Vigil.Testing;

namespace Vigil.Storage.Sqlite.Tests.Tracking;

public sealed class SqliteTrackerTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("vigil-tracking-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public async Task ARunIsStoredWithItsParametersMetricsTagsArtifactsAndTimes()
    {
        var time = new InstantTimeProvider();
        var store = new SqliteTracker(_root, time);
        string parentId;
        await using (var parent = await store.StartRunAsync("exp"))
        {
            parentId = parent.Id;
            parent.Complete();
        }

        var start = time.GetUtcNow();
        string id;
        await using (var run = await store.StartRunAsync("exp", new Dictionary<string, string> { [RunTags.ParentRunId] = parentId, ["who"] = "test" }))
        {
            id = run.Id;
            run.LogParameters(new Dictionary<string, string> { ["epochs"] = "3", ["lr"] = "0.001" });
            for (int epoch = 1; epoch <= 3; epoch++)
            {
                time.Advance(TimeSpan.FromSeconds(2));
                run.LogMetric("loss", 1.0 / epoch, epoch);
            }

            run.LogMetric("nan", double.NaN);
            run.SetTag("model.path", "models/trained/a/1");
            await run.LogArtifactAsync("sub/report.json", new MemoryStream("{}"u8.ToArray()));
            time.Advance(TimeSpan.FromSeconds(1));
            run.Complete();
        }

        var stored = new SqliteTracker(_root, time, readOnly: true).FindRun(id)!;
        Assert.Equal("exp", stored.Experiment);
        Assert.Equal(RunStatus.Finished, stored.Status);
        Assert.Equal(start, stored.StartTime);
        Assert.Equal(start.AddSeconds(7), stored.EndTime);
        Assert.Equal(parentId, stored.ParentRunId);
        Assert.Equal("test", stored.Tags["who"]);
        Assert.Equal("models/trained/a/1", stored.Tags["model.path"]);
        Assert.Equal("0.001", stored.Parameters["lr"]);
        var loss = stored.Metrics.Where(m => m.Name == "loss").ToArray();
        Assert.Equal([1.0, 0.5, 1.0 / 3], loss.Select(m => m.Value));
        Assert.Equal([start.AddSeconds(2), start.AddSeconds(4), start.AddSeconds(6)], loss.Select(m => m.Timestamp));
        Assert.True(double.IsNaN(stored.LatestMetrics["nan"]));
        Assert.Equal(["sub/report.json"], stored.Artifacts);
        Assert.True(File.Exists(Path.Combine(_root, "artifacts", id, "sub", "report.json")));
        Assert.Equal(RunSyncState.LocalOnly, stored.Sync.State);
    }

    [Fact]
    public async Task ARunDisposedWithoutCompleteIsFailedAndDeletingItRemovesEverything()
    {
        var store = new SqliteTracker(_root, new InstantTimeProvider());
        string id;
        await using (var run = await store.StartRunAsync("exp"))
        {
            id = run.Id;
            run.LogMetric("m", 1);
            await run.LogArtifactAsync("a.txt", new MemoryStream([1]));
        }

        Assert.Equal(RunStatus.Failed, store.FindRun(id)!.Status);
        Assert.True(store.DeleteRun(id));
        Assert.Null(store.FindRun(id));
        Assert.False(Directory.Exists(Path.Combine(_root, "artifacts", id)));
        Assert.False(store.DeleteRun(id));
        Assert.Empty(store.ListRuns("exp"));
        var unknown = Assert.Throws<UnknownExperimentException>(() => store.ListRuns("nope"));
        Assert.Contains("exp", unknown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFullDiskFailsTheWriteClearlyMarksTheRunFailedAndLeavesASoundDatabase()
    {
        var time = new InstantTimeProvider();
        _ = new SqliteTracker(_root, time);   // schema in place
        long pages = PageCount() + 2;
        var store = new SqliteTracker(_root, time, readOnly: false, maxPageCount: pages);
        string id;
        int logged = 0;
        TrackingStoreException? error = null;
        await using (var run = await store.StartRunAsync("full"))
        {
            id = run.Id;
            try
            {
                for (; logged < 100_000; logged++)
                {
                    run.LogMetric("m", logged, logged);
                }
            }
            catch (TrackingStoreException e)
            {
                error = e;
            }

            run.Complete();
        }

        Assert.NotNull(error);
        Assert.Contains("disk is full", error.Message, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(_root, "tracking.db"), error.Message, StringComparison.Ordinal);
        var reopened = new SqliteTracker(_root, time);
        Assert.Equal("ok", reopened.CheckIntegrity());
        var run2 = reopened.FindRun(id)!;
        Assert.Equal(RunStatus.Failed, run2.Status);    // partial, although the job called Complete()
        Assert.Equal(logged, run2.Metrics.Count);       // every write that succeeded is there, none half-written
    }

    [Fact]
    public async Task AReadOnlyStoreFailsWritesClearlyAndIsNeverChanged()
    {
        var store = new SqliteTracker(_root, new InstantTimeProvider());
        await using (var run = await store.StartRunAsync("exp"))
        {
            run.Complete();
        }

        // Close the writer's pooled connections first: the last one to close checkpoints the WAL into the file, and any test
        // of this assembly running at the same time may close every pool (ClearAllPools) in the middle of this one.
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        byte[] before = await File.ReadAllBytesAsync(Path.Combine(_root, "tracking.db"));
        var readOnly = new SqliteTracker(_root, new InstantTimeProvider(), readOnly: true);
        var error = await Assert.ThrowsAsync<TrackingStoreException>(async () => await readOnly.StartRunAsync("exp"));
        Assert.Contains("read-only", error.Message, StringComparison.Ordinal);
        Assert.Single(readOnly.ListRuns());
        Assert.Equal(before, await File.ReadAllBytesAsync(Path.Combine(_root, "tracking.db")));

        // SQLite's own refusal (SQLITE_READONLY, as from a read-only file) gets the same clear message.
        // Opening for writing fails at once, before any run starts.
        var refused = Assert.Throws<TrackingStoreException>(() => new SqliteTracker(_root, new InstantTimeProvider(), readOnly: false, maxPageCount: null, refuseWrites: true));
        Assert.Contains("is read-only; point --tracking-uri at a writable folder", refused.Message, StringComparison.Ordinal);
        Assert.Single(readOnly.ListRuns());
        Assert.Equal("ok", readOnly.CheckIntegrity());
    }

    [PermissionBitsFact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void AFolderWithoutWritePermissionIsAClearError()
    {
        string folder = Path.Combine(_root, "locked");
        Directory.CreateDirectory(folder);
        File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        try
        {
            var error = Assert.Throws<TrackingStoreException>(() => new SqliteTracker(Path.Combine(folder, "runs"), new InstantTimeProvider()));
            Assert.Contains("not writable", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    [Fact]
    public void AFileThatIsNotATrackingDatabaseIsAClearError()
    {
        File.WriteAllText(Path.Combine(_root, "tracking.db"), "this is not a database, just text that is long enough to fill a header.....");
        var error = Assert.Throws<TrackingStoreException>(() => new SqliteTracker(_root, new InstantTimeProvider()));
        Assert.Contains("not a readable tracking database", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AStoreFromANewerVigilIsRefused()
    {
        _ = new SqliteTracker(_root, new InstantTimeProvider());
        using (var connection = new SqliteConnection($"Data Source={Path.Combine(_root, "tracking.db")};Pooling=false"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA user_version = 99";
            command.ExecuteNonQuery();
        }

        SqliteConnection.ClearAllPools();
        var error = Assert.Throws<TrackingStoreException>(() => new SqliteTracker(_root, new InstantTimeProvider()));
        Assert.Contains("newer Vigil", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SyncStateIsStored()
    {
        var store = new SqliteTracker(_root, new InstantTimeProvider());
        await using var run = await store.StartRunAsync("exp");
        store.SetSync(run.Id, new RunSync(RunSyncState.Unsynced, "http://127.0.0.1:5000", "abc"));
        Assert.Equal(new RunSync(RunSyncState.Unsynced, "http://127.0.0.1:5000", "abc"), store.FindRun(run.Id)!.Sync);
    }

    private long PageCount()
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(_root, "tracking.db")}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE); PRAGMA page_count";
        using var reader = command.ExecuteReader();
        reader.NextResult();
        reader.Read();
        return reader.GetInt64(0);
    }
}
