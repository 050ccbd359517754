using System.Globalization;
using System.Text.Json;

namespace Vigil.Reporting;

/// <summary>
/// Reads a tuning study from JSON: <c>{"name": "...", "direction": "maximize"|"minimize", "objective": "...",
/// "trials": [{"number": 0, "state": "complete", "value": 61.2, "params": {"windowSize": 120, "kind": "a"},
/// "started": "2026-01-01T00:00:00Z", "finished": "2026-01-01T00:00:09Z"}]}</c>. A study store can export this; the
/// report reads it without depending on the store.
/// </summary>
public static class StudyJson
{
    /// <summary>Reads <paramref name="path"/>.</summary>
    /// <exception cref="FileNotFoundException">The file is missing.</exception>
    /// <exception cref="InvalidDataException">The JSON is malformed or a trial lacks a key (the message names the file and trial).</exception>
    public static StudyView Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Study file not found: {path}", path);
        }

        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(path));
            var root = doc.RootElement;
            // Both this format and `vigil study export --format json` (which says "study" and "parameters") are read.
            string name = root.TryGetProperty("name", out var n) || root.TryGetProperty("study", out n) ? n.GetString() ?? "" : Path.GetFileNameWithoutExtension(path);
            string direction = root.TryGetProperty("direction", out var d) ? d.GetString() ?? "maximize" : "maximize";
            if (direction is not ("maximize" or "minimize"))
            {
                throw new InvalidDataException($"{path}: 'direction' must be maximize or minimize, not '{direction}'.");
            }

            string objective = root.TryGetProperty("objective", out var o) || root.TryGetProperty("metric", out o) ? o.GetString() ?? "objective" : "objective";
            if (!root.TryGetProperty("trials", out var trialsElement) || trialsElement.ValueKind != JsonValueKind.Array)
            {
                throw new InvalidDataException($"{path}: missing the 'trials' array.");
            }

            var trials = new List<TrialRecord>();
            int index = 0;
            foreach (var t in trialsElement.EnumerateArray())
            {
                string where = $"{path}: trials[{index}]";
                int number = t.TryGetProperty("number", out var num) && num.TryGetInt32(out int k) ? k : throw new InvalidDataException($"{where} has no integer 'number'.");
                string state = t.TryGetProperty("state", out var s) ? s.GetString() ?? "" : throw new InvalidDataException($"{where} has no 'state'.");
                double? value = t.TryGetProperty("value", out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;
                var parameters = new Dictionary<string, object>(StringComparer.Ordinal);
                if ((t.TryGetProperty("params", out var ps) || t.TryGetProperty("parameters", out ps)) && ps.ValueKind == JsonValueKind.Object)
                {
                    foreach (var p in ps.EnumerateObject())
                    {
                        parameters[p.Name] = p.Value.ValueKind switch
                        {
                            JsonValueKind.Number => p.Value.GetDouble(),
                            JsonValueKind.True => true,
                            JsonValueKind.False => false,
                            _ => p.Value.ToString(),
                        };
                    }
                }

                trials.Add(new TrialRecord(number, state, value, parameters, Time(t, "started", where), Time(t, "finished", where)));
                index++;
            }

            return new StudyView(name, direction == "maximize", objective, trials);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not valid JSON ({e.Message}).");
        }
    }

    private static DateTimeOffset? Time(JsonElement trial, string key, string where)
    {
        if (!trial.TryGetProperty(key, out var e) || e.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return DateTimeOffset.TryParse(e.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t)
            ? t
            : throw new InvalidDataException($"{where}: '{key}' is not a date-time.");
    }
}
