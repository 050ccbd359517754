using System.Globalization;
using System.Text.Json.Nodes;
using Vigil.Tuning.Space;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Vigil.Cli.Input;

/// <summary>Reads a search-space file (YAML, docs/tuning.md) into a <see cref="SearchSpace"/>; errors name file and line.</summary>
public static class SpaceFileInput
{
    /// <summary>Loads <paramref name="path"/> for the options of <paramref name="detector"/>.</summary>
    /// <exception cref="CliUsageException">Missing file, invalid YAML, or an invalid space (with the line of the key at fault).</exception>
    public static SearchSpace Load(string path, Type optionsType, string detector)
    {
        if (!File.Exists(path))
        {
            throw new CliUsageException($"Search space file not found: {path}");
        }

        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(File.ReadAllText(path)));
        }
        catch (YamlException ex)
        {
            throw new CliUsageException($"{path}:{ex.Start.Line}: invalid YAML: {ex.Message}");
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new CliUsageException($"{path}: a space file is a YAML mapping with 'parameters'.");
        }

        var lines = new Dictionary<string, long>(StringComparer.Ordinal);
        var json = (JsonObject)ToJson(root, "", lines)!;
        if (json["detector"] is JsonValue named && named.TryGetValue(out string? d) && !string.Equals(d, detector, StringComparison.Ordinal))
        {
            throw new CliUsageException($"{path}:{lines.GetValueOrDefault("detector")}: this space is for '{d}', not '{detector}'.");
        }

        try
        {
            return OptionSearchSpace.Read(optionsType, detector, json);
        }
        catch (SearchSpaceException e)
        {
            long line = lines.GetValueOrDefault(e.Key, lines.GetValueOrDefault("parameters." + e.Key, 0));
            throw new CliUsageException(line > 0 ? string.Create(CultureInfo.InvariantCulture, $"{path}:{line}: {e.Message}") : $"{path}: {e.Message}");
        }
    }

    private static JsonNode? ToJson(YamlNode node, string prefix, Dictionary<string, long> lines)
    {
        switch (node)
        {
            case YamlMappingNode map:
                var obj = new JsonObject();
                foreach (var (k, v) in map.Children)
                {
                    string key = ((YamlScalarNode)k).Value ?? "";
                    string full = prefix.Length == 0 ? key : prefix + "." + key;
                    lines[full] = k.Start.Line;
                    obj[key] = ToJson(v, full, lines);
                }

                return obj;
            case YamlSequenceNode seq:
                return new JsonArray(seq.Children.Select(c => ToJson(c, prefix, lines)).ToArray());
            case YamlScalarNode { Style: ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted } s:
                return JsonValue.Create(s.Value);
            case YamlScalarNode s:
                string text = s.Value ?? "";
                if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double number) && !text.Contains("..", StringComparison.Ordinal))
                {
                    return long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out long l) ? JsonValue.Create(l) : JsonValue.Create(number);
                }

                return text switch
                {
                    "true" => JsonValue.Create(true),
                    "false" => JsonValue.Create(false),
                    "" or "null" or "~" => null,
                    _ => JsonValue.Create(text),
                };
            default:
                return null;
        }
    }
}
