using System.IO.Compression;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Vigil.Detection;
using Vigil.Validation;

namespace Vigil.Persistence;

/// <summary>
/// The one model format (architecture §3.10): a <c>.vigil</c> zip archive holding <c>manifest.json</c>
/// (<see cref="ModelManifest"/>), <c>state.bin</c> (the detector's <see cref="IPersistable.WriteState"/>) and, for a
/// batch detector saved mid-stream, <c>runner.bin</c> (its <see cref="BatchAsStreaming"/> buffer). Loading goes through
/// the registry's <see cref="DetectorDescriptor.Restore"/>, so no detector is named here. Also reads the older
/// <c>vigil.trained-model/1</c> folders (<c>manifest.json</c> + <c>weights.bin</c>).
/// </summary>
/// <remarks>
/// Every way a file can be wrong (not a zip, truncated, a flipped bit, a newer format or state version, an unknown
/// detector, options edited after saving, a state that does not fit its manifest) is reported as an
/// <see cref="InvalidDataException"/> whose message names the problem; nothing else escapes <see cref="Load"/>.
/// </remarks>
public static class ModelStore
{
    /// <summary>The manifest's entry name.</summary>
    public const string ManifestEntry = "manifest.json";

    /// <summary>The detector state's entry name.</summary>
    public const string StateEntry = "state.bin";

    /// <summary>The mid-stream runner state's entry name.</summary>
    public const string RunnerEntry = "runner.bin";

    /// <summary>The <c>format</c> of the first trained-model folders (manifest.json + weights.bin).</summary>
    public const string TrainedModelFolderFormat = "vigil.trained-model/1";

    /// <summary>This build's Vigil version (without the commit).</summary>
    public static string VigilVersion { get; } = InformationalVersion().Split('+')[0];

    /// <summary>The git commit this build was made from, when the build recorded it (else null).</summary>
    public static string? GitCommit { get; } = InformationalVersion().Split('+') is [_, var commit, ..] && commit.Length > 0 ? commit : null;

    /// <summary>Whether <paramref name="detector"/> can be saved.</summary>
    public static bool CanSave(IAnomalyDetector detector) => detector is IPersistable && detector.Descriptor.Restore is not null;

    /// <summary>
    /// Writes <paramref name="detector"/> as a <c>.vigil</c> archive to <paramref name="destination"/>. The fields that
    /// describe the detector (name, state version, options, Vigil version, commit, checksums) are filled in here;
    /// everything else (training data, threshold, metrics, harness, time, tracking run) comes from <paramref name="details"/>.
    /// </summary>
    /// <param name="destination">Where to write the archive (left open).</param>
    /// <param name="detector">The detector; must implement <see cref="IPersistable"/>.</param>
    /// <param name="details">Manifest fields to record; its detector-describing fields are ignored.</param>
    /// <param name="runner">The runner a batch detector was run under mid-stream, to continue it exactly; null otherwise.</param>
    /// <returns>The manifest written.</returns>
    /// <exception cref="NotSupportedException">The detector cannot be saved.</exception>
    public static ModelManifest Save(Stream destination, IAnomalyDetector detector, ModelManifest? details = null, BatchAsStreaming? runner = null)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(detector);
        if (detector is not IPersistable persistable || detector.Descriptor.Restore is null)
        {
            throw new NotSupportedException($"Detector '{detector.Descriptor.Name}' cannot be saved: it has no persistable state.");
        }

        if (runner is not null && !ReferenceEquals(runner.Inner, detector))
        {
            throw new ArgumentException("The runner must wrap the detector being saved.", nameof(runner));
        }

        byte[] state = Serialize(persistable.WriteState);
        var options = (JsonObject)JsonNode.Parse(OptionsBinder.ToJson(detector.Options))!;
        var manifest = (details ?? new ModelManifest { Detector = detector.Descriptor.Name, Options = options }) with
        {
            FormatVersion = ModelManifest.CurrentFormatVersion,
            Detector = detector.Descriptor.Name,
            StateVersion = detector.Descriptor.StateVersion,
            Options = options,
            VigilVersion = VigilVersion,
            GitCommit = GitCommit,
            StateSha256 = Sha256(state),
            Normalization = detector is INormalizingDetector { Normalization.Count: > 0 } normalizing
                ? new JsonObject(normalizing.Normalization.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value)))
                : details?.Normalization,
            OptionsSha256 = Sha256(Encoding.UTF8.GetBytes(options.ToJsonString())),
        };

        using var zip = new ZipArchive(destination, ZipArchiveMode.Create, leaveOpen: true);
        WriteEntry(zip, ManifestEntry, Encoding.UTF8.GetBytes(manifest.ToJson()));
        WriteEntry(zip, StateEntry, state);
        if (runner is not null)
        {
            WriteEntry(zip, RunnerEntry, Serialize(runner.WriteState));
        }

        return manifest;
    }

    /// <summary>Reads only the manifest of an archive (e.g. to list or inspect models without restoring them).</summary>
    /// <exception cref="InvalidDataException">Not a Vigil model archive, or an unreadable manifest.</exception>
    public static ModelManifest ReadManifest(Stream source)
    {
        using var zip = OpenArchive(source);
        return ReadManifest(zip);
    }

    /// <summary>Reads an archive and restores its detector through <paramref name="registry"/>.</summary>
    /// <exception cref="InvalidDataException">Any problem with the file; the message names it.</exception>
    public static SavedModel Load(Stream source, DetectorRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        using var zip = OpenArchive(source);
        var manifest = ReadManifest(zip);
        byte[] state = ReadEntry(zip, StateEntry) ?? throw new InvalidDataException($"The model has no {StateEntry}.");
        if (manifest.StateSha256 is { } expected && !string.Equals(expected, Sha256(state), StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidDataException($"The model's {StateEntry} is corrupt: its SHA-256 differs from the one in {ManifestEntry}.");
        }

        if (manifest.OptionsSha256 is { } optionsHash
            && !string.Equals(optionsHash, Sha256(Encoding.UTF8.GetBytes(manifest.Options.ToJsonString())), StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidDataException($"The options in {ManifestEntry} were changed after the model was saved; a model's options must stay those its state was made with.");
        }

        var detector = Restore(manifest, state, registry);
        BatchAsStreaming? runner = null;
        if (ReadEntry(zip, RunnerEntry) is { } runnerState)
        {
            if (detector is not IBatchDetector batch)
            {
                throw new InvalidDataException($"The model has a {RunnerEntry}, but '{manifest.Detector}' is not a batch detector.");
            }

            runner = Guarded(manifest, RunnerEntry, runnerState, reader => BatchAsStreaming.Restore(batch, reader));
        }

        return new SavedModel(manifest, detector, runner);
    }

    /// <summary>Reads a <c>vigil.trained-model/1</c> folder (<c>manifest.json</c> + <c>weights.bin</c>), the format
    /// <c>vigil model train</c> wrote before the <c>.vigil</c> archive; its manifest is converted to the current fields.</summary>
    /// <exception cref="InvalidDataException">Any problem with the folder; the message names it.</exception>
    public static SavedModel LoadTrainedModelFolder(string directory, DetectorRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        string manifestPath = Path.Combine(directory, ManifestEntry);
        var manifest = ReadTrainedModelFolderManifest(directory);
        string weights = Path.Combine(directory, "weights.bin");
        if (!File.Exists(weights))
        {
            throw new InvalidDataException($"{manifestPath}: weights.bin is missing beside it.");
        }

        return new SavedModel(manifest, Restore(manifest, File.ReadAllBytes(weights), registry), null);
    }

    /// <summary>The manifest of a <c>vigil.trained-model/1</c> folder, converted to the current fields.</summary>
    /// <exception cref="InvalidDataException">The folder's manifest is missing, unreadable or of another format.</exception>
    public static ModelManifest ReadTrainedModelFolderManifest(string directory)
    {
        string manifestPath = Path.Combine(directory, ManifestEntry);
        if (!File.Exists(manifestPath))
        {
            throw new InvalidDataException($"No model at {directory} ({ManifestEntry} is missing).");
        }

        JsonObject root;
        try
        {
            root = JsonNode.Parse(File.ReadAllText(manifestPath)) as JsonObject ?? throw new InvalidDataException($"{manifestPath} is not a JSON object.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{manifestPath} is not valid JSON ({e.Message}).", e);
        }

        if ((string?)root["format"] != TrainedModelFolderFormat)
        {
            throw new InvalidDataException($"{manifestPath}: unknown format '{root["format"]}' (expected {TrainedModelFolderFormat}).");
        }

        try
        {
            var metrics = new SortedDictionary<string, double>(StringComparer.Ordinal);
            if (root["metrics"] is JsonObject m)
            {
                foreach (var (name, value) in m)
                {
                    if (value is JsonValue v && v.TryGetValue(out double number))
                    {
                        metrics[name] = number;
                    }
                }
            }

            return new ModelManifest
            {
                FormatVersion = 1,
                Detector = (string?)root["detector"] ?? throw new InvalidDataException($"{manifestPath} names no detector."),
                StateVersion = (int?)root["stateVersion"] ?? 0,
                Options = root["options"]?.DeepClone() as JsonObject ?? throw new InvalidDataException($"{manifestPath}: 'options' must be an object."),
                VigilVersion = (string?)root["vigilVersion"],
                TrainingData = root["trainingData"] is JsonObject t ? new TrainingDataInfo((string?)t["id"] ?? "", 0, (int?)t["length"] ?? 0, (string?)t["sha256"] ?? "") : null,
                Normalization = root["normalization"]?.DeepClone() as JsonObject,
                Threshold = root["threshold"]?.DeepClone() as JsonObject,
                Metrics = metrics,
            };
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException)
        {
            throw new InvalidDataException($"{manifestPath} has a field of the wrong type ({e.Message}).", e);
        }
    }

    private static IAnomalyDetector Restore(ModelManifest manifest, byte[] state, DetectorRegistry registry)
    {
        if (!registry.Contains(manifest.Detector))
        {
            throw new InvalidDataException($"The model holds detector '{manifest.Detector}', which this Vigil does not know (known: {string.Join(", ", registry.All.Select(d => d.Name))}).");
        }

        var descriptor = registry.Get(manifest.Detector);
        if (manifest.StateVersion > descriptor.StateVersion)
        {
            throw new InvalidDataException($"The model's {descriptor.Name} state version {manifest.StateVersion} is newer than this Vigil reads ({descriptor.StateVersion}); upgrade Vigil to load it.");
        }

        if (manifest.StateVersion < 1)
        {
            throw new InvalidDataException($"{ManifestEntry}: stateVersion {manifest.StateVersion} is not valid.");
        }

        var restore = descriptor.Restore ?? throw new InvalidDataException($"Detector '{descriptor.Name}' cannot be restored from a saved state.");
        DetectorOptions options;
        try
        {
            // Models saved before the calibration stage existed scored raw: they keep doing so (today's defaults
            // calibrate some detectors, which would silently change an old model's scores).
            var saved = (JsonObject)manifest.Options.DeepClone();
            saved.TryAdd("calibration", "none");
            options = OptionsBinder.Bind(descriptor, JsonSerializer.Deserialize<JsonElement>(saved.ToJsonString()));
        }
        catch (OptionsValidationException e)
        {
            throw new InvalidDataException($"{ManifestEntry}: {e.Message}", e);
        }

        return Guarded(manifest, StateEntry, state, reader => restore(options, reader, manifest.StateVersion));
    }

    // Implementation note: a state that does not fit its manifest (sizes from edited options, a truncated or
    // foreign state) shows up as one of these exceptions inside a detector's Restore, or as unread bytes after it;
    // all become one clear InvalidDataException instead of a crash.
    private static T Guarded<T>(ModelManifest manifest, string entry, byte[] bytes, Func<BinaryReader, T> read)
    {
        using var stream = new MemoryStream(bytes, writable: false);
        using var reader = new BinaryReader(stream);
        T result;
        try
        {
            result = read(reader);
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException($"The model's {entry} is truncated: it ends before the {manifest.Detector} state (version {manifest.StateVersion}) does.", e);
        }
        catch (OutOfMemoryException e)
        {
            throw new InvalidDataException($"The model's {entry} does not match its manifest ({manifest.Detector}, state version {manifest.StateVersion}): it asks for more memory than there is.", e);
        }
        catch (Exception e) when (e is IndexOutOfRangeException or ArgumentException or InvalidOperationException or OverflowException
            or FormatException or NullReferenceException or NotSupportedException or IOException)
        {
            throw new InvalidDataException($"The model's {entry} does not match its manifest ({manifest.Detector}, state version {manifest.StateVersion}): {e.Message}", e);
        }

        if (stream.Position != stream.Length)
        {
            (result as IDisposable)?.Dispose();
            throw new InvalidDataException($"The model's {entry} does not match its manifest: {stream.Length - stream.Position} bytes are left after the {manifest.Detector} state (version {manifest.StateVersion}).");
        }

        return result;
    }

    private static ZipArchive OpenArchive(Stream source)
    {
        ArgumentNullException.ThrowIfNull(source);
        try
        {
            return new ZipArchive(source, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"Not a Vigil model archive, or a truncated one ({e.Message}).", e);
        }
    }

    private static ModelManifest ReadManifest(ZipArchive zip)
    {
        byte[] bytes = ReadEntry(zip, ManifestEntry) ?? throw new InvalidDataException($"Not a Vigil model: {ManifestEntry} is missing.");
        return ModelManifest.Parse(Encoding.UTF8.GetString(bytes));
    }

    private static byte[]? ReadEntry(ZipArchive zip, string name)
    {
        var entry = zip.GetEntry(name);
        if (entry is null)
        {
            return null;
        }

        try
        {
            using var stream = entry.Open();
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return copy.ToArray();
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"The model's {name} is corrupt ({e.Message}).", e);
        }
    }

    private static void WriteEntry(ZipArchive zip, string name, byte[] bytes)
    {
        using var stream = zip.CreateEntry(name, CompressionLevel.Optimal).Open();
        stream.Write(bytes);
    }

    private static byte[] Serialize(Action<BinaryWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            write(writer);
        }

        return buffer.ToArray();
    }

    private static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private static string InformationalVersion() =>
        typeof(ModelStore).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(ModelStore).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
}
