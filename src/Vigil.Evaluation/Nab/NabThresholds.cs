using System.Text.Json;

namespace Vigil.Evaluation.Nab;

/// <summary>
/// <c>config/thresholds.json</c>: <c>{ "&lt;detector&gt;": { "&lt;profile&gt;": { "score": S, "threshold": T } } }</c>
/// (nab-scoring.md §8, step 5).
/// </summary>
public static class NabThresholds
{
    /// <summary>Reads every (detector, profile) entry. The <c>score</c> field is optional (0 when absent).</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="FormatException">Malformed JSON or an entry without a finite <c>threshold</c> (the entry is named).</exception>
    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, (double Threshold, double Score)>> Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"NAB thresholds file not found: {path}", path);
        }

        using var document = NabJson.Parse(path);
        var result = new SortedDictionary<string, IReadOnlyDictionary<string, (double, double)>>(StringComparer.Ordinal);
        foreach (var detector in document.RootElement.EnumerateObject())
        {
            var profiles = new SortedDictionary<string, (double, double)>(StringComparer.Ordinal);
            foreach (var profile in detector.Value.EnumerateObject())
            {
                string where = $"entry {detector.Name}/{profile.Name}";
                double threshold = NabJson.Number(path, profile.Value, "threshold", where);
                double score = profile.Value.TryGetProperty("score", out _) ? NabJson.Number(path, profile.Value, "score", where) : 0.0;
                profiles[profile.Name] = (threshold, score);
            }

            result[detector.Name] = profiles;
        }

        return result;
    }

    /// <summary>
    /// Sets the entries of <paramref name="detector"/> for the given profiles, keeping every other entry of the
    /// existing file (if any); writes keys sorted with 4-space indentation, atomically.
    /// </summary>
    public static void Save(string path, string detector, IReadOnlyDictionary<string, (double Threshold, double Score)> byProfile)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(detector);
        ArgumentNullException.ThrowIfNull(byProfile);
        Save(path, new Dictionary<string, IReadOnlyDictionary<string, (double Threshold, double Score)>> { [detector] = byProfile });
    }

    /// <summary>Merges several detectors' entries into the file (see <see cref="Save(string, string, IReadOnlyDictionary{string, ValueTuple{double, double}})"/>).</summary>
    public static void Save(string path, IReadOnlyDictionary<string, IReadOnlyDictionary<string, (double Threshold, double Score)>> entries)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(entries);
        var data = new SortedDictionary<string, SortedDictionary<string, (double Threshold, double Score)>>(StringComparer.Ordinal);
        if (File.Exists(path))
        {
            foreach (var (detector, profiles) in Load(path))
            {
                data[detector] = new SortedDictionary<string, (double, double)>(profiles.ToDictionary(), StringComparer.Ordinal);
            }
        }

        foreach (var (detector, profiles) in entries)
        {
            if (!data.TryGetValue(detector, out var existing))
            {
                data[detector] = existing = new SortedDictionary<string, (double, double)>(StringComparer.Ordinal);
            }

            foreach (var (profile, entry) in profiles)
            {
                existing[profile] = entry;
            }
        }

        NabJson.WriteNested(path, data, static (writer, entry) =>
        {
            writer.WriteStartObject();
            writer.WritePropertyName("score");
            NabJson.WriteNumber(writer, entry.Score);
            writer.WritePropertyName("threshold");
            NabJson.WriteNumber(writer, entry.Threshold);
            writer.WriteEndObject();
        });
    }
}
