using Vigil.IO;

namespace Vigil.Core.Tests.IO;

public sealed class AtomicFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("vigil-atomic-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void FailedWriteLeavesThePreviousContentAndNoTemporaryFile()
    {
        string path = Path.Combine(_dir, "out.csv");
        AtomicFile.WriteAllText(path, "old");
        Assert.Throws<InvalidOperationException>(() => AtomicFile.WriteText(path, w =>
        {
            w.Write("half-writ");
            throw new InvalidOperationException("interrupted");
        }));
        Assert.Equal("old", File.ReadAllText(path));
        Assert.Single(Directory.GetFiles(_dir));
    }

    [Fact]
    public void CreatesMissingFoldersAndReplacesExistingFiles()
    {
        string path = Path.Combine(_dir, "a", "b", "out.json");
        AtomicFile.WriteAllText(path, "1");
        AtomicFile.WriteAllText(path, "2");
        Assert.Equal("2", File.ReadAllText(path));
    }
}
