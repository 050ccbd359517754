using System.Text.Json;
using Vigil.IO;

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
    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, NabThreshold>> Load(string path)
    {
        var result = new Dictionary<string, IReadOnlyDictionary<string, NabThreshold>>(StringComparer.Ordinal);
        foreach (var (detector, profiles) in Read(path))
        {
            result[detector] = profiles;
        }

        return result;
    }

    private static Dictionary<string, Dictionary<string, NabThreshold>> Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"NAB thresholds file not found: {path}", path);
        }

        using var document = NabJson.Parse(path);
        var result = new Dictionary<string, Dictionary<string, NabThreshold>>(StringComparer.Ordinal);
        foreach (var detector in document.RootElement.EnumerateObject())
        {
            var profiles = new Dictionary<string, NabThreshold>(StringComparer.Ordinal);
            foreach (var profile in detector.Value.EnumerateObject())
            {
                string where = $"entry {detector.Name}/{profile.Name}";
                double threshold = NabJson.Number(path, profile.Value, "threshold", where);
                double score = profile.Value.TryGetProperty("score", out _) ? NabJson.Number(path, profile.Value, "score", where) : 0.0;
                profiles[profile.Name] = new NabThreshold(threshold, score);
            }

            result[detector.Name] = profiles;
        }

        return result;
    }

    /// <summary>
    /// Sets the entries of <paramref name="detector"/> for the given profiles, keeping every other entry of the
    /// existing file (if any); writes keys sorted with 4-space indentation, atomically.
    /// </summary>
    public static void Save(string path, string detector, IReadOnlyDictionary<string, NabThreshold> byProfile)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(detector);
        ArgumentNullException.ThrowIfNull(byProfile);
        Save(path, new Dictionary<string, IReadOnlyDictionary<string, NabThreshold>> { [detector] = byProfile });
    }

    /// <summary>Merges several detectors' entries into the file (see <see cref="Save(string, string, IReadOnlyDictionary{string, NabThreshold})"/>).</summary>
    public static void Save(string path, IReadOnlyDictionary<string, IReadOnlyDictionary<string, NabThreshold>> entries)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(entries);
        using var exclusive = FileLock.Acquire(path);   // read, merge and replace as one step: concurrent scorers each keep their detectors
        var data = File.Exists(path) ? Read(path) : new Dictionary<string, Dictionary<string, NabThreshold>>(StringComparer.Ordinal);
        foreach (var (detector, profiles) in entries)
        {
            if (!data.TryGetValue(detector, out var existing))
            {
                data[detector] = existing = new Dictionary<string, NabThreshold>(StringComparer.Ordinal);
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
