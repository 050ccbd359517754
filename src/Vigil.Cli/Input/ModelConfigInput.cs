using System.Text.Json;
using System.Text.Json.Nodes;
using Vigil.Configuration;
using Vigil.Detection;
using Vigil.Validation;

namespace Vigil.Cli.Input;

/// <summary>
/// Reads <c>configs/model_config.yaml</c> (docs/model-config.md; docs/model-format.md, "Training configuration"):
/// <see cref="Apply"/> lays a detector's section under a command's options (an options file and <c>--set</c> override
/// it; <c>--config none</c> ignores the file); <see cref="Read"/> gives every configured section for <c>vigil train</c>,
/// ignoring provenance keys and naming the file and key of any unknown option.
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

    /// <summary>Keys that record where values came from, not options.</summary>
    public static IReadOnlySet<string> ProvenanceKeys { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "source", "provenance", "origin", "tuned", "tunedOn", "tunedWith", "trials", "score", "metric", "objective", "study", "date", "note", "notes", "comment",
    };

    /// <summary>The sections for <paramref name="only"/> (every section known to the registry when null), in file order.</summary>
    /// <param name="path">The YAML file.</param>
    /// <param name="registry">Known detectors.</param>
    /// <param name="only">Detectors asked for; each must have a section.</param>
    /// <param name="warn">Told about sections of detectors this build does not know (skipped).</param>
    /// <exception cref="CliUsageException">A bad file, a missing section, or an unknown option (names the file and key).</exception>
    public static IReadOnlyList<(string Detector, JsonElement? Options)> Read(string path, DetectorRegistry registry, IReadOnlyList<string>? only, Action<string> warn)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(warn);
        var root = DetectorOptionsInput.LoadYaml(path);
        var result = new List<(string, JsonElement?)>();
        var wanted = only ?? root.Select(kv => kv.Key).ToList();
        foreach (string name in wanted)
        {
            if (!registry.Contains(name))
            {
                if (only is null)
                {
                    warn($"{path}: section '{name}' is not a detector this build knows; skipped.");
                    continue;
                }

                registry.Get(name);   // throws with close matches
            }

            if (!root.TryGetPropertyValue(name, out var section))
            {
                throw new CliUsageException($"{path} has no section '{name}' (sections: {string.Join(", ", root.Select(kv => kv.Key))}).");
            }

            // The tuner's layout (docs/model-config.md) nests the options under `parameters:` beside `provenance:`.
            if (section is JsonObject withParameters && withParameters.ContainsKey("parameters"))
            {
                section = withParameters["parameters"] ?? new JsonObject();
            }

            var optionKeys = OptionProperty.Of(registry.Get(name).OptionsType).Select(p => p.Key).ToHashSet(StringComparer.OrdinalIgnoreCase);
            var options = new JsonObject();
            if (section is JsonObject map)
            {
                foreach (var (key, value) in map)
                {
                    bool provenance = !optionKeys.Contains(key) && (key.StartsWith('_') || ProvenanceKeys.Contains(key) || value is JsonObject or JsonArray);
                    if (!provenance)
                    {
                        options[key] = value?.DeepClone();   // unknown keys reach the binder, which names the closest options
                    }
                }
            }
            else if (section is not null)
            {
                throw new CliUsageException($"{path}: section '{name}' must be a map of option: value.");
            }

            try
            {
                var json = JsonSerializer.SerializeToElement(options);
                OptionsBinder.Bind(registry.Get(name), json);   // every error of the section, with the file named
                result.Add((name, json));
            }
            catch (OptionsValidationException e)
            {
                // A file in the tuner's strict layout can name the line of each bad value; any other layout names the section.
                ModelConfigFile? strict = null;
                try
                {
                    strict = ModelConfigFile.Load(path);
                }
                catch (ModelConfigException)
                {
                }

                strict?.OptionsFor(registry.Get(name));   // throws with file:line per bad value
                throw new CliUsageException($"{path}, section '{name}': {e.Message}");
            }
        }

        return result;
    }
}
