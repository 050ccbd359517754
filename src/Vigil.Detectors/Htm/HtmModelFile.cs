using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Nodes;
using Vigil.Detection;

namespace Vigil.Detectors.Htm;

/// <summary>
/// Saves and loads an <see cref="HtmDetector"/> mid-stream as a <c>.vigil</c> archive (architecture §3.10): a zip
/// holding <c>manifest.json</c> (<c>format</c>, <c>formatVersion</c>, <c>detector</c>, <c>stateVersion</c>,
/// <c>options</c>, <c>rowsSeen</c>, <c>vigilVersion</c>) and <c>state.bin</c> (<see cref="HtmDetector.WriteState"/>).
/// A detector loaded in another process continues bit for bit as the saved one would have.
/// </summary>
/// <remarks>The same layout as the isolation forest's model file, so one loader can dispatch on <c>detector</c>.</remarks>
public static class HtmModelFile
{
    /// <summary>The <c>format</c> value of the manifest.</summary>
    public const string Format = "vigil-model";

    /// <summary>The manifest layout version written.</summary>
    public const int FormatVersion = 1;

    /// <summary>Writes <paramref name="detector"/> (at any point of its stream) to <paramref name="destination"/>.</summary>
    /// <param name="detector">The detector to save.</param>
    /// <param name="destination">The stream to write the archive to.</param>
    /// <param name="rowsSeen">Rows the detector has stepped through, recorded in the manifest for the reader's information.</param>
    public static void Save(HtmDetector detector, Stream destination, long rowsSeen)
    {
        ArgumentNullException.ThrowIfNull(detector);
        ArgumentNullException.ThrowIfNull(destination);
        using var zip = new ZipArchive(destination, ZipArchiveMode.Create, leaveOpen: true);
        var manifest = new JsonObject
        {
            ["format"] = Format,
            ["formatVersion"] = FormatVersion,
            ["detector"] = HtmDetector.Descriptor.Name,
            ["stateVersion"] = HtmDetector.StateVersion,
            ["options"] = JsonNode.Parse(OptionsBinder.ToJson(detector.Options)),
            ["rowsSeen"] = rowsSeen,
            ["vigilVersion"] = typeof(HtmDetector).Assembly.GetName().Version?.ToString() ?? "unknown",
        };
        using (var writer = new StreamWriter(zip.CreateEntry("manifest.json", CompressionLevel.Optimal).Open()))
        {
            writer.Write(manifest.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        }

        using var state = new BinaryWriter(zip.CreateEntry("state.bin", CompressionLevel.Optimal).Open());
        detector.WriteState(state);
    }

    /// <summary>Reads a detector written by <see cref="Save"/>.</summary>
    /// <exception cref="InvalidDataException">Not a Vigil HTM model, a newer format or state version, or corrupt state (the reason is named).</exception>
    public static HtmDetector Load(Stream source)
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
            if (detector != HtmDetector.Descriptor.Name)
            {
                throw new InvalidDataException($"The model holds detector '{detector}', not '{HtmDetector.Descriptor.Name}'.");
            }

            var optionsJson = JsonSerializer.Deserialize<JsonElement>(manifest["options"]?.ToJsonString() ?? "{}");
            var options = (HtmOptions)OptionsBinder.Bind(HtmDetector.Descriptor, optionsJson);
            var stateEntry = zip.GetEntry("state.bin") ?? throw new InvalidDataException("The model has no state.bin.");
            using var state = new BinaryReader(stateEntry.Open());
            try
            {
                return HtmDetector.Restore(options, state, (int?)manifest["stateVersion"] ?? 0);
            }
            catch (EndOfStreamException e)
            {
                throw new InvalidDataException("The model's state.bin is truncated.", e);
            }
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
