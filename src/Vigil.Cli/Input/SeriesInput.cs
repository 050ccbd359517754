using Vigil.IO;

namespace Vigil.Cli.Input;

/// <summary>Reads the series a command works on: a file, or standard input for <c>-</c>.</summary>
public static class SeriesInput
{
    /// <summary>The name that stands for standard input (and, for outputs, standard output).</summary>
    public const string StandardStream = "-";

    /// <summary>Reads <paramref name="path"/> (<c>-</c> = standard input) as a series.</summary>
    /// <exception cref="CliUsageException">The path is empty.</exception>
    /// <exception cref="SeriesFormatException">The content is not a valid series (message names file and line).</exception>
    public static TimeSeries Read(CliContext context, string path, CsvReadOptions options)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(path);
        if (path == StandardStream)
        {
            using var reader = new StreamReader(context.StandardInput(), detectEncodingFromByteOrderMarks: true);
            return CsvSeriesReader.Read(reader, "<stdin>", options);
        }

        if (path.Trim().Length == 0)
        {
            throw new CliUsageException("--input: the path is empty; give a file, or - for standard input.");
        }

        return CsvSeriesReader.Read(path, options);
    }
}
