using System.Text.Json;
using Vigil.Evaluation.Nab;
using Vigil.IO;

namespace Vigil.Evaluation.Corpora;

/// <summary>
/// Reads <c>timestamp,value</c> series whose labels come from one JSON file keyed by the series' file name (or path):
/// each value is a list whose items are either <c>["start", "end"]</c> timestamp pairs (windows, kept as given) or
/// single timestamps (point labels, windows sized by <see cref="NabWindowRule"/>), the two forms of NAB's
/// <c>combined_windows.json</c> and <c>combined_labels.json</c>.
/// </summary>
public static class WindowsJsonReader
{
    /// <summary>Reads each of <paramref name="seriesPaths"/> with its labels from <paramref name="labelsPath"/>.</summary>
    /// <exception cref="FileNotFoundException">A file is missing.</exception>
    /// <exception cref="InvalidDataException">The JSON is malformed, a series has no key, or a timestamp matches no row (named).</exception>
    public static IReadOnlyList<ImportedSeries> Read(IReadOnlyList<string> seriesPaths, string labelsPath)
    {
        ArgumentNullException.ThrowIfNull(seriesPaths);
        if (!File.Exists(labelsPath))
        {
            throw new FileNotFoundException($"Labels file not found: {labelsPath}", labelsPath);
        }

        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(File.ReadAllText(labelsPath));
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{labelsPath}: not valid JSON ({e.Message}).");
        }

        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidDataException($"{labelsPath}: expected an object keyed by series file name.");
            }

            var output = new List<ImportedSeries>();
            foreach (string path in seriesPaths)
            {
                if (!File.Exists(path))
                {
                    throw new FileNotFoundException($"Input file not found: {path}", path);
                }

                var key = doc.RootElement.EnumerateObject()
                    .FirstOrDefault(p => p.Name == Path.GetFileName(path) || p.Name.EndsWith("/" + Path.GetFileName(path), StringComparison.Ordinal) || p.Name == path);
                if (key.Value.ValueKind != JsonValueKind.Array)
                {
                    throw new InvalidDataException($"{labelsPath}: no list of labels for '{Path.GetFileName(path)}' (keys are file names such as \"{Path.GetFileName(path)}\").");
                }

                var (timestamps, values, _, rows) = LabelledCsvReader.ReadColumns(path, null);
                var rowOf = new Dictionary<DateTimeOffset, int>();
                var duplicated = new HashSet<DateTimeOffset>();
                for (int i = 0; i < timestamps.Count; i++)
                {
                    if (!rowOf.TryAdd(timestamps[i], i))
                    {
                        duplicated.Add(timestamps[i]);
                    }
                }

                int Row(JsonElement e)
                {
                    string text = e.GetString() ?? "";
                    if (!TimestampParser.TryParse(text, out var time))
                    {
                        throw new InvalidDataException($"{labelsPath}: '{key.Name}': '{text}' is not a timestamp.");
                    }

                    time = time.ToUniversalTime();
                    if (duplicated.Contains(time))
                    {
                        throw new InvalidDataException($"{labelsPath}: '{key.Name}': {text} appears on several rows of {path}; a label must name exactly one row.");
                    }

                    return rowOf.TryGetValue(time, out int row) ? row : throw new InvalidDataException($"{labelsPath}: '{key.Name}': no row of {path} has the timestamp {text}.");
                }

                var windows = new List<AnomalyWindow>();
                var points = new List<int>();
                foreach (var item in key.Value.EnumerateArray())
                {
                    if (item.ValueKind == JsonValueKind.Array && item.GetArrayLength() == 2)
                    {
                        int a = Row(item[0]), b = Row(item[1]);
                        if (b < a)
                        {
                            throw new InvalidDataException($"{labelsPath}: '{key.Name}': window [{item[0]}, {item[1]}] ends before it starts.");
                        }

                        windows.Add(new AnomalyWindow(a, b));
                    }
                    else if (item.ValueKind == JsonValueKind.String)
                    {
                        points.Add(Row(item));
                    }
                    else
                    {
                        throw new InvalidDataException($"{labelsPath}: '{key.Name}': each label is a timestamp or a [start, end] pair, not {item}.");
                    }
                }

                windows.AddRange(NabWindowRule.Windows(rows, points, NabDataFile.ProbationLengthFor(rows)));
                windows.Sort((x, y) => x.FirstRow.CompareTo(y.FirstRow));
                for (int i = 1; i < windows.Count; i++)
                {
                    if (windows[i].FirstRow <= windows[i - 1].LastRow)
                    {
                        throw new InvalidDataException($"{labelsPath}: '{key.Name}': windows overlap at rows {windows[i - 1].FirstRow}-{windows[i - 1].LastRow} and {windows[i].FirstRow}-{windows[i].LastRow}.");
                    }
                }

                output.Add(new ImportedSeries(Path.GetFileNameWithoutExtension(path), path, timestamps, values, windows));
            }

            return output;
        }
    }
}
