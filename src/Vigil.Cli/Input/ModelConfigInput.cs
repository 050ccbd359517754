using System.Text.Json;
using System.Text.Json.Nodes;
using Vigil.Configuration;
using Vigil.Detection;
using Vigil.Validation;

namespace Vigil.Cli.Input;

/// <summary>
/// Reads <c>configs/model_config.yaml</c> (docs/model-config.md; docs/model-format.md, "Training configuration"):
/// <see cref="Apply"/> lays a detector's section under a command's options (an options file and <c>--set</c> override
/// it; <c>--config none</c> ignores the file); <see cref="Read"/> gives every configured section for <c>vigil train</c>.
/// Both read the file with <see cref="ModelConfigFile"/>, so errors name the file, line and key.
/// </summary>
public static class ModelConfigInput
{
    /// <summary>
    /// The options of <paramref name="detector"/>: its config section (from <paramref name="configPath"/>, else the
    /// default file when it exists) overlaid with <paramref name="options"/>.
    /// </summary>
    /// <exception cref="FileNotFoundException">An explicit config file is missing ("Model config not found: PATH").</exception>
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

        var overrides = options is { ValueKind: JsonValueKind.Object } given ? JsonNode.Parse(given.GetRawText())!.AsObject() : null;
        var merged = ModelConfigFile.Load(path).OptionsFor(detector, overrides);
        return merged is null ? options : JsonSerializer.SerializeToElement(merged);
    }

    /// <summary>
    /// The sections of <paramref name="path"/> for <paramref name="only"/> (every section of a detector the registry
    /// knows when null), in file order, each the options of its <c>parameters:</c> block (its <c>provenance:</c> is not
    /// read). The file is read by <see cref="ModelConfigFile"/>, the one reader of this format.
    /// </summary>
    /// <param name="path">The YAML file.</param>
    /// <param name="registry">Known detectors.</param>
    /// <param name="only">Detectors asked for; each must have a section.</param>
    /// <param name="warn">Told about sections of detectors this build does not know (skipped).</param>
    /// <exception cref="FileNotFoundException">The file is missing ("Model config not found: PATH").</exception>
    /// <exception cref="CliUsageException">A missing section, or a detector the registry does not know.</exception>
    /// <exception cref="ModelConfigException">A line outside the format, an unknown option or a bad value (file and line).</exception>
    public static IReadOnlyList<(string Detector, JsonElement? Options)> Read(string path, DetectorRegistry registry, IReadOnlyList<string>? only, Action<string> warn)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(warn);
        var file = ModelConfigFile.Load(path);   // a missing file: FileNotFoundException "Model config not found: PATH", exit 2
        var result = new List<(string, JsonElement?)>();
        foreach (string name in only ?? file.Sections.Select(s => s.Detector).ToList())
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

            var options = file.OptionsFor(registry.Get(name))
                ?? throw new CliUsageException($"{path} has no section '{name}' (sections: {string.Join(", ", file.Sections.Select(s => s.Detector))}).");
            result.Add((name, JsonSerializer.SerializeToElement(options)));
        }

        return result;
    }
}
