using System.Globalization;
using Vigil.IO;

namespace Vigil.Evaluation.Nab;

/// <summary>
/// A detector's NAB results file, <c>results/&lt;detector&gt;/&lt;category&gt;/&lt;detector&gt;_&lt;name&gt;.csv</c>
/// (nab-scoring.md §2): one row per data row with at least <c>timestamp,value,anomaly_score</c>.
/// </summary>
public static class NabResultsFile
{
    /// <summary>Anomaly scores at or above this value are rejected: NAB uses 1.1 as its "nothing detected" threshold.</summary>
    public const double ScoreLimit = 1.1;

    /// <summary>The results file of <paramref name="detector"/> for <paramref name="file"/> under <paramref name="resultsRoot"/>.</summary>
    public static string PathFor(string resultsRoot, string detector, NabDataFile file)
    {
        ArgumentNullException.ThrowIfNull(resultsRoot);
        ArgumentException.ThrowIfNullOrWhiteSpace(detector);
        ArgumentNullException.ThrowIfNull(file);
        return Path.Combine(resultsRoot, detector, file.Category, $"{detector}_{file.Name}.csv");
    }

    /// <summary>
    /// Writes <c>timestamp,value,anomaly_score,label</c> for every row of <paramref name="series"/> atomically:
    /// timestamps as <c>yyyy-MM-dd HH:mm:ss</c> (UTC), doubles in round-trip form, label 1 inside a window.
    /// </summary>
    /// <exception cref="ArgumentException">The series, the scores and the data file differ in length, or a score is not finite.</exception>
    public static void Write(string path, TimeSeries series, ReadOnlySpan<double> scores, NabDataFile file)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(file);
        if (series.Length != scores.Length || series.Length != file.RowCount)
        {
            throw new ArgumentException($"{file.RelativePath}: {series.Length} series rows and {scores.Length} scores, but the data file has {file.RowCount} rows; they must be equal.");
        }

        for (int i = 0; i < scores.Length; i++)
        {
            if (!double.IsFinite(scores[i]))
            {
                throw new ArgumentException($"{file.RelativePath}: score at row {i} is {scores[i]}; scores must be finite.");
            }
        }

        // Copied because a span cannot be captured by the writer callback.
        double[] copy = scores.ToArray();
        byte[] labels = new LabeledSeries(series, file.Windows, file.ProbationLength).RowLabels();
        AtomicFile.WriteText(path, writer =>
        {
            writer.Write("timestamp,value,anomaly_score,label\n");
            var timestamps = series.Timestamps.Span;
            var values = series.Values.Span;
            Span<char> buffer = stackalloc char[64];
            for (int i = 0; i < copy.Length; i++)
            {
                timestamps[i].UtcDateTime.TryFormat(buffer, out int written, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
                writer.Write(buffer[..written]);
                writer.Write(',');
                writer.Write(NabText.Format(values[i]));
                writer.Write(',');
                writer.Write(NabText.Format(copy[i]));
                writer.Write(labels[i] == 1 ? ",1\n" : ",0\n");
            }
        });
    }

    /// <summary>
    /// Reads the <c>anomaly_score</c> column (located by header name) of a results file for <paramref name="file"/>.
    /// </summary>
    /// <exception cref="FileNotFoundException">The results file does not exist.</exception>
    /// <exception cref="SeriesFormatException">
    /// No <c>anomaly_score</c> column; a row with too few fields; an empty, non-numeric, NaN, infinite or ≥ 1.1 score
    /// (file and line named); or a row count different from the data file's (file and counts named).
    /// </exception>
    public static double[] ReadScores(string path, NabDataFile file)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(file);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"NAB results file not found: {path}", path);
        }

        byte[] buffer = PooledFileReader.Read(path, out int length);
        try
        {
            return ParseScores(path, file, buffer.AsSpan(0, length));
        }
        finally
        {
            PooledFileReader.Return(buffer);
        }
    }

    // Hot loop of a short scoring process: compiled optimised at once, not run unoptimised while tiering waits.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static double[] ParseScores(string path, NabDataFile file, ReadOnlySpan<byte> bytes)
    {
        int expected = file.RowCount;
        var scores = new double[expected];
        int column = -1;
        int rows = 0;
        var lines = new Utf8LineReader(bytes);
        while (lines.TryReadLine(out var line))
        {

            if (column < 0)
            {
                column = FindColumn(path, line);
                continue;
            }

            if (CsvField.IsBlank(line))
            {
                continue;
            }

            var field = Field(line, column);
            if (field.IsEmpty && !HasField(line, column))
            {
                throw new SeriesFormatException(path, lines.LineNumber, $"row has no field {column + 1} (anomaly_score).");
            }

            if (!NabText.TryParseDouble(field, out double score))
            {
                string text = NabText.Show(field);
                throw new SeriesFormatException(path, lines.LineNumber, text.Trim().Length == 0
                    ? "empty anomaly_score."
                    : $"anomaly_score '{text}' is not a number.");
            }

            if (!double.IsFinite(score) || score >= ScoreLimit)
            {
                throw new SeriesFormatException(path, lines.LineNumber, $"anomaly_score '{NabText.Show(field)}' is not a finite number below {ScoreLimit.ToString(CultureInfo.InvariantCulture)}.");
            }

            if (rows < expected)
            {
                scores[rows] = score;
            }

            rows++;
        }

        if (column < 0)
        {
            throw new SeriesFormatException(path, 0, "empty file: expected a header with an 'anomaly_score' column.");
        }

        if (rows != expected)
        {
            throw new SeriesFormatException(path, 0, $"has {rows} data rows but data file {file.RelativePath} has {expected}; results need exactly one row per data row (first unmatched row: {Math.Min(rows, expected)}).");
        }

        return scores;
    }

    private static int FindColumn(string path, ReadOnlySpan<byte> header)
    {
        int index = 0;
        while (true)
        {
            int comma = header.IndexOf((byte)',');
            var name = CsvField.Unwrap(comma < 0 ? header : header[..comma]);
            if (name.SequenceEqual("anomaly_score"u8))
            {
                return index;
            }

            if (comma < 0)
            {
                throw new SeriesFormatException(path, 1, "missing column 'anomaly_score'.");
            }

            header = header[(comma + 1)..];
            index++;
        }
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static ReadOnlySpan<byte> Field(ReadOnlySpan<byte> line, int column)
    {
        for (int c = 0; c < column; c++)
        {
            int comma = line.IndexOf((byte)',');
            if (comma < 0)
            {
                return default;
            }

            line = line[(comma + 1)..];
        }

        int next = line.IndexOf((byte)',');
        return next < 0 ? line : line[..next];
    }

    private static bool HasField(ReadOnlySpan<byte> line, int column) => line.Count((byte)',') >= column;
}
