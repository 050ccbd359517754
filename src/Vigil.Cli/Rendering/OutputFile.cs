using Vigil.Cli.Input;
using Vigil.IO;

namespace Vigil.Cli.Rendering;

/// <summary>
/// Writes a command's output file: atomically through <see cref="AtomicFile"/> (links followed, devices and pipes
/// written directly, permissions kept), or to standard output for <c>-</c>. Problems a user can fix (an empty path,
/// a folder, no permission, the input file itself) are usage errors in plain words.
/// </summary>
public static class OutputFile
{
    /// <summary>Writes text to <paramref name="path"/>, the value of <paramref name="option"/>.</summary>
    /// <exception cref="CliUsageException">The path is empty, a folder, or not writable.</exception>
    public static void WriteText(CliContext context, string option, string path, Action<TextWriter> write)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(path);
        if (path == SeriesInput.StandardStream)
        {
            var stdout = context.StandardOutput();
            AtomicFile.WriteText(stdout, write);
            stdout.Flush();
            return;
        }

        Check(option, path);
        try
        {
            AtomicFile.WriteText(path, write);
        }
        catch (UnauthorizedAccessException)
        {
            throw new CliUsageException($"{option}: cannot write {path} (permission denied).");
        }
    }

    /// <summary>Refuses an output path that is empty or a folder, before any work starts.</summary>
    /// <exception cref="CliUsageException">The path is empty or a folder.</exception>
    public static void Check(string option, string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.Trim().Length == 0)
        {
            throw new CliUsageException($"{option}: the path is empty; give a file, or - for standard output.");
        }

        if (path != SeriesInput.StandardStream && Directory.Exists(path))
        {
            throw new CliUsageException($"{option}: {path} is a folder; give a file name.");
        }
    }

    /// <summary>Refuses to write the output over the input: the input would be gone before the output is complete.</summary>
    /// <exception cref="CliUsageException"><paramref name="output"/> is <paramref name="input"/> (links followed).</exception>
    public static void EnsureNotInput(string input, string output, string option = "--out")
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        if (input != SeriesInput.StandardStream && output != SeriesInput.StandardStream && input.Trim().Length > 0 && output.Trim().Length > 0
            && AtomicFile.SameFile(input, output))
        {
            throw new CliUsageException($"{option} {output} is the input file; write to another file (the input would be replaced).");
        }
    }

    /// <summary>How messages name <paramref name="path"/>.</summary>
    public static string Describe(string path) => path == SeriesInput.StandardStream ? "standard output" : path;
}
