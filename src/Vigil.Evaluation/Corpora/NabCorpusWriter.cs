using System.Globalization;
using System.Text.Json;
using Vigil.Evaluation.Nab;

namespace Vigil.Evaluation.Corpora;

/// <summary>
/// Writes imported series as a corpus in NAB's layout, so every NAB command runs on it with <c>--nab-root</c>:
/// <c>data/&lt;category&gt;/&lt;name&gt;.csv</c> (<c>timestamp,value</c>), <c>labels/combined_windows.json</c> (windows
/// as timestamp pairs, NAB's format) and <c>config/profiles.json</c> (NAB's three cost profiles). No thresholds file is
/// written: thresholds for new data are chosen by NAB's sweep (<c>nab score --optimize</c>, <c>nab benchmark</c>).
/// </summary>
/// <remarks>
/// The corpus is built in a temporary sibling folder and renamed into place at the end, so a failed import leaves
/// nothing behind; an existing non-empty target is refused rather than merged.
/// </remarks>
public static class NabCorpusWriter
{
    private const string DataTimeFormat = "yyyy-MM-dd HH:mm:ss";
    private const string WindowTimeFormat = "yyyy-MM-dd HH:mm:ss.ffffff";

    /// <summary>Writes <paramref name="series"/> under <paramref name="root"/> in the category <paramref name="category"/>.</summary>
    /// <exception cref="InvalidDataException">The target exists and is not empty, two series share a name, or a window
    /// boundary falls on a repeated timestamp (NAB locates windows by timestamp).</exception>
    public static void Write(string root, string category, IReadOnlyList<ImportedSeries> series)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentException.ThrowIfNullOrWhiteSpace(category);
        if (category.Contains('/') || category.Contains('\\') || category.StartsWith('.'))
        {
            throw new InvalidDataException($"Category '{category}' must be a plain folder name.");
        }

        string full = Path.GetFullPath(root);
        if (Directory.Exists(full) && Directory.EnumerateFileSystemEntries(full).Any())
        {
            throw new InvalidDataException($"{full} exists and is not empty; import into a new folder.");
        }

        var duplicateNames = series.GroupBy(s => s.Name, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToArray();
        if (duplicateNames.Length > 0)
        {
            throw new InvalidDataException($"Several inputs are named {string.Join(", ", duplicateNames)}; each becomes data/{category}/<name>.csv, so names must differ.");
        }

        foreach (var s in series)
        {
            Validate(s);
        }

        bool subSecond = series.Any(s => s.Timestamps.Any(t => t.Ticks % TimeSpan.TicksPerSecond != 0));
        string dataFormat = subSecond ? WindowTimeFormat : DataTimeFormat;
        string parent = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(parent);
        string staging = Path.Combine(parent, $".{Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            string data = Path.Combine(staging, "data", category);
            Directory.CreateDirectory(data);
            foreach (var s in series)
            {
                using var writer = new StreamWriter(Path.Combine(data, s.Name + ".csv")) { NewLine = "\n" };
                writer.WriteLine("timestamp,value");
                for (int i = 0; i < s.Timestamps.Count; i++)
                {
                    writer.Write(s.Timestamps[i].UtcDateTime.ToString(dataFormat, CultureInfo.InvariantCulture));
                    writer.Write(',');
                    writer.WriteLine(s.Values[i].ToString("R", CultureInfo.InvariantCulture));
                }
            }

            Directory.CreateDirectory(Path.Combine(staging, "labels"));
            using (var stream = File.Create(Path.Combine(staging, "labels", "combined_windows.json")))
            using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
            {
                json.WriteStartObject();
                foreach (var s in series.OrderBy(s => s.Name, StringComparer.Ordinal))
                {
                    json.WriteStartArray($"{category}/{s.Name}.csv");
                    foreach (var w in s.Windows)
                    {
                        json.WriteStartArray();
                        json.WriteStringValue(s.Timestamps[w.FirstRow].UtcDateTime.ToString(WindowTimeFormat, CultureInfo.InvariantCulture));
                        json.WriteStringValue(s.Timestamps[w.LastRow].UtcDateTime.ToString(WindowTimeFormat, CultureInfo.InvariantCulture));
                        json.WriteEndArray();
                    }

                    json.WriteEndArray();
                }

                json.WriteEndObject();
            }

            Directory.CreateDirectory(Path.Combine(staging, "config"));
            using (var stream = File.Create(Path.Combine(staging, "config", "profiles.json")))
            using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
            {
                json.WriteStartObject();
                foreach (var p in NabProfile.Defaults)
                {
                    json.WriteStartObject(p.Name);
                    json.WriteStartObject("CostMatrix");
                    json.WriteNumber("tpWeight", p.TpWeight);
                    json.WriteNumber("fnWeight", p.FnWeight);
                    json.WriteNumber("fpWeight", p.FpWeight);
                    json.WriteNumber("tnWeight", p.TnWeight);
                    json.WriteEndObject();
                    json.WriteEndObject();
                }

                json.WriteEndObject();
            }

            if (Directory.Exists(full))
            {
                Directory.Delete(full);   // empty, checked above
            }

            Directory.Move(staging, full);
        }
        catch
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }

            throw;
        }
    }

    private static void Validate(ImportedSeries s)
    {
        if (s.Timestamps.Count != s.Values.Count)
        {
            throw new InvalidDataException($"{s.Source}: {s.Timestamps.Count} timestamps but {s.Values.Count} values.");
        }

        var counts = new Dictionary<DateTimeOffset, int>();
        foreach (var t in s.Timestamps)
        {
            counts[t] = counts.GetValueOrDefault(t) + 1;
        }

        for (int i = 0; i < s.Windows.Count; i++)
        {
            var w = s.Windows[i];
            if (w.FirstRow < 0 || w.LastRow >= s.Timestamps.Count || w.LastRow < w.FirstRow || (i > 0 && w.FirstRow <= s.Windows[i - 1].LastRow))
            {
                throw new InvalidDataException($"{s.Source}: window rows {w.FirstRow}-{w.LastRow} are outside the file or out of order.");
            }

            foreach (int row in new[] { w.FirstRow, w.LastRow })
            {
                if (counts[s.Timestamps[row]] > 1)
                {
                    throw new InvalidDataException($"{s.Source}: a window boundary (row {row + 2} of the file, {s.Timestamps[row]:yyyy-MM-dd HH:mm:ss}) falls on a timestamp that appears on several rows; NAB's windows are located by timestamp, so move the label off the repeated time.");
                }
            }
        }
    }
}
