using System.Security.Cryptography;
using System.Text.Json;
using Vigil.Detection;

namespace Vigil.Detectors.Torch.LstmAutoencoder;

/// <summary>
/// A trained <c>lstm-autoencoder</c> on disk, under <c>models/trained/&lt;name&gt;/</c>: <c>manifest.json</c>
/// (options, training-data fingerprint, normalisation constants, threshold, metrics, Vigil version) and
/// <c>weights.bin</c> (the detector state: normalisation and TorchSharp weights); <c>model.onnx</c> once exported.
/// </summary>
/// <remarks>The manifest is written field by field (no reflection-driven serializer, no type names).</remarks>
public static class TrainedModelDirectory
{
    /// <summary>Format tag in every manifest.</summary>
    public const string Format = "vigil.trained-model/1";

    /// <summary>The manifest's file name.</summary>
    public const string ManifestFile = "manifest.json";

    /// <summary>The weights' file name.</summary>
    public const string WeightsFile = "weights.bin";

    /// <summary>The ONNX export's file name.</summary>
    public const string OnnxFile = "model.onnx";

    /// <summary>SHA-256 (hex) of the training data: timestamps (UTC ticks) and values, little-endian.</summary>
    public static string Fingerprint(TimeSeries series)
    {
        ArgumentNullException.ThrowIfNull(series);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> buffer = stackalloc byte[16];
        var timestamps = series.Timestamps.Span;
        var values = series.Values.Span;
        for (int i = 0; i < series.Length; i++)
        {
            System.Buffers.Binary.BinaryPrimitives.WriteInt64LittleEndian(buffer, timestamps[i].UtcTicks);
            System.Buffers.Binary.BinaryPrimitives.WriteDoubleLittleEndian(buffer[8..], values[i]);
            hash.AppendData(buffer);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>Writes <paramref name="detector"/> (fitted on <paramref name="train"/>) into <paramref name="directory"/>.</summary>
    /// <param name="directory">Target folder, created if missing; existing files are replaced.</param>
    /// <param name="detector">A fitted detector.</param>
    /// <param name="train">The data it was fitted on (fingerprinted, not stored).</param>
    /// <param name="thresholdName">How the threshold was chosen, e.g. <c>p99</c>.</param>
    /// <param name="threshold">The threshold on the detector's scores.</param>
    /// <param name="vigilVersion">Version stamped into the manifest.</param>
    public static void Save(string directory, LstmAutoencoderDetector detector, TimeSeries train, string thresholdName, double threshold, string vigilVersion)
    {
        ArgumentNullException.ThrowIfNull(detector);
        ArgumentNullException.ThrowIfNull(train);
        if (!detector.IsFitted)
        {
            throw new NotFittedException(LstmAutoencoderDetector.Descriptor.Name);
        }

        Directory.CreateDirectory(directory);
        using (var weights = File.Create(Path.Combine(directory, WeightsFile)))
        using (var writer = new BinaryWriter(weights))
        {
            detector.WriteState(writer);
        }

        using var manifest = File.Create(Path.Combine(directory, ManifestFile));
        using var json = new Utf8JsonWriter(manifest, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("format", Format);
        json.WriteString("detector", LstmAutoencoderDetector.Descriptor.Name);
        json.WriteNumber("stateVersion", LstmAutoencoderDetector.Descriptor.StateVersion);
        json.WritePropertyName("options");
        using (var options = JsonDocument.Parse(OptionsBinder.ToJson(detector.Options)))
        {
            options.WriteTo(json);
        }

        json.WriteStartObject("trainingData");
        json.WriteString("id", train.Id);
        json.WriteNumber("length", train.Length);
        json.WriteString("sha256", Fingerprint(train));
        json.WriteEndObject();
        json.WriteStartObject("normalization");
        json.WriteNumber("mean", detector.NormalizationMean);
        json.WriteNumber("scale", detector.NormalizationScale);
        json.WriteEndObject();
        json.WriteStartObject("threshold");
        json.WriteString("kind", thresholdName);
        json.WriteNumber("value", threshold);
        json.WriteEndObject();
        json.WriteStartObject("metrics");
        json.WriteNumber("epochs", detector.History.Count);
        json.WriteNumber("parameters", detector.ParameterCount);
        json.WriteNumber("fineTunes", detector.FineTuneCount);
        if (detector.History.Count > 0)
        {
            json.WriteNumber("finalLoss", detector.History[^1].TrainingLoss);
            if (double.IsFinite(detector.History[^1].ValidationLoss))
            {
                json.WriteNumber("finalValidationLoss", detector.History[^1].ValidationLoss);
            }

            json.WriteStartArray("lossPerEpoch");
            foreach (var epoch in detector.History)
            {
                json.WriteNumberValue(epoch.TrainingLoss);
            }

            json.WriteEndArray();
        }

        json.WriteEndObject();
        json.WriteString("vigilVersion", vigilVersion);
        json.WriteEndObject();
    }

    /// <summary>Loads the detector saved in <paramref name="directory"/>, with its manifest threshold.</summary>
    /// <exception cref="InvalidDataException">The manifest is missing, of another format, or newer than this build.</exception>
    public static (LstmAutoencoderDetector Detector, double Threshold) Load(string directory)
    {
        string manifestPath = Path.Combine(directory, ManifestFile);
        if (!File.Exists(manifestPath))
        {
            throw new InvalidDataException($"No trained model at {directory} ({ManifestFile} is missing).");
        }

        using var manifest = JsonDocument.Parse(File.ReadAllBytes(manifestPath));
        var root = manifest.RootElement;
        if (root.GetProperty("format").GetString() != Format)
        {
            throw new InvalidDataException($"{manifestPath}: unknown format '{root.GetProperty("format").GetString()}' (expected {Format}).");
        }

        int stateVersion = root.GetProperty("stateVersion").GetInt32();
        if (stateVersion > LstmAutoencoderDetector.Descriptor.StateVersion)
        {
            throw new InvalidDataException($"{manifestPath}: state version {stateVersion} is newer than this build reads ({LstmAutoencoderDetector.Descriptor.StateVersion}); update Vigil.");
        }

        var options = OptionsBinder.Bind(LstmAutoencoderDetector.Descriptor, root.GetProperty("options"));
        using var weights = File.OpenRead(Path.Combine(directory, WeightsFile));
        using var reader = new BinaryReader(weights);
        var detector = (LstmAutoencoderDetector)LstmAutoencoderDetector.Descriptor.Restore!(options, reader, stateVersion);
        double threshold = root.GetProperty("threshold").GetProperty("value").GetDouble();
        return (detector, threshold);
    }

    /// <summary>Exports the model in <paramref name="directory"/> to <c>model.onnx</c> beside it; returns the file's path.</summary>
    public static string ExportOnnx(string directory)
    {
        var (detector, _) = Load(directory);
        using (detector)
        {
            string path = Path.Combine(directory, OnnxFile);
            File.WriteAllBytes(path, OnnxExport.ToOnnx(detector));
            return path;
        }
    }

}
