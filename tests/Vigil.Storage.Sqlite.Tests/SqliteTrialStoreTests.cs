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
