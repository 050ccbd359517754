using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Vigil.Detection;
using Vigil.IO;

namespace Vigil.Evaluation.Nab;

/// <summary>
/// What produced each results file of one detector's results folder: <c>&lt;results&gt;/&lt;detector&gt;/.vigil-run.json</c>
/// maps a data file's relative path to a fingerprint of the run that wrote its results (detector, state version,
/// every bound option, score digits, and the data file's size and row count). <c>nab run --resume</c> skips a file
/// whose entry matches the new run's fingerprint and whose results file is complete.
/// </summary>
/// <remarks>
/// An entry is recorded only after its results file has been written (atomically), and the manifest itself is
/// replaced atomically, so a run that is killed at any point leaves entries that describe complete files.
/// </remarks>
public sealed class NabRunManifest
{
    /// <summary>The manifest's file name inside a detector's results folder.</summary>
    public const string FileName = ".vigil-run.json";

    private readonly string _path;
    private readonly Dictionary<string, string> _entries;
    private readonly Lock _gate = new();

    private NabRunManifest(string path, Dictionary<string, string> entries)
    {
        _path = path;
        _entries = entries;
    }

    /// <summary>Opens the manifest of <paramref name="detector"/> under <paramref name="resultsRoot"/> (empty when absent or unreadable).</summary>
    public static NabRunManifest Open(string resultsRoot, string detector)
    {
        ArgumentNullException.ThrowIfNull(resultsRoot);
        ArgumentException.ThrowIfNullOrWhiteSpace(detector);
        string path = Path.Combine(resultsRoot, detector, FileName);
        var entries = new Dictionary<string, string>(StringComparer.Ordinal);
        if (File.Exists(path))
        {
            try
            {
                using var document = JsonDocument.Parse(File.ReadAllBytes(path));
                if (document.RootElement.TryGetProperty("files", out var files) && files.ValueKind == JsonValueKind.Object)
                {
                    foreach (var file in files.EnumerateObject())
                    {
                        if (file.Value.ValueKind == JsonValueKind.String)
                        {
                            entries[file.Name] = file.Value.GetString()!;
                        }
                    }
                }
            }
            catch (JsonException)
            {
                // A damaged manifest only means nothing can be skipped: every file is run again.
            }
        }

        return new NabRunManifest(path, entries);
    }

    /// <summary>The fingerprint of running <paramref name="descriptor"/> with <paramref name="options"/> on <paramref name="file"/>.</summary>
    public static string Fingerprint(DetectorDescriptor descriptor, DetectorOptions options, int scoreDigits, NabDataFile file)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(file);
        string text = string.Join('\n',
            descriptor.Name,
            descriptor.StateVersion.ToString(System.Globalization.CultureInfo.InvariantCulture),
            OptionsBinder.ToJson(options),
            scoreDigits.ToString(System.Globalization.CultureInfo.InvariantCulture),
            file.RelativePath,
            new FileInfo(file.DataPath).Length.ToString(System.Globalization.CultureInfo.InvariantCulture),
            file.RowCount.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>Whether <paramref name="file"/>'s results were written by a run with <paramref name="fingerprint"/>.</summary>
    public bool Matches(NabDataFile file, string fingerprint)
    {
        ArgumentNullException.ThrowIfNull(file);
        lock (_gate)
        {
            return _entries.TryGetValue(file.RelativePath, out var recorded) && recorded == fingerprint;
        }
    }

    /// <summary>Records that <paramref name="file"/>'s results are complete and were written by <paramref name="fingerprint"/>; saves at once.</summary>
    public void Record(NabDataFile file, string fingerprint)
    {
        ArgumentNullException.ThrowIfNull(file);
        lock (_gate)
        {
            _entries[file.RelativePath] = fingerprint;
            AtomicFile.Write(_path, stream =>
            {
                using var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
                writer.WriteStartObject();
                writer.WriteStartObject("files");
                foreach (var key in _entries.Keys.Order(StringComparer.Ordinal))
                {
                    writer.WriteString(key, _entries[key]);
                }

                writer.WriteEndObject();
                writer.WriteEndObject();
            });
        }
    }
}
