using System.Globalization;
using System.Text;
using System.Text.Json;
using Vigil.Evaluation.Metrics;
using Vigil.IO;

namespace Vigil.Reporting;

/// <summary>
/// Writes a <see cref="ReportDocument"/> as one self-contained HTML file: the page's script and style inline (no
/// network, no external file), the scores as a small JSON block, and each file's chart data as its own compressed,
/// base64 block that the page decodes when the file is opened.
/// </summary>
/// <remarks>
/// The charts are drawn by a short hand-written canvas script (Assets/report.js) instead of a bundled charting
/// library: it needs no npm build step, carries no third-party licence into every report, and does exactly what the
/// view needs (min/max per pixel column for long series, shared zoom and pan, shaded windows, TP/FP marks).
/// </remarks>
public static class HtmlReportWriter
{
    /// <summary>Writes the report to <paramref name="path"/> atomically.</summary>
    public static void Write(string path, ReportDocument document)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(document);
        string html = Render(document);
        AtomicFile.WriteAllText(path, html);
    }

    /// <summary>The page as a string.</summary>
    public static string Render(ReportDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var payloads = EncodePayloads(document);
        var page = new StringBuilder(Asset("report.html"));
        var body = new StringBuilder();
        for (int i = 0; i < payloads.Length; i++)
        {
            body.Append("<script type=\"application/octet-stream\" id=\"vigil-file-").Append(i.ToString(CultureInfo.InvariantCulture)).Append("\">")
                .Append(Convert.ToBase64String(payloads[i])).Append("</script>\n");
        }

        page.Replace("{{title}}", System.Net.WebUtility.HtmlEncode(document.Title))
            .Replace("/*{{css}}*/", Asset("report.css"))
            .Replace("{{summary}}", SummaryJson(document))
            .Replace("{{payloads}}", body.ToString())
            .Replace("/*{{js}}*/", Asset("report.js"));
        return page.ToString();
    }

    private static byte[][] EncodePayloads(ReportDocument document)
    {
        var files = document.Files;
        var output = new byte[files.Count][];
        Parallel.For(0, files.Count, i =>
        {
            var file = files[i];
            var detectors = document.Detectors
                .Select(d => (d.Detector, d.ScoresByFile[file.RelativePath], d.Standard.Threshold))
                .ToArray();
            output[i] = FilePayloadEncoder.Encode(file, file.LoadSeries(), detectors);
        });
        return output;
    }

    /// <summary>The scores block the page renders its tables from (JSON; HTML-sensitive characters escaped).</summary>
    internal static string SummaryJson(ReportDocument document)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("title", document.Title);
            json.WriteString("results", document.ResultsRoot);
            json.WriteString("corpus", document.Corpus.Root);
            json.WriteString("citation", PublishedNabScoreboard.Citation);
            json.WriteStartArray("profiles");
            foreach (var profile in document.Corpus.Profiles)
            {
                json.WriteStringValue(profile.Name);
            }

            json.WriteEndArray();
            json.WriteStartArray("detectors");
            foreach (var d in document.Detectors)
            {
                WriteDetector(json, d);
            }

            json.WriteEndArray();
            json.WriteStartArray("published");
            foreach (var row in PublishedNabScoreboard.Rows)
            {
                json.WriteStartObject();
                json.WriteString("name", row.Detector);
                json.WriteStartArray("scores");
                json.WriteNumberValue(row.Standard);
                json.WriteNumberValue(row.RewardLowFp);
                json.WriteNumberValue(row.RewardLowFn);
                json.WriteEndArray();
                json.WriteString("note", row.Note);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("files");
            foreach (var file in document.Files)
            {
                json.WriteStartObject();
                json.WriteString("path", file.RelativePath);
                json.WriteString("category", file.Category);
                json.WriteNumber("rows", file.RowCount);
                json.WriteNumber("probation", file.ProbationLength);
                json.WriteNumber("windows", file.WindowCount);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            if (document.Study is { } study)
            {
                WriteStudy(json, study);
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteDetector(Utf8JsonWriter json, DetectorSummary d)
    {
        json.WriteStartObject();
        json.WriteString("name", d.Detector);
        json.WriteBoolean("optimized", d.ThresholdsOptimized);
        json.WriteStartArray("profiles");
        foreach (var p in d.Profiles)
        {
            json.WriteStartObject();
            json.WriteString("name", p.Profile.Name);
            json.WriteNumber("threshold", p.Threshold);
            json.WriteNumber("raw", p.RawScore);
            json.WriteNumber("normalized", double.IsFinite(p.NormalizedScore) ? p.NormalizedScore : 0);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        // Per file: NAB score and row counts under the standard profile, then F1 counts per mode.
        json.WriteStartObject("perFile");
        foreach (var f in d.Standard.Files)
        {
            json.WriteStartObject(f.File);
            json.WriteNumber("score", f.Score);
            json.WriteNumber("tp", f.TruePositives);
            json.WriteNumber("fp", f.FalsePositives);
            json.WriteNumber("fn", f.FalseNegatives);
            json.WriteEndObject();
        }

        json.WriteEndObject();
        json.WriteStartArray("f1");
        foreach (var report in d.F1)
        {
            json.WriteStartObject();
            json.WriteString("mode", ModeName(report.Mode));
            json.WriteNumber("threshold", report.Threshold);
            WriteCounts(json, "total", report.Total);
            json.WriteStartObject("categories");
            foreach (var (category, counts) in report.ByCategory)
            {
                WriteCounts(json, category, counts);
            }

            json.WriteEndObject();
            json.WriteStartObject("files");
            foreach (var (file, counts) in report.ByFile)
            {
                WriteCounts(json, file, counts);
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteCounts(Utf8JsonWriter json, string name, ConfusionCounts c)
    {
        json.WriteStartObject(name);
        json.WriteNumber("tp", c.TruePositives);
        json.WriteNumber("fp", c.FalsePositives);
        json.WriteNumber("fn", c.FalseNegatives);
        json.WriteNumber("precision", c.Precision);
        json.WriteNumber("recall", c.Recall);
        json.WriteNumber("f1", c.F1);
        if (c.Windows is { } windows)
        {
            // Composite mode: the recall is that of windows, not of the row counts above.
            json.WriteNumber("windowsFound", windows.Found);
            json.WriteNumber("windowsMissed", windows.Missed);
        }

        json.WriteEndObject();
    }

    private static void WriteStudy(Utf8JsonWriter json, StudyView study)
    {
        json.WriteStartObject("study");
        json.WriteString("name", study.Name);
        json.WriteBoolean("maximize", study.Maximize);
        json.WriteString("objective", study.Objective);
        json.WriteStartArray("trials");
        foreach (var t in study.Trials.OrderBy(t => t.Number))
        {
            json.WriteStartObject();
            json.WriteNumber("number", t.Number);
            json.WriteString("state", t.State);
            if (t.Value is double v && double.IsFinite(v))
            {
                json.WriteNumber("value", v);
            }
            else
            {
                json.WriteNull("value");
            }

            if (t.Started is { } started && t.Finished is { } finished)
            {
                json.WriteNumber("seconds", (finished - started).TotalSeconds);
            }

            json.WriteStartObject("params");
            foreach (var (name, value) in t.Parameters.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                switch (value)
                {
                    case double d when double.IsFinite(d): json.WriteNumber(name, d); break;
                    case int i: json.WriteNumber(name, i); break;
                    case long l: json.WriteNumber(name, l); break;
                    case bool b: json.WriteBoolean(name, b); break;
                    default: json.WriteString(name, Convert.ToString(value, CultureInfo.InvariantCulture)); break;
                }
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("best");
        foreach (var (number, value, best) in study.BestSoFar())
        {
            json.WriteStartArray();
            json.WriteNumberValue(number);
            json.WriteNumberValue(value);
            json.WriteNumberValue(best);
            json.WriteEndArray();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static string ModeName(F1Mode mode) => mode switch
    {
        F1Mode.Pointwise => "point-wise",
        F1Mode.PointAdjusted => "point-adjusted",
        F1Mode.Event => "event",
        F1Mode.Composite => "composite",
        _ => mode.ToString(),
    };

    private static string Asset(string name)
    {
        using var stream = typeof(HtmlReportWriter).Assembly.GetManifestResourceStream("Vigil.Reporting." + name)
            ?? throw new InvalidOperationException($"The report asset '{name}' is missing from the assembly.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
