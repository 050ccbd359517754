using System.Globalization;
using Vigil.Evaluation.Nab;
using Vigil.IO;

namespace Vigil.Evaluation.Corpora;

/// <summary>
/// Reads a user's labelled series: a CSV with a header naming <c>timestamp</c>, <c>value</c> and <c>label</c> columns
/// (any order, other columns ignored), one row per observation, <c>label</c> 1 on anomalous rows and 0 elsewhere.
/// </summary>
public static class LabelledCsvReader
{
    /// <summary>Reads <paramref name="path"/> and turns its labelled rows into windows by <paramref name="sizing"/>.</summary>
    /// <exception cref="FileNotFoundException">The file is missing.</exception>
    /// <exception cref="SeriesFormatException">A malformed header or row (the message names the file and line).</exception>
    public static ImportedSeries Read(string path, WindowSizing sizing)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Input file not found: {path}", path);
        }

        var (timestamps, values, columns, rows) = ReadColumns(path, "label");
        var labels = columns;
        var runs = new List<AnomalyWindow>();
        for (int i = 0; i < labels.Count; i++)
        {
            if (labels[i] != 1)
            {
                continue;
            }

            if (runs.Count > 0 && runs[^1].LastRow == i - 1)
            {
                runs[^1] = runs[^1] with { LastRow = i };
            }
            else
            {
                runs.Add(new AnomalyWindow(i, i));
            }
        }

        var windows = sizing == WindowSizing.AsGiven
            ? runs
            : NabWindowRule.Windows(rows, runs.Select(r => r.FirstRow + ((r.LastRow - r.FirstRow) / 2)).ToArray(), NabDataFile.ProbationLengthFor(rows));
        return new ImportedSeries(Path.GetFileNameWithoutExtension(path), path, timestamps, values, windows);
    }

    /// <summary>Reads <c>timestamp</c>, <c>value</c> and, when <paramref name="labelColumn"/> is given, a 0/1 column.</summary>
    internal static (List<DateTimeOffset> Timestamps, List<double> Values, List<int> Labels, int Rows) ReadColumns(string path, string? labelColumn)
    {
        using var reader = new StreamReader(path);
        string? header = reader.ReadLine();
        if (header is null)
        {
            throw new SeriesFormatException(path, 1, "the file is empty; expected a header such as 'timestamp,value" + (labelColumn is null ? "'" : ",label'"));
        }

        var names = header.Split(',').Select(h => h.Trim().Trim('"').ToLowerInvariant()).ToArray();
        int t = Array.IndexOf(names, "timestamp"), v = Array.IndexOf(names, "value"), l = labelColumn is null ? -1 : Array.IndexOf(names, labelColumn);
        if (t < 0 || v < 0 || (labelColumn is not null && l < 0))
        {
            throw new SeriesFormatException(path, 1, $"the header '{header}' must name the columns timestamp, value" + (labelColumn is null ? "" : $" and {labelColumn}"));
        }

        var timestamps = new List<DateTimeOffset>();
        var values = new List<double>();
        var labels = new List<int>();
        int lineNumber = 1;
        for (string? line = reader.ReadLine(); line is not null; line = reader.ReadLine())
        {
            lineNumber++;
            if (line.Length == 0)
            {
                continue;
            }

            var fields = line.Split(',');
            int needed = Math.Max(Math.Max(t, v), l) + 1;
            if (fields.Length < needed)
            {
                throw new SeriesFormatException(path, lineNumber, $"{fields.Length} field(s), expected {names.Length}");
            }

            if (!TimestampParser.TryParse(fields[t].Trim().Trim('"'), out var time))
            {
                throw new SeriesFormatException(path, lineNumber, $"'{fields[t]}' is not a timestamp (use e.g. 2024-01-31 13:45:00 or ISO 8601)");
            }

            if (!double.TryParse(fields[v].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
            {
                throw new SeriesFormatException(path, lineNumber, $"'{fields[v]}' is not a finite number");
            }

            if (l >= 0)
            {
                string label = fields[l].Trim();
                labels.Add(label switch
                {
                    "0" or "0.0" or "false" => 0,
                    "1" or "1.0" or "true" => 1,
                    _ => throw new SeriesFormatException(path, lineNumber, $"label '{label}' must be 0 or 1"),
                });
            }

            timestamps.Add(time.ToUniversalTime());
            values.Add(value);
        }

        if (timestamps.Count == 0)
        {
            throw new SeriesFormatException(path, lineNumber, "no data rows after the header");
        }

        return (timestamps, values, labels, timestamps.Count);
    }
}
