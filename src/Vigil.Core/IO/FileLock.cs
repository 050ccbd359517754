namespace Vigil.IO;

/// <summary>
/// An exclusive lock between processes (and threads) around a read-modify-write of one file, e.g. merging a
/// detector's scores into a shared <c>final_results.json</c>. It is an OS lock on a hidden companion file
/// (<c>.&lt;name&gt;.lock</c> beside the target), released on dispose or when the process dies, so a killed process
/// never leaves it held.
/// </summary>
public sealed class FileLock : IDisposable
{
    private readonly FileStream _stream;

    private FileLock(FileStream stream) => _stream = stream;

    /// <summary>The companion lock file of <paramref name="path"/>.</summary>
    public static string LockPathFor(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string full = Path.GetFullPath(path);
        return Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.lock");
    }

    /// <summary>Waits until no other holder has the lock of <paramref name="path"/>, then takes it.</summary>
    /// <param name="path">The file whose updates the lock guards.</param>
    /// <param name="timeout">How long to wait before giving up (default: 2 minutes).</param>
    /// <param name="ct">Stops waiting.</param>
    /// <exception cref="TimeoutException">Another process held the lock for longer than <paramref name="timeout"/>.</exception>
    public static FileLock Acquire(string path, TimeSpan? timeout = null, CancellationToken ct = default)
    {
        string lockPath = LockPathFor(path);
        Directory.CreateDirectory(Path.GetDirectoryName(lockPath)!);
        var limit = timeout ?? TimeSpan.FromMinutes(2);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        int wait = 5;
        while (true)
        {
            try
            {
                // FileShare.None is an exclusive OS lock (flock on Unix), honoured by every process that asks the same way.
                return new FileLock(new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None));
            }
            catch (IOException) when (clock.Elapsed < limit)
            {
                ct.ThrowIfCancellationRequested();
                Thread.Sleep(wait);
                wait = Math.Min(wait * 2, 200);
            }
            catch (IOException e)
            {
                throw new TimeoutException($"{path} is being updated by another process (lock {lockPath} held for over {limit.TotalSeconds:F0} s).", e);
            }
        }
    }

    /// <summary>Releases the lock.</summary>
    public void Dispose() => _stream.Dispose();
}
