using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Vigil.Persistence;

/// <summary>
/// The <c>manifest.json</c> of a <c>.vigil</c> model archive: what the model is, how it was made and how to continue
/// it. Written field by field (camelCase, no type names); see docs/model-format.md.
/// </summary>
public sealed record ModelManifest
{
    /// <summary>The <c>format</c> value of every manifest.</summary>
    public const string FormatName = "vigil-model";

    /// <summary>The manifest layout version this build writes (1: the first htm/isolation-forest archives).</summary>
    public const int CurrentFormatVersion = 2;

    /// <summary>Manifest layout version.</summary>
    public int FormatVersion { get; init; } = CurrentFormatVersion;

    /// <summary>Registry name of the detector.</summary>
    public required string Detector { get; init; }

    /// <summary>Version of the detector's state layout in <c>state.bin</c>.</summary>
    public int StateVersion { get; init; }

    /// <summary>The detector's options as a JSON object (camelCase).</summary>
    public required JsonObject Options { get; init; }

    /// <summary>Vigil version that wrote the model.</summary>
    public string? VigilVersion { get; init; }

    /// <summary>Git commit of the build that wrote the model, when the build knew it.</summary>
    public string? GitCommit { get; init; }

    /// <summary>When the model was written (UTC, from an injected <see cref="TimeProvider"/>).</summary>
    public DateTimeOffset? CreatedUtc { get; init; }

    /// <summary>The data the model was trained or run on.</summary>
    public TrainingDataInfo? TrainingData { get; init; }

    /// <summary>Normalisation constants the detector applies (informational; the state holds the exact values).</summary>
    public JsonObject? Normalization { get; init; }

    /// <summary>The score calibrator, as the detection pipeline serialises it (null = none).</summary>
    public JsonObject? Calibrator { get; init; }

    /// <summary>The alarm threshold (e.g. <c>{"kind":"p99","value":1.27}</c>; null = none).</summary>
    public JsonObject? Threshold { get; init; }

    /// <summary>Metrics measured when the model was made (NAB score, F1, final loss...).</summary>
    public IReadOnlyDictionary<string, double> Metrics { get; init; } = new SortedDictionary<string, double>(StringComparer.Ordinal);

    /// <summary>Id of the experiment-tracking run that produced the model, if one was tracked.</summary>
    public string? TrackingRunId { get; init; }

    /// <summary>How the harness ran the detector (probation, input range, refit policy, rows seen).</summary>
    public HarnessContext? Harness { get; init; }

    /// <summary>SHA-256 of <c>state.bin</c>: a flipped bit is detected before the state is read.</summary>
    public string? StateSha256 { get; init; }

    /// <summary>SHA-256 of the options JSON as saved: a manifest whose options were edited is rejected.</summary>
    public string? OptionsSha256 { get; init; }

    /// <summary>The threshold's numeric <c>value</c>, if the manifest has one.</summary>
    public double? ThresholdValue => Threshold?["value"] is JsonValue v && v.TryGetValue(out double d) && double.IsFinite(d) ? d : null;

    /// <summary>The manifest as JSON (indented).</summary>
    public string ToJson()
    {
        var root = new JsonObject
        {
            ["format"] = FormatName,
            ["formatVersion"] = FormatVersion,
            ["detector"] = Detector,
            ["stateVersion"] = StateVersion,
            ["options"] = Options.DeepClone(),
            ["vigilVersion"] = VigilVersion,
            ["gitCommit"] = GitCommit,
            ["createdUtc"] = CreatedUtc?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture),
        };
        if (TrainingData is { } data)
        {
            root["trainingData"] = new JsonObject
            {
                ["source"] = data.Source,
                ["firstRow"] = data.FirstRow,
                ["rowCount"] = data.RowCount,
                ["sha256"] = data.Sha256,
            };
        }

        root["normalization"] = Normalization?.DeepClone();
        root["calibrator"] = Calibrator?.DeepClone();
        root["threshold"] = Threshold?.DeepClone();
        var metrics = new JsonObject();
        foreach (var (name, value) in Metrics.OrderBy(m => m.Key, StringComparer.Ordinal))
        {
            metrics[name] = double.IsFinite(value) ? value : null;   // JSON has no NaN or infinity
        }

        root["metrics"] = metrics;
        root["trackingRunId"] = TrackingRunId;
        if (Harness is { } h)
        {
            root["harness"] = new JsonObject
            {
                ["probationRows"] = h.ProbationRows,
                ["inputMin"] = double.IsFinite(h.InputMin) ? h.InputMin : null,
                ["inputMax"] = double.IsFinite(h.InputMax) ? h.InputMax : null,
                ["refitEvery"] = h.RefitEvery,
                ["trainWindow"] = h.TrainWindow,
                ["rowsSeen"] = h.RowsSeen,
            };
        }

        root["integrity"] = new JsonObject { ["stateSha256"] = StateSha256, ["optionsSha256"] = OptionsSha256 };
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    /// <summary>Reads a manifest (format versions 1 and 2).</summary>
    /// <exception cref="InvalidDataException">Not a Vigil manifest, a newer format, or a field of the wrong type (named).</exception>
    public static ModelManifest Parse(string json)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(json);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"manifest.json is not valid JSON ({e.Message}).", e);
        }

        if (node is not JsonObject root)
        {
            throw new InvalidDataException("manifest.json is not a JSON object.");
        }

        try
        {
            return Parse(root);
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or JsonException)
        {
            throw new InvalidDataException($"manifest.json has a field of the wrong type ({e.Message}).", e);
        }
    }

    private static ModelManifest Parse(JsonObject root)
    {
        string? format = (string?)root["format"];
        if (format != FormatName)
        {
            throw new InvalidDataException($"Not a Vigil model: manifest format is '{format}', expected '{FormatName}'.");
        }

        int formatVersion = (int?)root["formatVersion"] ?? 0;
        if (formatVersion < 1)
        {
            throw new InvalidDataException($"manifest.json: formatVersion {formatVersion} is not valid.");
        }

        if (formatVersion > CurrentFormatVersion)
        {
            throw new InvalidDataException($"The model's format version {formatVersion} is newer than this Vigil reads (1..{CurrentFormatVersion}); upgrade Vigil to load it.");
        }

        string detector = (string?)root["detector"] is { Length: > 0 } d ? d : throw new InvalidDataException("manifest.json names no detector.");
        var options = root["options"] as JsonObject ?? throw new InvalidDataException("manifest.json: 'options' must be a JSON object.");
        var metrics = new SortedDictionary<string, double>(StringComparer.Ordinal);
        if (root["metrics"] is JsonObject m)
        {
            foreach (var (name, value) in m)
            {
                if (value is JsonValue v && v.TryGetValue(out double number))
                {
                    metrics[name] = number;
                }
                else if (value is null)
                {
                    metrics[name] = double.NaN;
                }
            }
        }

        TrainingDataInfo? data = root["trainingData"] is JsonObject t
            ? new TrainingDataInfo((string?)t["source"] ?? (string?)t["id"] ?? "", (int?)t["firstRow"] ?? 0, (int?)t["rowCount"] ?? (int?)t["length"] ?? 0, (string?)t["sha256"] ?? "")
            : null;
        HarnessContext? harness = root["harness"] is JsonObject h
            ? new HarnessContext((int?)h["probationRows"] ?? 0, (double?)h["inputMin"] ?? double.NaN, (double?)h["inputMax"] ?? double.NaN,
                (int?)h["refitEvery"] ?? 0, (int?)h["trainWindow"] ?? 0, (long?)h["rowsSeen"] ?? 0)
            : root["rowsSeen"] is JsonValue rows ? new HarnessContext(0, double.NaN, double.NaN, 0, 0, (long)rows) : null;   // format 1 kept only rowsSeen
        string? created = (string?)root["createdUtc"];
        return new ModelManifest
        {
            FormatVersion = formatVersion,
            Detector = detector,
            StateVersion = (int?)root["stateVersion"] ?? 0,
            Options = (JsonObject)options.DeepClone(),
            VigilVersion = (string?)root["vigilVersion"],
            GitCommit = (string?)root["gitCommit"],
            CreatedUtc = created is null ? null : DateTimeOffset.Parse(created, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal),
            TrainingData = data,
            Normalization = root["normalization"]?.DeepClone() as JsonObject,
            Calibrator = root["calibrator"]?.DeepClone() as JsonObject,
            Threshold = root["threshold"]?.DeepClone() as JsonObject,
            Metrics = metrics,
            TrackingRunId = (string?)root["trackingRunId"],
            Harness = harness,
            StateSha256 = (string?)root["integrity"]?["stateSha256"],
            OptionsSha256 = (string?)root["integrity"]?["optionsSha256"],
        };
    }
}
