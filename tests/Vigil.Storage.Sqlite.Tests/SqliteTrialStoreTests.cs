using Vigil.Storage.Sqlite.Studies;
using Vigil.Tuning;
using Vigil.Tuning.Pruners;
using Vigil.Tuning.Samplers;
using Vigil.Tuning.Space;
using Vigil.Tuning.Stores;

namespace Vigil.Storage.Sqlite.Tests;

public sealed class SqliteTrialStoreTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "vigil-store-" + Guid.NewGuid().ToString("N"));

    public SqliteTrialStoreTests() => Directory.CreateDirectory(_folder);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private string Db => Path.Combine(_folder, "studies.db");

    private static readonly SearchSpace Space = new([new FloatDistribution("x1", -5, 10), new FloatDistribution("x2", 0, 15)]);

    private static Study Open(ITrialStore store, int syncWindow = 4, string worker = "") =>
        new(store, new StudyRecord("branin", "none", "f", StudyDirection.Minimize, Space.Describe(), "tpe", "median", 7, syncWindow, "data", DateTimeOffset.UnixEpoch),
            Space, new TpeSampler(), new MedianPruner(), worker: worker.Length == 0 ? null : worker);

    private static TrialOutcome Branin(Trial t, CancellationToken _)
    {
        double x1 = t.SuggestFloat("x1"), x2 = t.SuggestFloat("x2");
        t.Report(x1);
        double b = 5.1 / (4 * Math.PI * Math.PI), c = 5 / Math.PI, tt = 1 / (8 * Math.PI);
        double a = x2 - (b * x1 * x1) + (c * x1) - 6;
        return TrialOutcome.Complete((a * a) + (10 * (1 - tt) * Math.Cos(x1)) + 10);
    }

    [Fact]
    public void TrialsRoundTripWithParametersIntermediatesAndStates()
    {
        var study = Open(new SqliteTrialStore(Db));
        study.Optimize(Branin, 12);
        var reopened = new SqliteTrialStore(Db, readOnly: true);
        var trials = reopened.List("branin");
        Assert.Equal(12, trials.Count);
        Assert.Equal(Enumerable.Range(0, 12), trials.Select(t => t.Number));
        Assert.All(trials, t => Assert.Equal(TrialState.Complete, t.State));
        Assert.All(trials, t => Assert.Equal(t.Parameters["x1"], t.Intermediates.Single()));
        Assert.Equal(study.Trials().Select(t => t.Value), trials.Select(t => t.Value));
        Assert.Equal("branin", Assert.Single(reopened.ListStudies()).Name);
    }

    [Fact]
    public async Task ManyWritersOnOneDatabaseNeitherLoseNorDuplicateTrialsAndAgreeWithOneWorker()
    {
        // Two stores (separate connections, as two processes have) with three threads each, on one study.
        var a = Open(new SqliteTrialStore(Db), syncWindow: 6);
        var b = Open(new SqliteTrialStore(Db), syncWindow: 6, worker: WorkerIdentity.Current + "-b");
        var runs = new[] { Task.Run(() => a.Optimize(Branin, 30, workers: 3)), Task.Run(() => b.Optimize(Branin, 30, workers: 3)) };
        await Task.WhenAll(runs);
        var trials = new SqliteTrialStore(Db).List("branin");
        Assert.Equal(30, trials.Count);
        Assert.Equal(Enumerable.Range(0, 30), trials.Select(t => t.Number));
        Assert.All(trials, t => Assert.Equal(TrialState.Complete, t.State));

        // The same study run by one worker in memory samples exactly the same points (determinism rule).
        var single = Open(new InMemoryTrialStore(), syncWindow: 6);
        single.Optimize(Branin, 30);
        Assert.Equal(single.Trials().Select(t => (t.Parameters["x1"], t.Parameters["x2"])), trials.Select(t => (t.Parameters["x1"], t.Parameters["x2"])));
    }

    [Fact]
    public void AStoreThatHasCachedTheTrialsSeesEveryLaterWriteOfAnotherStore()
    {
        // The incremental read: a reads everything once, then only rows written since; b (another connection, as
        // another process) creates trials, samples, reports and finishes them, also on trials a has already cached.
        var a = new SqliteTrialStore(Db);
        var b = new SqliteTrialStore(Db);
        var study = Open(a);
        study.Optimize(Branin, 5);
        Assert.Equal(5, a.List("branin").Count);
        var running = b.Create("branin", 100, "other", DateTimeOffset.UnixEpoch)!;
        Assert.Equal(6, a.List("branin").Count);   // a sees the new, unsampled trial
        b.Update("branin", running with { Parameters = new Dictionary<string, double> { ["x1"] = 1, ["x2"] = 2 } });
        b.Update("branin", running with { Parameters = new Dictionary<string, double> { ["x1"] = 1, ["x2"] = 2 }, Intermediates = [0.5, 0.25] });
        var seen = a.List("branin")[^1];
        Assert.Equal((1.0, 2.0), (seen.Parameters["x1"], seen.Parameters["x2"]));
        Assert.Equal([0.5, 0.25], seen.Intermediates);
        b.Update("branin", seen with { State = TrialState.Pruned, Finished = DateTimeOffset.UnixEpoch });
        study.Optimize(Branin, 8);

        // What a has pieced together equals a full read by a store that never cached anything.
        var incremental = a.List("branin");
        var full = new SqliteTrialStore(Db, readOnly: true).List("branin");
        Assert.Equal(8, incremental.Count);
        Assert.Equal(TrialState.Pruned, incremental[5].State);
        Assert.Equal(full.Select(Describe), incremental.Select(Describe));
    }

    [Fact]
    public void ASchemaOneDatabaseIsUpgradedInPlaceAndKeepsItsTrials()
    {
        // A file as the first study store wrote it: no tuning_trials.changed column, schema version 1.
        Open(new SqliteTrialStore(Db)).Optimize(Branin, 4);
        var before = new SqliteTrialStore(Db).List("branin").Select(Describe).ToArray();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        using (var c = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Db}"))
        {
            c.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = "DROP INDEX tuning_trials_changed; ALTER TABLE tuning_trials DROP COLUMN changed; UPDATE tuning_schema SET version = 1;";
            cmd.ExecuteNonQuery();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Assert.Equal(before, new SqliteTrialStore(Db, readOnly: true).List("branin").Select(Describe));   // read whole, read-only
        var upgraded = new SqliteTrialStore(Db);
        Assert.Equal(before, upgraded.List("branin").Select(Describe));
        Open(upgraded).Optimize(Branin, 6);
        Assert.Equal(6, upgraded.List("branin").Count);
        Assert.Equal(before, upgraded.List("branin").Take(4).Select(Describe));
    }

    private static string Describe(TrialRecord t) =>
        $"{t.Number} {t.State} {t.Value} [{string.Join(",", t.Parameters.OrderBy(p => p.Key).Select(p => $"{p.Key}={p.Value:R}"))}] [{string.Join(",", t.Intermediates)}] {t.Finished}";

    [Fact]
    public void ATrialOfADeadProcessIsMarkedFailedAndTheStudyStillReachesItsTrialCount()
    {
        var store = new SqliteTrialStore(Db);
        var study = Open(store);
        study.Optimize(Branin, 3);
        // A worker on this host whose process does not exist (pid far above pid_max) left trial 3 running.
        string dead = WorkerIdentity.Describe(Environment.MachineName, 2_000_000_000, 1);
        var orphan = store.Create("branin", 10, dead, DateTimeOffset.UnixEpoch)!;
        Assert.Equal(3, orphan.Number);
        Open(store).Optimize(Branin, 6);
        var trials = store.List("branin");
        Assert.Equal(TrialState.Failed, trials[3].State);
        Assert.Contains("stopped without finishing", trials[3].Message);
        Assert.Equal(6, trials.Count(t => t.State == TrialState.Complete));
    }

    [Fact]
    public void AFinishedTrialCannotBeOverwritten()
    {
        var store = new SqliteTrialStore(Db);
        var study = Open(store);
        study.Optimize(Branin, 1);
        var t = store.List("branin")[0];
        Assert.Throws<InvalidOperationException>(() => store.Update("branin", t with { State = TrialState.Failed }));
        Assert.Equal(TrialState.Complete, store.List("branin")[0].State);
    }

    [Fact]
    public void AStudyOfTheSameNameWithOtherSettingsIsRefused()
    {
        var store = new SqliteTrialStore(Db);
        Open(store).Optimize(Branin, 2);
        var other = new StudyRecord("branin", "none", "f", StudyDirection.Minimize, Space.Describe(), "random", "median", 7, 4, "data", DateTimeOffset.UnixEpoch);
        var e = Assert.Throws<StudyMismatchException>(() => new Study(store, other, Space, new RandomSampler(), new MedianPruner()));
        Assert.Contains("sampler tpe (asked: random)", e.Message);
    }

    [Fact]
    public void ACorruptDatabaseIsRefusedAndLeftAsItWas()
    {
        var bytes = Enumerable.Range(0, 8192).Select(i => (byte)(i * 31)).ToArray();
        File.WriteAllBytes(Db, bytes);
        var e = Assert.Throws<StudyStoreException>(() => new SqliteTrialStore(Db));
        Assert.Contains(Db, e.Message);
        Assert.Equal(bytes, File.ReadAllBytes(Db));
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void AReadOnlyDatabaseIsRefusedForWritingAndLeftAsItWas()
    {
        Open(new SqliteTrialStore(Db)).Optimize(Branin, 2);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.SetUnixFileMode(Db, UnixFileMode.UserRead | UnixFileMode.GroupRead);
        var before = File.ReadAllBytes(Db);
        var e = Assert.Throws<StudyStoreException>(() => new SqliteTrialStore(Db));
        Assert.Contains("read-only", e.Message);
        Assert.Equal(before, File.ReadAllBytes(Db));
        Assert.Equal(2, new SqliteTrialStore(Db, readOnly: true).List("branin").Count);   // still readable
        File.SetUnixFileMode(Db, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }
}
