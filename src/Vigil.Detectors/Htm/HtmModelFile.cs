using System.Text.Json.Nodes;

namespace Vigil.Detectors.Htm;

/// <summary>
/// Saves and loads an <see cref="HtmDetector"/> mid-stream as a <c>.vigil</c> archive (architecture §3.10):
/// <c>manifest.json</c> (<c>format</c>, <c>formatVersion</c>, <c>detector</c>, <c>stateVersion</c>, <c>options</c>,
/// <c>rowsSeen</c>, <c>vigilVersion</c>) and <c>state.bin</c> (<see cref="HtmDetector.WriteState"/>). A detector
/// loaded in another process continues bit for bit as the saved one would have.
/// </summary>
public static class HtmModelFile
{
    /// <summary>The <c>format</c> value of the manifest.</summary>
    public const string Format = ModelArchive.Format;

    /// <summary>The manifest layout version written.</summary>
    public const int FormatVersion = ModelArchive.FormatVersion;

    /// <summary>Writes <paramref name="detector"/> (at any point of its stream) to <paramref name="destination"/>.</summary>
    /// <param name="detector">The detector to save.</param>
    /// <param name="destination">The stream to write the archive to.</param>
    /// <param name="rowsSeen">Rows the detector has stepped through, recorded in the manifest for the reader's information.</param>
    public static void Save(HtmDetector detector, Stream destination, long rowsSeen)
    {
        ArgumentNullException.ThrowIfNull(detector);
        ModelArchive.Save(destination, HtmDetector.Descriptor, HtmDetector.StateVersion, detector.Options, detector.WriteState,
            [new("rowsSeen", rowsSeen)]);
    }

    /// <summary>Reads a detector written by <see cref="Save"/>.</summary>
    /// <exception cref="InvalidDataException">Not a Vigil HTM model, a newer format or state version, or corrupt state (the reason is named).</exception>
    public static HtmDetector Load(Stream source) =>
        ModelArchive.Load<HtmOptions, HtmDetector>(source, HtmDetector.Descriptor, HtmDetector.Restore);
}
