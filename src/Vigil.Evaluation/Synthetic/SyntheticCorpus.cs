using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Vigil.IO;

namespace Vigil.Evaluation.Synthetic;

/// <summary>
/// Writes generated series in NAB's corpus layout, so every command that reads a corpus (<c>nab run --nab-root</c>,
/// tuning, <c>train --data</c>) reads them: <c>data/synthetic/&lt;kind&gt;.csv</c>, <c>labels/combined_windows.json</c>,
/// <c>labels/combined_labels.json</c> and <c>config/profiles.json</c> (NAB's three profiles).
/// </summary>
public static class SyntheticCorpus
{
    /// <summary>The category folder under <c>data/</c>.</summary>
    public const string Category = "synthetic";

    /// <summary>
    /// Writes one file per kind into <paramref name="root"/> (adding to the labels of earlier calls for other kinds).
    /// Each file is written atomically.
    /// </summary>
    /// <returns>The series written, in order.</returns>
    public static IReadOnlyList<SyntheticSeries> Write(string root, IReadOnlyList<SyntheticKind> kinds, int length, int seed)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(kinds);
        var written = new List<SyntheticSeries>();
        var windows = ReadObject(Path.Combine(root, "labels", "combined_windows.json"));
        var labels = ReadObject(Path.Combine(root, "labels", "combined_labels.json"));
        foreach (var kind in kinds)
        {
            var generated = SyntheticSeriesGenerator.Generate(kind, length, seed);
            string key = $"{Category}/{SyntheticSeriesGenerator.Name(kind)}.csv";
            var series = generated.Series;
            AtomicFile.WriteText(Path.Combine(root, "data", Category, SyntheticSeriesGenerator.Name(kind) + ".csv"), w =>
            {
                w.WriteLine("timestamp,value");
                var t = series.Timestamps.Span;
                var v = series.Values.Span;
                for (int i = 0; i < series.Length; i++)
                {
                    w.Write(t[i].UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture));
                    w.Write(',');
                    w.WriteLine(v[i].ToString("R", CultureInfo.InvariantCulture));
                }
            });

            var times = series.Timestamps.ToArray();
            windows[key] = new JsonArray(generated.Windows
                .Select(w => (JsonNode)new JsonArray(NabTime(times[w.First]), NabTime(times[w.Last])))
                .ToArray());
            labels[key] = new JsonArray(generated.AnomalyRows
                .Select(r => (JsonNode)times[r].UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture))
                .ToArray());
            written.Add(generated);
        }

        var indented = new JsonSerializerOptions { WriteIndented = true };
        AtomicFile.WriteAllText(Path.Combine(root, "labels", "combined_windows.json"), windows.ToJsonString(indented));
        AtomicFile.WriteAllText(Path.Combine(root, "labels", "combined_labels.json"), labels.ToJsonString(indented));
        string profiles = Path.Combine(root, "config", "profiles.json");
        if (!File.Exists(profiles))
        {
            AtomicFile.WriteAllText(profiles, Profiles().ToJsonString(indented));
        }

        return written;
    }

    private static JsonNode NabTime(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture);

    private static JsonObject ReadObject(string path) =>
        File.Exists(path) ? JsonNode.Parse(File.ReadAllText(path)) as JsonObject ?? [] : [];

    // NAB's three scoring profiles (nab-scoring.md §3): weights of true/false positives and negatives.
    private static JsonObject Profiles()
    {
        static JsonObject Costs(double fn, double fp) => new()
        {
            ["CostMatrix"] = new JsonObject { ["tpWeight"] = 1.0, ["fnWeight"] = fn, ["fpWeight"] = fp, ["tnWeight"] = 1.0 },
        };

        return new JsonObject
        {
            ["standard"] = Costs(1.0, 0.11),
            ["reward_low_FP_rate"] = Costs(1.0, 0.22),
            ["reward_low_FN_rate"] = Costs(2.0, 0.11),
        };
    }
}
