using Vigil.IO;

namespace Vigil.Core.Tests.IO;

/// <summary>Issue 12 item 5: read-modify-write under <see cref="FileLock"/> loses no update.</summary>
public sealed class FileLockTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("vigil-lock-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void ConcurrentReadModifyWritesUnderTheLockKeepEveryUpdate()
    {
        string path = Path.Combine(_dir, "merged.txt");
        const int Writers = 8;
        const int Each = 25;
        Parallel.For(0, Writers, new ParallelOptions { MaxDegreeOfParallelism = Writers }, w =>
        {
            for (int i = 0; i < Each; i++)
            {
                using var held = FileLock.Acquire(path);
                string before = File.Exists(path) ? File.ReadAllText(path) : "";
                Thread.Yield();
                AtomicFile.WriteAllText(path, before + $"{w}:{i}\n");
            }
        });

        var lines = File.ReadAllLines(path);
        Assert.Equal(Writers * Each, lines.Length);
        Assert.Equal(Writers * Each, lines.Distinct().Count());
    }

    [Fact]
    public async Task ASecondHolderWaitsUntilTheFirstReleases()
    {
        string path = Path.Combine(_dir, "x.json");
        var first = FileLock.Acquire(path);
        var second = Task.Run(() => FileLock.Acquire(path, TimeSpan.FromSeconds(30)));
        Assert.NotSame(second, await Task.WhenAny(second, Task.Delay(300)));
        first.Dispose();
        Assert.Same(second, await Task.WhenAny(second, Task.Delay(TimeSpan.FromSeconds(10))));
        (await second).Dispose();
    }

    [Fact]
    public void AHeldLockTimesOutWithAPlainMessage()
    {
        string path = Path.Combine(_dir, "y.json");
        using var held = FileLock.Acquire(path);
        var error = Assert.Throws<TimeoutException>(() => Task.Run(() => FileLock.Acquire(path, TimeSpan.FromMilliseconds(100))).GetAwaiter().GetResult());
        Assert.Contains("being updated by another process", error.Message, StringComparison.Ordinal);
    }
}
