using System.Globalization;

namespace Vigil.IO;

/// <summary>
/// Reads <c>timestamp,value</c> CSV files with the invariant culture, keeping file order. Every problem is a
/// <see cref="SeriesFormatException"/> naming the file and the 1-based line: a malformed row, a NaN or
/// infinite value, a missing column, an empty file, and (under <see cref="TimestampOrder.Strict"/>) a
/// repeated or backward timestamp.
/// </summary>
public static class CsvSeriesReader
{
    /// <summary>Reads the whole file into a <see cref="TimeSeries"/> whose id is <paramref name="id"/> (default: the path).</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="SeriesFormatException">The content is not a valid series, or the path is a folder or unreadable.</exception>
    public static TimeSeries Read(string path, CsvReadOptions? options = null, string? id = null) =>
        Collect(ReadObservations(path, options), id ?? path);

    /// <summary>Reads a whole series from <paramref name="reader"/> (e.g. standard input); <paramref name="name"/> names it in messages.</summary>
    /// <exception cref="SeriesFormatException">The content is not a valid series.</exception>
    public static TimeSeries Read(TextReader reader, string name, CsvReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(name);
        return Collect(Iterate(reader, name, options ?? new CsvReadOptions(), ownsReader: false), name);
    }

    private static TimeSeries Collect(IEnumerable<Observation> observations, string id)
    {
        var timestamps = new List<DateTimeOffset>(4096);
        var values = new List<double>(4096);
        foreach (var o in observations)
        {
            timestamps.Add(o.Timestamp);
            values.Add(o.Value);
        }

        return TimeSeries.Adopt(id, timestamps.ToArray(), values.ToArray());
    }

    /// <summary>Streams the file's points one by one, validating as it goes (the file is read lazily).</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="SeriesFormatException">The path is a folder or cannot be read.</exception>
    public static IEnumerable<Observation> ReadObservations(string path, CsvReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        options ??= new CsvReadOptions();
        if (Directory.Exists(path))
        {
            throw new SeriesFormatException(path, 0, "is a folder, not a series file.");
        }

        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Series file not found: {path}", path);
        }

        StreamReader reader;
        try
        {
            reader = new StreamReader(path, detectEncodingFromByteOrderMarks: true);
        }
        catch (UnauthorizedAccessException)
        {
            throw new SeriesFormatException(path, 0, "cannot be read (permission denied).");
        }
        catch (IOException e)
        {
            throw new SeriesFormatException(path, 0, $"cannot be read ({e.Message.TrimEnd('.')}).");
        }

        return Iterate(reader, path, options, ownsReader: true);
    }

    private static IEnumerable<Observation> Iterate(TextReader reader, string path, CsvReadOptions options, bool ownsReader)
    {
        using var owned = ownsReader ? reader : null;
        string? header = reader.ReadLine();
        if (header is null || header.Trim().Length == 0)
        {
            throw new SeriesFormatException(path, header is null ? 0 : 1, "empty file: expected a header line such as 'timestamp,value'.");
        }

        if (header.Contains('\0', StringComparison.Ordinal))
        {
            throw new SeriesFormatException(path, 1, $"not a text file (it starts with '{Truncate(header)}'); expected a CSV with a 'timestamp,value' header.");
        }

        var columns = SplitFields(header).Select(c => c.Trim().Trim('"')).ToArray();
        int timestampColumn = Array.FindIndex(columns, c => c.Equals(options.TimestampColumn, StringComparison.OrdinalIgnoreCase));
        int valueColumn = Array.FindIndex(columns, c => c.Equals(options.ValueColumn, StringComparison.OrdinalIgnoreCase));
        if (timestampColumn < 0 || valueColumn < 0)
        {
            string missing = string.Join(" and ", new[] { timestampColumn < 0 ? options.TimestampColumn : null, valueColumn < 0 ? options.ValueColumn : null }.Where(m => m is not null).Select(m => $"'{m}'"));
            string hint = header.Contains(';', StringComparison.Ordinal) && !header.Contains(',', StringComparison.Ordinal)
                ? " The file looks semicolon-separated; series files are comma-separated with '.' as the decimal point."
                : "";
            throw new SeriesFormatException(path, 1, $"missing column {missing}; the header is '{Truncate(header)}'.{hint}");
        }

        int needed = Math.Max(timestampColumn, valueColumn) + 1;
        int lineNumber = 1;
        int rows = 0;
        DateTimeOffset previous = default;
        string? line;
        var fields = new List<string>(needed + 2);
        while ((line = reader.ReadLine()) is not null)
        {
            lineNumber++;
            if (line.Length == 0 || string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            fields.Clear();
            fields.AddRange(SplitFields(line));
            if (fields.Count < needed)
            {
                throw new SeriesFormatException(path, lineNumber, $"malformed row '{Truncate(line)}': expected at least {needed} comma-separated fields, found {fields.Count}.");
            }

            string timestampText = fields[timestampColumn].Trim().Trim('"');
            if (!TimestampParser.TryParse(timestampText, out var timestamp))
            {
                throw new SeriesFormatException(path, lineNumber, $"cannot parse timestamp '{Truncate(timestampText)}'; expected e.g. '2014-07-01 00:00:00', ISO 8601 ('2014-07-01T00:00:00.250+02:00') or Unix seconds or milliseconds.");
            }

            string valueText = fields[valueColumn].Trim().Trim('"');
            if (valueText.Length == 0)
            {
                throw new SeriesFormatException(path, lineNumber, "empty value.");
            }

            if (!double.TryParse(valueText, NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
            {
                bool nonFinite = valueText.Contains("nan", StringComparison.OrdinalIgnoreCase) || valueText.Contains("inf", StringComparison.OrdinalIgnoreCase);
                throw new SeriesFormatException(path, lineNumber, nonFinite
                    ? $"value '{Truncate(valueText)}' is not a finite number; remove or fill such rows first."
                    : $"cannot parse value '{Truncate(valueText)}' as a number (invariant culture, '.' as decimal point).");
            }

            if (!double.IsFinite(value))
            {
                throw new SeriesFormatException(path, lineNumber, $"value '{Truncate(valueText)}' is not a finite number; remove or fill such rows first.");
            }

            if (rows > 0)
            {
                if (options.Order == TimestampOrder.Strict && timestamp <= previous)
                {
                    string what = timestamp == previous ? "repeats" : "goes backwards from";
                    throw new SeriesFormatException(path, lineNumber, $"timestamp {Format(timestamp)} {what} the previous row's {Format(previous)}; sort and de-duplicate the file{options.UnorderedHint}.");
                }

                if (options.Gaps == GapPolicy.Reject && timestamp - previous > options.MaxGap)
                {
                    throw new SeriesFormatException(path, lineNumber, $"gap of {timestamp - previous} after {Format(previous)} exceeds the allowed {options.MaxGap}.");
                }
            }

            previous = timestamp;
            rows++;
            yield return new Observation(timestamp, value);
        }

        if (rows == 0 && !options.AllowEmpty)
        {
            throw new SeriesFormatException(path, 0, "no data rows after the header; a series needs at least one point.");
        }
    }

    private static IEnumerable<string> SplitFields(string line)
    {
        if (!line.Contains('"'))
        {
            return line.Split(',');
        }

        // Rare: quoted fields. Commas inside quotes do not split.
        var result = new List<string>();
        var current = new System.Text.StringBuilder();
        bool quoted = false;
        foreach (char c in line)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == ',' && !quoted)
            {
                result.Add(current.ToString());
                current.Clear();
            }
            else
            {
                current.Append(c);
            }
        }

        result.Add(current.ToString());
        return result;
    }

    private static string Format(DateTimeOffset t) => t.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>At most 80 characters of <paramref name="s"/>, control characters shown as '?', so that a binary file is not echoed.</summary>
    private static string Truncate(string s)
    {
        const int Limit = 80;
        var text = s.Length <= Limit ? s : s[..(Limit - 3)] + "...";
        return string.Create(text.Length, text, static (span, source) =>
        {
            for (int i = 0; i < span.Length; i++)
            {
                span[i] = char.IsControl(source[i]) || char.IsSurrogate(source[i]) || source[i] == '\uFFFD' ? '?' : source[i];
            }
        });
    }
}
