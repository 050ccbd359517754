using System.Text.Json;
using System.Text.Json.Nodes;
using Vigil.Configuration;
using Vigil.Detection;

namespace Vigil.Cli.Input;

/// <summary>
/// Applies <c>configs/model_config.yaml</c> (or <c>--config FILE</c>) under a command's options: the detector's section
/// gives the base values, an options file and <c>--set</c> override them. <c>--config none</c> ignores the file.
/// </summary>
public static class ModelConfigInput
{
    /// <summary>
    /// The options of <paramref name="detector"/>: its config section (from <paramref name="configPath"/>, else the
    /// default file when it exists) overlaid with <paramref name="options"/>.
    /// </summary>
    /// <exception cref="CliUsageException">An explicit config file is missing.</exception>
    /// <exception cref="ModelConfigException">The file is malformed or names an unknown option (file, line, closest key).</exception>
    public static JsonElement? Apply(string? configPath, DetectorDescriptor detector, JsonElement? options)
    {
        ArgumentNullException.ThrowIfNull(detector);
        if (configPath is "none")
        {
            return options;
        }

        string? path = configPath ?? (File.Exists(ModelConfigFile.DefaultPath) ? ModelConfigFile.DefaultPath : null);
        if (path is null)
        {
            return options;
        }

        if (!File.Exists(path))
        {
            throw new CliUsageException($"Model config not found: {path}");
        }

        var merged = ModelConfigFile.Load(path).OptionsFor(detector);
        if (merged is null)
        {
            return options;
        }

        if (options is { ValueKind: JsonValueKind.Object } given)
        {
            foreach (var property in given.EnumerateObject())
            {
                merged[property.Name] = JsonNode.Parse(property.Value.GetRawText());
            }
        }

        return JsonSerializer.SerializeToElement(merged);
    }
}
