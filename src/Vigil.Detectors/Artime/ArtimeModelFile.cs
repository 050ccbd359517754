namespace Vigil.Detectors.Artime;

/// <summary>
/// Saves and loads an <see cref="ArtimeDetector"/> mid-stream as a <c>.vigil</c> archive (architecture §3.10):
/// <c>manifest.json</c> (<c>format</c>, <c>formatVersion</c>, <c>detector</c>, <c>stateVersion</c>, <c>options</c>,
/// <c>rowsSeen</c>, <c>vigilVersion</c>) and <c>state.bin</c> (<see cref="ArtimeDetector.WriteState"/>). A detector
/// loaded in another process continues bit for bit as the saved one would have.
/// </summary>
public static class ArtimeModelFile
{
    /// <summary>Writes <paramref name="detector"/> (at any point of its stream) to <paramref name="destination"/>.</summary>
    /// <param name="detector">The detector to save.</param>
    /// <param name="destination">The stream to write the archive to.</param>
    /// <param name="rowsSeen">Rows the detector has stepped through, recorded in the manifest for the reader's information.</param>
    public static void Save(ArtimeDetector detector, Stream destination, long rowsSeen)
    {
        ArgumentNullException.ThrowIfNull(detector);
        ModelArchive.Save(destination, ArtimeDetector.Descriptor, ArtimeDetector.StateVersion, detector.Options, detector.WriteState,
            [new("rowsSeen", rowsSeen)]);
    }

    /// <summary>Reads a detector written by <see cref="Save"/>.</summary>
    /// <exception cref="InvalidDataException">Not a Vigil ARTime model, a newer format or state version, or corrupt state (the reason is named).</exception>
    public static ArtimeDetector Load(Stream source) =>
        ModelArchive.Load<ArtimeOptions, ArtimeDetector>(source, ArtimeDetector.Descriptor, ArtimeDetector.Restore);
}
