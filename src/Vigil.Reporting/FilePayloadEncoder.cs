using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using Vigil.Evaluation.Nab;

namespace Vigil.Reporting;

/// <summary>
/// Encodes one file's chart data as gzip-compressed JSON, which the page decodes only when the file is shown
/// (the browser's own <c>DecompressionStream</c>), so a whole-corpus report opens without parsing every series.
/// </summary>
/// <remarks>
/// Layout: <c>{"t0": first timestamp (Unix seconds), "dt": [seconds from the previous row, one per row after the
/// first], "v": [values], "p": probationary rows, "w": [[first, last] row of each window], "d": [{"name", "threshold",
/// "s": [scores], "hits": [[row, 1 = inside a window (true positive) or 0 (false positive)], ...]}]}</c>. Values and
/// scores keep 7 significant digits (display only: every count in the report is computed here at full precision).
/// A detection is a scored row (at or after the probationary period) whose score is at or above the threshold, NAB's rule.
/// </remarks>
public static class FilePayloadEncoder
{
    /// <summary>The rows flagged at <paramref name="threshold"/>: scored rows with a score ≥ it, each with whether it lies in a window.</summary>
    public static IReadOnlyList<(int Row, bool InWindow)> Detections(ReadOnlySpan<double> scores, int probationLength, IReadOnlyList<AnomalyWindow> windows, double threshold)
    {
        ArgumentNullException.ThrowIfNull(windows);
        var hits = new List<(int, bool)>();
        int w = 0;
        for (int row = Math.Max(probationLength, 0); row < scores.Length; row++)
        {
            if (scores[row] >= threshold)
            {
                while (w < windows.Count && windows[w].LastRow < row)
                {
                    w++;
                }

                hits.Add((row, w < windows.Count && windows[w].Contains(row)));
            }
        }

        return hits;
    }

    /// <summary>Encodes <paramref name="file"/> with each detector's scores and standard-profile threshold.</summary>
    public static byte[] Encode(NabDataFile file, TimeSeries series, IReadOnlyList<(string Detector, double[] Scores, double Threshold)> detectors)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(detectors);
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
        using (var json = new Utf8JsonWriter(gzip))
        {
            var times = series.Timestamps.Span;
            var values = series.Values.Span;
            json.WriteStartObject();
            json.WriteNumber("t0", times.Length > 0 ? times[0].ToUnixTimeSeconds() : 0);
            json.WriteStartArray("dt");
            for (int i = 1; i < times.Length; i++)
            {
                json.WriteNumberValue(times[i].ToUnixTimeSeconds() - times[i - 1].ToUnixTimeSeconds());
            }

            json.WriteEndArray();
            json.WriteStartArray("v");
            foreach (double v in values)
            {
                WriteCompact(json, v);
            }

            json.WriteEndArray();
            json.WriteNumber("p", file.ProbationLength);
            json.WriteStartArray("w");
            foreach (var window in file.Windows)
            {
                json.WriteStartArray();
                json.WriteNumberValue(window.FirstRow);
                json.WriteNumberValue(window.LastRow);
                json.WriteEndArray();
            }

            json.WriteEndArray();
            json.WriteStartArray("d");
            foreach (var (detector, scores, threshold) in detectors)
            {
                json.WriteStartObject();
                json.WriteString("name", detector);
                json.WriteNumber("threshold", threshold);
                json.WriteStartArray("s");
                foreach (double s in scores)
                {
                    WriteCompact(json, s);
                }

                json.WriteEndArray();
                json.WriteStartArray("hits");
                foreach (var (row, inWindow) in Detections(scores, file.ProbationLength, file.Windows, threshold))
                {
                    json.WriteStartArray();
                    json.WriteNumberValue(row);
                    json.WriteNumberValue(inWindow ? 1 : 0);
                    json.WriteEndArray();
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    // Seven significant digits as a bare JSON number ("0.5", "1.234568E+07" is valid JSON): a third of "R"'s length.
    private static void WriteCompact(Utf8JsonWriter json, double value) =>
        json.WriteRawValue(double.IsFinite(value) ? value.ToString("G7", CultureInfo.InvariantCulture) : "null", skipInputValidation: true);
}
