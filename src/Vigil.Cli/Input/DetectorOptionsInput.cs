using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Vigil.Cli.Input;

/// <summary>
/// Reads detector options from a JSON or YAML file (by extension) plus <c>--set key=value</c> overrides,
/// and hands them on as one JSON object. Binding and validation happen in the registry, which names every bad key.
/// </summary>
public static class DetectorOptionsInput
{
    /// <summary>Loads <paramref name="path"/> (may be null) and applies <paramref name="overrides"/>.</summary>
    /// <exception cref="CliUsageException">Missing file, unreadable JSON/YAML (with line), malformed override.</exception>
    public static JsonElement? Load(string? path, IReadOnlyList<string>? overrides)
    {
        JsonObject? root = null;
        if (path is not null)
        {
            if (!File.Exists(path))
            {
                throw new CliUsageException($"Options file not found: {path}");
            }

            string text = File.ReadAllText(path);
            root = Path.GetExtension(path).ToLowerInvariant() switch
            {
                ".yaml" or ".yml" => ParseYaml(path, text),
                _ => ParseJson(path, text),
            };
        }

        foreach (string item in overrides ?? [])
        {
            int eq = item.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw new CliUsageException($"--set '{item}': expected key=value, e.g. --set windowSize=500.");
            }

            root ??= new JsonObject();
            string key = item[..eq].Trim();
            root[key] = Value(key, item[(eq + 1)..].Trim());
        }

        return root is null ? null : JsonSerializer.SerializeToElement(root);
    }

    /// <summary>
    /// The options with <c>--calibrate METHOD</c> applied: the <c>calibration</c> key's method is replaced (its other
    /// settings kept when it is an object); unchanged when <paramref name="method"/> is null.
    /// </summary>
    /// <exception cref="CliUsageException">The method is not a calibration method.</exception>
    public static JsonElement? WithCalibration(JsonElement? options, string? method)
    {
        if (method is null)
        {
            return options;
        }

        string name = Vigil.Pipeline.CalibrationSpec.NameOf(Commands.CommonOptions.ParseCalibration(method));
        var root = options is { ValueKind: JsonValueKind.Object } o ? JsonNode.Parse(o.GetRawText())!.AsObject() : new JsonObject();
        string? key = root.Select(p => p.Key).FirstOrDefault(k => string.Equals(k, "calibration", StringComparison.OrdinalIgnoreCase));
        if (key is not null && root[key] is JsonObject spec)
        {
            spec["method"] = name;
        }
        else
        {
            root.Remove(key ?? "calibration");
            root["calibration"] = name;
        }

        return JsonSerializer.SerializeToElement(root);
    }

    private static JsonObject ParseJson(string path, string text)
    {
        try
        {
            return JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true }) as JsonObject
                   ?? throw new CliUsageException($"{path}: options must be a JSON object.");
        }
        catch (JsonException ex)
        {
            throw new CliUsageException($"{path}:{(ex.LineNumber ?? 0) + 1}: invalid JSON: {ex.Message}");
        }
    }

    private static JsonObject ParseYaml(string path, string text)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException ex)
        {
            throw new CliUsageException($"{path}:{ex.Start.Line}: invalid YAML: {ex.Message}");
        }

        if (stream.Documents.Count == 0)
        {
            return new JsonObject();
        }

        return ToJson(stream.Documents[0].RootNode) as JsonObject
               ?? throw new CliUsageException($"{path}: options must be a YAML mapping of key: value.");
    }

    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(kv =>
            KeyValuePair.Create(((YamlScalarNode)kv.Key).Value ?? "", ToJson(kv.Value)))),
        YamlSequenceNode seq => new JsonArray(seq.Children.Select(ToJson).ToArray()),
        YamlScalarNode { Style: ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted } s => JsonValue.Create(s.Value),
        YamlScalarNode s => Scalar(s.Value ?? ""),
        _ => null,
    };

    /// <summary>An unquoted scalar as JSON: integer, number, boolean, null, else string.</summary>
    /// <summary>
    /// A <c>--set</c> value: a JSON object or array when it starts with <c>{</c> or <c>[</c> (e.g.
    /// <c>calibration={"method":"likelihood","historicWindow":1000}</c>), else a scalar.
    /// </summary>
    private static JsonNode? Value(string key, string text)
    {
        if (!text.StartsWith('{') && !text.StartsWith('['))
        {
            return Scalar(text);
        }

        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException ex)
        {
            throw new CliUsageException($"--set {key}: invalid JSON value: {ex.Message}");
        }
    }

    private static JsonNode? Scalar(string text)
    {
        if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out long l))
        {
            return JsonValue.Create(l);
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) && double.IsFinite(d))
        {
            return JsonValue.Create(d);
        }

        return text switch
        {
            "true" or "True" or "TRUE" => JsonValue.Create(true),
            "false" or "False" or "FALSE" => JsonValue.Create(false),
            "null" or "~" or "" => null,
            _ => JsonValue.Create(text),
        };
    }
}
