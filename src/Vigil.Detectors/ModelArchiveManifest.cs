namespace Vigil.Detectors;

/// <summary>What a <c>.vigil</c> model archive says about itself before it is loaded.</summary>
public static class ModelArchiveManifest
{
    /// <summary>The registry name of the detector the archive at <paramref name="source"/> holds, to choose its loader.</summary>
    /// <exception cref="InvalidDataException">Not a Vigil model archive, or a manifest without a detector (the reason is named).</exception>
    public static string DetectorName(Stream source) => ModelArchive.DetectorName(source);
}
