using System.Text.Json;
using System.Text.Json.Nodes;
using Spectre.Console;
using Vigil.Evaluation.Metrics;
using Vigil.Evaluation.Nab;

namespace Vigil.Cli.Rendering;

/// <summary>
/// The <c>--json</c> form of the NAB and precision/recall/F1 tables (<c>nab score</c>, <c>nab benchmark</c>,
/// <c>compare</c>): one JSON document on standard output, written raw so no console width wraps it.
/// </summary>
public static class ScoresJsonWriter
{
    /// <summary>Writes <c>{"files", "corpusFiles", "detectors": [{"name", "nab": [per profile], "f1": [per report]}]}</c>.</summary>
    public static void Write(IAnsiConsole console, IEnumerable<(string Detector, IReadOnlyList<NabProfileResult> Results)> entries, bool includeNab,
        IReadOnlyDictionary<string, IReadOnlyList<F1Report>> f1, int files, int corpusFiles)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(f1);
        var detectors = new JsonArray();
        foreach (var (detector, results) in entries)
        {
            var node = new JsonObject { ["name"] = detector };
            if (includeNab)
            {
                node["nab"] = new JsonArray(results.Select(r => (JsonNode)new JsonObject
                {
                    ["profile"] = r.Profile.Name,
                    ["threshold"] = r.Threshold,
                    ["optimized"] = r.Optimized,
                    ["raw"] = r.RawScore,
                    ["normalized"] = double.IsFinite(r.NormalizedScore) ? r.NormalizedScore : null,
                    ["tpRows"] = r.Files.Sum(f => f.TruePositives),
                    ["fpRows"] = r.Files.Sum(f => f.FalsePositives),
                    ["fnRows"] = r.Files.Sum(f => f.FalseNegatives),
                    ["tnRows"] = r.Files.Sum(f => f.TrueNegatives),
                }).ToArray());
            }

            if (f1.TryGetValue(detector, out var reports))
            {
                node["f1"] = new JsonArray(reports.Select(r => (JsonNode)new JsonObject
                {
                    ["mode"] = r.Mode.ToString(),
                    ["thresholdKind"] = r.ThresholdLabel,
                    ["threshold"] = double.IsFinite(r.Threshold) ? r.Threshold : null,
                    ["total"] = Counts(r.Total),
                    ["byCategory"] = new JsonObject(r.ByCategory.Select(c => KeyValuePair.Create(c.Key, (JsonNode?)Counts(c.Value)))),
                }).ToArray());
            }

            detectors.Add(node);
        }

        var document = new JsonObject { ["files"] = files, ["corpusFiles"] = corpusFiles, ["detectors"] = detectors };
        WriteRaw(console, document);
    }

    /// <summary>Writes <paramref name="node"/> indented, bypassing Spectre's wrapping.</summary>
    public static void WriteRaw(IAnsiConsole console, JsonNode node)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(node);
        var writer = console.Profile.Out.Writer;
        // Relaxed escaping: apostrophes and non-ASCII text stay readable ('it''s', 'σ') instead of \u0027.
        writer.Write(node.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
        writer.Write('\n');
        writer.Flush();
    }

    private static JsonObject Counts(ConfusionCounts c)
    {
        var counts = new JsonObject
        {
            ["tp"] = c.TruePositives,
            ["fp"] = c.FalsePositives,
            ["fn"] = c.FalseNegatives,
            ["tn"] = c.TrueNegatives,
            ["precision"] = c.Precision,
            ["recall"] = c.Recall,
            ["f1"] = c.F1,
        };
        if (c.Windows is { } windows)
        {
            // Composite mode: the recall is that of windows, not of the row counts above.
            counts["windowsFound"] = windows.Found;
            counts["windowsMissed"] = windows.Missed;
        }

        return counts;
    }
}
