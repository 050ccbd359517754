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
    public const string Format = ModelArchive.Format;

    /// <summary>The manifest layout version written.</summary>
    public const int FormatVersion = ModelArchive.FormatVersion;

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

        ModelArchive.Save(destination, IsolationForestDetector.Descriptor, IsolationForestDetector.StateVersion, detector.Options, detector.WriteState);
    }

    /// <summary>Reads a detector written by <see cref="Save"/>.</summary>
    /// <exception cref="InvalidDataException">Not a Vigil isolation-forest model, a newer format or state version, or corrupt state.</exception>
    public static IsolationForestDetector Load(Stream source) =>
        ModelArchive.Load<IsolationForestOptions, IsolationForestDetector>(source, IsolationForestDetector.Descriptor, IsolationForestDetector.Restore);
}
