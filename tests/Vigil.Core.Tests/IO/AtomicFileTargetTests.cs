using System.Diagnostics;
using Vigil.IO;
using Vigil.Testing;

namespace Vigil.Core.Tests.IO;

/// <summary>Issue 12 items 1 and 4: what AtomicFile replaces, what it writes in place, and what it leaves behind.</summary>
public sealed class AtomicFileTargetTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("vigil-atomic-target-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [UnixFact]
    public void ASymlinkIsFollowedAndStaysALink()
    {
        string target = Path.Combine(_dir, "target.csv");
        string link = Path.Combine(_dir, "link.csv");
        File.WriteAllText(target, "old");
        File.CreateSymbolicLink(link, target);

        AtomicFile.WriteAllText(link, "new");

        Assert.NotNull(new FileInfo(link).LinkTarget);
        Assert.Equal("new", File.ReadAllText(target));
        Assert.Equal(2, Directory.GetFileSystemEntries(_dir).Length);
    }

    [UnixFact]
    public async Task ANamedPipeIsWrittenInPlaceNotReplaced()
    {
        string fifo = Path.Combine(_dir, "pipe");
        using (var mkfifo = Process.Start(new ProcessStartInfo("mkfifo", [fifo]) { UseShellExecute = false })!)
        {
            mkfifo.WaitForExit();
            Assert.Equal(0, mkfifo.ExitCode);
        }

        var reader = Task.Run(() => File.ReadAllText(fifo));
        AtomicFile.WriteAllText(fifo, "through the pipe");

        Assert.Same(reader, await Task.WhenAny(reader, Task.Delay(TimeSpan.FromSeconds(10))));
        Assert.Equal("through the pipe", await reader);
        Assert.False(new FileInfo(fifo).Length > 0);   // still a FIFO, not a regular file holding the text
        Assert.Single(Directory.GetFileSystemEntries(_dir));
    }

    [UnixFact]
    public void DevNullIsWrittenInPlace()
    {
        AtomicFile.WriteAllText("/dev/null", "discarded");
        Assert.Equal(0, new FileInfo("/dev/null").Length);
        Assert.Empty(Directory.GetFiles("/dev", ".null.*.tmp"));
    }

    [UnixFact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void AReplacedFileKeepsItsPermissions()
    {
        string path = Path.Combine(_dir, "secret.csv");
        File.WriteAllText(path, "old");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        AtomicFile.WriteAllText(path, "new");

        Assert.Equal("new", File.ReadAllText(path));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
    }

    [Fact]
    public void TemporaryFilesOfDeadProcessesAreRemovedAndLiveOnesKept()
    {
        string path = Path.Combine(_dir, "out.csv");
        int dead = DeadProcessId();
        string stale = Path.Combine(_dir, $".out.csv.{dead}.{Guid.NewGuid():N}.tmp");
        string live = Path.Combine(_dir, $".out.csv.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        string otherTarget = Path.Combine(_dir, $".other.csv.{dead}.{Guid.NewGuid():N}.tmp");
        foreach (string f in new[] { stale, live, otherTarget })
        {
            File.WriteAllText(f, "partial");
        }

        AtomicFile.WriteAllText(path, "complete");

        Assert.False(File.Exists(stale));
        Assert.True(File.Exists(live));          // a write in progress in a running process
        Assert.True(File.Exists(otherTarget));   // belongs to another target; cleaned when that one is written
        Assert.Equal("complete", File.ReadAllText(path));
    }

    [Fact]
    public void AFolderOrAnEmptyPathIsRefusedInPlainWords()
    {
        var folder = Assert.Throws<IOException>(() => AtomicFile.WriteAllText(_dir, "x"));
        Assert.Contains("is a folder", folder.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => AtomicFile.WriteAllText("", "x"));
    }

    [Fact]
    public void SameFileSeesThroughLinksAndSpellings()
    {
        string target = Path.Combine(_dir, "input.csv");
        File.WriteAllText(target, "x");
        string link = Path.Combine(_dir, "alias.csv");
        File.CreateSymbolicLink(link, target);

        Assert.True(AtomicFile.SameFile(target, link));
        Assert.True(AtomicFile.SameFile(target, Path.Combine(_dir, ".", "input.csv")));
        Assert.False(AtomicFile.SameFile(target, Path.Combine(_dir, "other.csv")));
    }

    private static int DeadProcessId()
    {
        for (int pid = 4_000_000; ; pid--)
        {
            try
            {
                using var p = Process.GetProcessById(pid);
            }
            catch (ArgumentException)
            {
                return pid;
            }
        }
    }
}
