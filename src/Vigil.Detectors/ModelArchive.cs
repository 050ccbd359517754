using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Nodes;
using Vigil.Detection;

namespace Vigil.Detectors;

/// <summary>
/// The <c>.vigil</c> model archive of architecture §3.10, shared by the detectors that persist themselves: a zip
/// holding <c>manifest.json</c> (<c>format</c>, <c>formatVersion</c>, <c>detector</c>, <c>stateVersion</c>,
/// <c>options</c>, <c>vigilVersion</c> and any detector-specific fields) and <c>state.bin</c> written by the
/// detector. No type names or reflection-driven serializers go into the file.
/// </summary>
internal static class ModelArchive
{
    /// <summary>The <c>format</c> value of the manifest.</summary>
    public const string Format = "vigil-model";

    /// <summary>The manifest layout version written.</summary>
    public const int FormatVersion = 1;

    /// <summary>Writes an archive for a detector of <paramref name="descriptor"/> to <paramref name="destination"/>.</summary>
    public static void Save(
        Stream destination, DetectorDescriptor descriptor, int stateVersion, DetectorOptions options,
        Action<BinaryWriter> writeState, IEnumerable<KeyValuePair<string, JsonNode?>>? extraManifestFields = null)
    {
        ArgumentNullException.ThrowIfNull(destination);
        using var zip = new ZipArchive(destination, ZipArchiveMode.Create, leaveOpen: true);
        var manifest = new JsonObject
        {
            ["format"] = Format,
            ["formatVersion"] = FormatVersion,
            ["detector"] = descriptor.Name,
            ["stateVersion"] = stateVersion,
            ["options"] = JsonNode.Parse(OptionsBinder.ToJson(options)),
        };
        foreach (var (key, value) in extraManifestFields ?? [])
        {
            manifest[key] = value;
        }

        manifest["vigilVersion"] = typeof(ModelArchive).Assembly.GetName().Version?.ToString() ?? "unknown";
        using (var writer = new StreamWriter(zip.CreateEntry("manifest.json", CompressionLevel.Optimal).Open()))
        {
            writer.Write(manifest.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        }

        using var state = new BinaryWriter(zip.CreateEntry("state.bin", CompressionLevel.Optimal).Open());
        writeState(state);
    }

    /// <summary>
    /// Reads an archive holding a detector of <paramref name="descriptor"/>: checks the manifest, binds its options
    /// and hands them with <c>state.bin</c> and the stored state version to <paramref name="restore"/>.
    /// </summary>
    /// <exception cref="InvalidDataException">
    /// Not a Vigil model archive, a newer format, another detector, or a truncated or corrupt state (the reason is named).
    /// </exception>
    public static TDetector Load<TOptions, TDetector>(Stream source, DetectorDescriptor descriptor, Func<TOptions, BinaryReader, int, TDetector> restore)
        where TOptions : DetectorOptions
    {
        ArgumentNullException.ThrowIfNull(source);
        ZipArchive zip;
        try
        {
            zip = new ZipArchive(source, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"Not a Vigil model archive ({e.Message}).", e);
        }

        using (zip)
        {
            var manifest = ReadManifest(zip);
            int formatVersion = (int?)manifest["formatVersion"] ?? 0;
            if (formatVersion is < 1 or > FormatVersion)
            {
                throw new InvalidDataException($"Model format version {formatVersion} is not supported (this Vigil reads 1..{FormatVersion}); upgrade Vigil to load it.");
            }

            string? detector = (string?)manifest["detector"];
            if (detector != descriptor.Name)
            {
                throw new InvalidDataException($"The model holds detector '{detector}', not '{descriptor.Name}'.");
            }

            var optionsNode = manifest["options"] as JsonObject ?? [];
            if (!optionsNode.Any(p => string.Equals(p.Key, "calibration", StringComparison.OrdinalIgnoreCase)))
            {
                // Models saved before calibration existed scored raw: keep them raw rather than take today's default.
                optionsNode["calibration"] = "none";
            }

            var optionsJson = JsonSerializer.Deserialize<JsonElement>(optionsNode.ToJsonString());
            var options = (TOptions)OptionsBinder.Bind(descriptor, optionsJson);
            var stateEntry = zip.GetEntry("state.bin") ?? throw new InvalidDataException("The model has no state.bin.");
            using var state = new BinaryReader(stateEntry.Open());
            try
            {
                return restore(options, state, (int?)manifest["stateVersion"] ?? 0);
            }
            catch (EndOfStreamException e)
            {
                throw new InvalidDataException("The model's state.bin is truncated.", e);
            }
        }
    }

    /// <summary>The registry name of the detector an archive holds (its manifest's <c>detector</c>), to choose the loader.</summary>
    /// <exception cref="InvalidDataException">Not a Vigil model archive, or a manifest without a detector (the reason is named).</exception>
    public static string DetectorName(Stream source)
    {
        ArgumentNullException.ThrowIfNull(source);
        ZipArchive zip;
        try
        {
            zip = new ZipArchive(source, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"Not a Vigil model archive ({e.Message}).", e);
        }

        using (zip)
        {
            return (string?)ReadManifest(zip)["detector"] ?? throw new InvalidDataException("The model's manifest names no detector.");
        }
    }

    private static JsonNode ReadManifest(ZipArchive zip)
    {
        var entry = zip.GetEntry("manifest.json") ?? throw new InvalidDataException("Not a Vigil model: manifest.json is missing.");
        JsonNode manifest;
        using (var reader = new StreamReader(entry.Open()))
        {
            try
            {
                manifest = JsonNode.Parse(reader.ReadToEnd()) ?? throw new InvalidDataException("manifest.json is empty.");
            }
            catch (JsonException e)
            {
                throw new InvalidDataException($"manifest.json is not valid JSON ({e.Message}).", e);
            }
        }

        if ((string?)manifest["format"] != Format)
        {
            throw new InvalidDataException($"Not a Vigil model: format is '{manifest["format"]}'.");
        }

        return manifest;
    }
}
