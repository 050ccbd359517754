using System.Text;

namespace Vigil.IO;

/// <summary>
/// Writes files so that readers only ever see the old content or the complete new content: the data goes
/// to a temporary file in the same folder, is flushed to disk, then renamed over the target. An interrupted
/// or failed write leaves the target untouched and removes the temporary file.
/// </summary>
/// <remarks>
/// Only regular files are replaced. A symbolic link is followed and its final target replaced (the link stays a
/// link); a device, pipe or socket (<c>/dev/stdout</c>, <c>/dev/null</c>, a named pipe) is written directly, since
/// it cannot be renamed over and a temporary file beside it may not even be allowed. A replaced file keeps its
/// permissions (a 0600 file stays 0600). Temporary files left behind by a process that was killed
/// (<c>.&lt;name&gt;.&lt;pid&gt;.&lt;guid&gt;.tmp</c> whose process is gone) are removed by the next write to the same target.
/// </remarks>
public static class AtomicFile
{
    private const string TempSuffix = ".tmp";

    /// <summary>Writes through <paramref name="write"/> and replaces <paramref name="path"/> atomically.</summary>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty.</exception>
    /// <exception cref="IOException"><paramref name="path"/> is a folder, or the write failed.</exception>
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(write);
        if (path.Trim().Length == 0)
        {
            throw new ArgumentException("The output path is empty.", nameof(path));
        }

        if (Directory.Exists(path))
        {
            throw new IOException($"{path} is a folder, not a file.");
        }

        if (IsSpecial(path))
        {
            // A device, FIFO or socket: there is nothing to replace atomically; write straight into it.
            using var direct = new FileStream(Path.GetFullPath(path), FileMode.Open, FileAccess.Write, FileShare.ReadWrite, 1 << 16);
            write(direct);
            direct.Flush();
            return;
        }

        string full = ResolveTarget(path);

        string directory = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(directory);
        RemoveStaleTemporaries(directory, Path.GetFileName(full));
        string temp = Path.Combine(directory, $".{Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}{TempSuffix}");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }

            KeepMode(full, temp);
            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    /// <summary>Writes text (UTF-8, no BOM) atomically.</summary>
    public static void WriteAllText(string path, string contents) =>
        Write(path, stream =>
        {
            var bytes = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(contents);
            stream.Write(bytes);
        });

    /// <summary>Writes text through a <see cref="TextWriter"/> (UTF-8, no BOM, '\n' line ends) atomically.</summary>
    public static void WriteText(string path, Action<TextWriter> write) =>
        Write(path, stream => WriteText(stream, write));

    /// <summary>Writes text (UTF-8, no BOM, '\n' line ends) to an open stream, e.g. standard output; the stream stays open.</summary>
    public static void WriteText(Stream stream, Action<TextWriter> write)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(write);
        using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
        write(writer);
        writer.Flush();
    }

    /// <summary>
    /// The file a write to <paramref name="path"/> lands in: the absolute path with every symbolic link followed
    /// (the path itself when it does not exist yet).
    /// </summary>
    public static string ResolveTarget(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string full = Path.GetFullPath(path);
        // Follow links in the folder part too, so that two spellings of one file compare equal.
        string? directory = Path.GetDirectoryName(full);
        if (directory is not null && Directory.Exists(directory))
        {
            var resolvedDirectory = new DirectoryInfo(directory).ResolveLinkTarget(returnFinalTarget: true);
            if (resolvedDirectory is not null)
            {
                full = Path.Combine(resolvedDirectory.FullName, Path.GetFileName(full));
            }
        }

        var info = new FileInfo(full);
        if (info.LinkTarget is not null)
        {
            var target = info.ResolveLinkTarget(returnFinalTarget: true);
            if (target is not null)
            {
                return Path.GetFullPath(target.FullName);
            }
        }

        return full;
    }

    /// <summary>Whether <paramref name="a"/> and <paramref name="b"/> name the same file once links are followed.</summary>
    public static bool SameFile(string a, string b) =>
        string.Equals(ResolveTarget(a), ResolveTarget(b), OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);

    /// <summary>
    /// Whether <paramref name="path"/> must be written in place: an existing device, pipe or socket (links followed),
    /// or anything reached through <c>/dev</c> or <c>/proc</c> (<c>/dev/stdout</c> is a link to the process's own
    /// descriptor, which must be written, not replaced).
    /// </summary>
    private static bool IsSpecial(string path)
    {
        string full = Path.GetFullPath(path);
        if (!OperatingSystem.IsWindows() && (full.StartsWith("/dev/", StringComparison.Ordinal) || full.StartsWith("/proc/", StringComparison.Ordinal)))
        {
            return File.Exists(full);
        }

        return File.Exists(full) && !FileKind.IsRegular(full);
    }

    private static void KeepMode(string target, string temp)
    {
        if (OperatingSystem.IsWindows() || !File.Exists(target))
        {
            return;
        }

        try
        {
            File.SetUnixFileMode(temp, File.GetUnixFileMode(target));
        }
        catch (UnauthorizedAccessException)
        {
            // Not the owner: the new file gets the default mode, as any newly written file would.
        }
        catch (IOException)
        {
        }
    }

    /// <summary>Removes <c>.name.PID.GUID.tmp</c> files of <paramref name="name"/> whose process no longer runs.</summary>
    private static void RemoveStaleTemporaries(string directory, string name)
    {
        string[] candidates;
        try
        {
            candidates = Directory.GetFiles(directory, $".{name}.*{TempSuffix}");
        }
        catch (IOException)
        {
            return;
        }
        catch (UnauthorizedAccessException)
        {
            return;
        }

        string prefix = $".{name}.";
        foreach (string candidate in candidates)
        {
            string middle = Path.GetFileName(candidate)[prefix.Length..^TempSuffix.Length];   // PID.GUID
            int dot = middle.IndexOf('.', StringComparison.Ordinal);
            if (dot <= 0 || middle.Length - dot - 1 != 32 || !int.TryParse(middle.AsSpan(0, dot), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int pid))
            {
                continue;   // not one of ours (or another target whose name starts the same way)
            }

            if (!ProcessIsAlive(pid))
            {
                TryDelete(candidate);
            }
        }
    }

    private static bool ProcessIsAlive(int pid)
    {
        if (pid == Environment.ProcessId)
        {
            return true;
        }

        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp file is harmless and hidden (dot-prefixed), and removed by a later write.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
