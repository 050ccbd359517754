using Vigil.Detection;
using Vigil.Detectors;
using Vigil.Detectors.Artime;
using Vigil.Detectors.Htm;
using Vigil.IO;

namespace Vigil.Cli.Commands;

/// <summary>Mid-stream saving and loading of streaming detectors for <c>vigil detect --save-model/--load-model</c>.</summary>
public static class SavedModels
{
    /// <summary>The archive's file name inside <c>models/trained/&lt;name&gt;/</c>.</summary>
    public const string FileName = "model.vigil";

    /// <summary>Detectors that can be saved mid-stream.</summary>
    public static IReadOnlyList<string> Supported { get; } = [HtmDetector.Descriptor.Name, ArtimeDetector.Descriptor.Name];

    /// <summary>Whether <paramref name="detector"/> can be saved mid-stream.</summary>
    public static bool CanSave(IAnomalyDetector detector) => detector is HtmDetector or ArtimeDetector;

    /// <summary>Saves the detector's state atomically (a crash never leaves a half-written model).</summary>
    public static void Save(string path, IAnomalyDetector detector, long rowsSeen)
    {
        ArgumentNullException.ThrowIfNull(detector);
        switch (detector)
        {
            case HtmDetector htm:
                AtomicFile.Write(path, stream => HtmModelFile.Save(htm, stream, rowsSeen));
                break;
            case ArtimeDetector artime:
                AtomicFile.Write(path, stream => ArtimeModelFile.Save(artime, stream, rowsSeen));
                break;
            default:
                throw new CliUsageException($"Detector '{detector.Descriptor.Name}' cannot be saved mid-stream.");
        }
    }

    /// <summary>Loads a saved detector.</summary>
    /// <param name="path">The model archive.</param>
    /// <param name="expectedDetector">The --detector given alongside, if any: it must match the model's.</param>
    /// <param name="optionsGiven">Whether --options or --set was given: a saved model carries its own options.</param>
    /// <exception cref="CliUsageException">The model is missing or unreadable, or conflicts with the other arguments.</exception>
    public static IAnomalyDetector Load(string path, string? expectedDetector, bool optionsGiven)
    {
        if (optionsGiven)
        {
            throw new CliUsageException("--load-model continues a saved detector with its saved options; --options and --set cannot change them.");
        }

        if (!File.Exists(path))
        {
            throw new CliUsageException($"No saved model at {path}; save one with 'vigil detect ... --save-model NAME'.");
        }

        IAnomalyDetector detector;
        try
        {
            using var stream = File.OpenRead(path);
            bool artime = ModelArchiveManifest.DetectorName(stream) == ArtimeDetector.Descriptor.Name;
            stream.Position = 0;
            detector = artime ? ArtimeModelFile.Load(stream) : HtmModelFile.Load(stream);
        }
        catch (InvalidDataException e)
        {
            throw new CliUsageException($"{path}: {e.Message}");
        }

        if (expectedDetector is not null && expectedDetector != detector.Descriptor.Name)
        {
            throw new CliUsageException($"{path} holds detector '{detector.Descriptor.Name}', not '{expectedDetector}'.");
        }

        return detector;
    }
}
