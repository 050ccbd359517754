using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Nodes;
using Vigil.Detection;

namespace Vigil.Detectors.IsolationForest;

/// <summary>
/// Saves and loads a fitted <see cref="IsolationForestDetector"/> as a <c>.vigil</c> archive (architecture §3.10):
/// a zip holding <c>manifest.json</c> (<c>format</c>, <c>formatVersion</c>, <c>detector</c>, <c>stateVersion</c>,
/// <c>options</c>) and <c>state.bin</c> (<see cref="IsolationForestDetector.WriteState"/>). No type names or
/// reflection-driven serializers go into the file. A loaded detector scores bit for bit as the saved one.
/// </summary>
/// <remarks>Until a general <c>ModelStore</c> exists, this is the detector's own persistence; its layout is the one
/// <c>ModelStore</c> is specified to write, so files stay loadable.</remarks>
public static class IsolationForestModelFile
{
    /// <summary>The <c>format</c> value of the manifest.</summary>
    public const string Format = "vigil-model";

    /// <summary>The manifest layout version written.</summary>
    public const int FormatVersion = 1;

    /// <summary>Writes <paramref name="detector"/> (fitted) to <paramref name="destination"/>.</summary>
    /// <exception cref="NotFittedException">The detector has not been fitted.</exception>
    public static void Save(IsolationForestDetector detector, Stream destination)
    {
        ArgumentNullException.ThrowIfNull(detector);
        ArgumentNullException.ThrowIfNull(destination);
        if (!detector.IsFitted)
        {
            throw new NotFittedException(IsolationForestDetector.Descriptor.Name);
        }

        using var zip = new ZipArchive(destination, ZipArchiveMode.Create, leaveOpen: true);
        var manifest = new JsonObject
        {
            ["format"] = Format,
            ["formatVersion"] = FormatVersion,
            ["detector"] = IsolationForestDetector.Descriptor.Name,
            ["stateVersion"] = IsolationForestDetector.StateVersion,
            ["options"] = JsonNode.Parse(OptionsBinder.ToJson(detector.Options)),
            ["vigilVersion"] = typeof(IsolationForestDetector).Assembly.GetName().Version?.ToString() ?? "unknown",
        };
        using (var writer = new StreamWriter(zip.CreateEntry("manifest.json", CompressionLevel.Optimal).Open()))
        {
            writer.Write(manifest.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        }

        using var state = new BinaryWriter(zip.CreateEntry("state.bin", CompressionLevel.Optimal).Open());
        detector.WriteState(state);
    }

    /// <summary>Reads a detector written by <see cref="Save"/>.</summary>
    /// <exception cref="InvalidDataException">Not a Vigil isolation-forest model, a newer format or state version, or corrupt state.</exception>
    public static IsolationForestDetector Load(Stream source)
    {
        ArgumentNullException.ThrowIfNull(source);
        using var zip = new ZipArchive(source, ZipArchiveMode.Read, leaveOpen: true);
        var manifestEntry = zip.GetEntry("manifest.json") ?? throw new InvalidDataException("Not a Vigil model: manifest.json is missing.");
        JsonNode manifest;
        using (var reader = new StreamReader(manifestEntry.Open()))
        {
            manifest = JsonNode.Parse(reader.ReadToEnd()) ?? throw new InvalidDataException("manifest.json is empty.");
        }

        if ((string?)manifest["format"] != Format)
        {
            throw new InvalidDataException($"Not a Vigil model: format is '{manifest["format"]}'.");
        }

        int formatVersion = (int?)manifest["formatVersion"] ?? 0;
        if (formatVersion is < 1 or > FormatVersion)
        {
            throw new InvalidDataException($"Model format version {formatVersion} is not supported (this Vigil reads 1..{FormatVersion}); upgrade Vigil to load it.");
        }

        string? detector = (string?)manifest["detector"];
        if (detector != IsolationForestDetector.Descriptor.Name)
        {
            throw new InvalidDataException($"The model holds detector '{detector}', not '{IsolationForestDetector.Descriptor.Name}'.");
        }

        var optionsJson = JsonSerializer.Deserialize<JsonElement>(manifest["options"]?.ToJsonString() ?? "{}");
        var options = (IsolationForestOptions)OptionsBinder.Bind(IsolationForestDetector.Descriptor, optionsJson);
        var stateEntry = zip.GetEntry("state.bin") ?? throw new InvalidDataException("The model has no state.bin.");
        using var state = new BinaryReader(stateEntry.Open());
        return IsolationForestDetector.Restore(options, state, (int?)manifest["stateVersion"] ?? 0);
    }
}
