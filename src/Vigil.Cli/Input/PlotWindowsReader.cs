using System.Text.Json;
using Vigil.IO;

namespace Vigil.Cli.Input;

/// <summary>
/// Reads labelled windows for <c>vigil plot</c>: a JSON list of <c>["start", "end"]</c> pairs, or NAB's
/// <c>combined_windows.json</c> (an object keyed by data-file path), from which the key naming the plotted file is used.
/// </summary>
public static class PlotWindowsReader
{
    /// <summary>The windows of <paramref name="series"/> (read from <paramref name="seriesPath"/>) as row ranges.</summary>
    /// <exception cref="CliUsageException">The file is missing or malformed, or has no key for the series (named).</exception>
    public static IReadOnlyList<AnomalyWindow> Read(string path, string seriesPath, TimeSeries series)
    {
        if (!File.Exists(path))
        {
            throw new CliUsageException($"Windows file not found: {path}");
        }

        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(File.ReadAllText(path));
        }
        catch (JsonException e)
        {
            throw new CliUsageException($"{path}: not valid JSON ({e.Message}).");
        }

        using (doc)
        {
            var list = doc.RootElement;
            if (list.ValueKind == JsonValueKind.Object)
            {
                string name = Path.GetFileName(seriesPath);
                var match = list.EnumerateObject().FirstOrDefault(p => p.Name == name || p.Name.EndsWith("/" + name, StringComparison.Ordinal));
                if (match.Value.ValueKind != JsonValueKind.Array)
                {
                    throw new CliUsageException($"{path}: no key for '{name}' (expected a key such as \"category/{name}\").");
                }

                list = match.Value;
            }

            if (list.ValueKind != JsonValueKind.Array)
            {
                throw new CliUsageException($"{path}: expected a list of [start, end] pairs or an object keyed by file name.");
            }

            var times = series.Timestamps.Span;
            var windows = new List<AnomalyWindow>();
            foreach (var pair in list.EnumerateArray())
            {
                if (pair.ValueKind != JsonValueKind.Array || pair.GetArrayLength() != 2
                    || !TimestampParser.TryParse(pair[0].GetString() ?? "", out var start) || !TimestampParser.TryParse(pair[1].GetString() ?? "", out var end))
                {
                    throw new CliUsageException($"{path}: each window is a [\"start\", \"end\"] pair of timestamps, not {pair}.");
                }

                int first = -1, last = -1;
                for (int i = 0; i < times.Length; i++)
                {
                    if (times[i] >= start && times[i] <= end)
                    {
                        first = first < 0 ? i : first;
                        last = i;
                    }
                }

                if (first >= 0)
                {
                    windows.Add(new AnomalyWindow(first, last));
                }
            }

            return windows;
        }
    }
}
