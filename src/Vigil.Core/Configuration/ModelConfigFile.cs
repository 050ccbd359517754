using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Vigil.Detection;
using Vigil.IO;
using Vigil.Validation;

namespace Vigil.Configuration;

/// <summary>
/// <c>configs/model_config.yaml</c>: each detector's chosen parameters and their provenance, in a small, strict subset
/// of YAML (docs/model-config.md) — so that it can be read with exact line numbers and rewritten one section at a time
/// while every comment and every other section stays as it was:
/// <code>
/// # comments anywhere
/// htm:
///   parameters:
///     activationThreshold: 12
///   provenance:
///     study: "htm-nab"
/// </code>
/// </summary>
public sealed class ModelConfigFile
{
    /// <summary>The default location, relative to the working directory.</summary>
    public const string DefaultPath = "configs/model_config.yaml";

    private ModelConfigFile(string path, IReadOnlyList<ModelConfigSection> sections)
    {
        Path = path;
        Sections = sections;
    }

    /// <summary>The file read.</summary>
    public string Path { get; }

    /// <summary>The sections, in file order.</summary>
    public IReadOnlyList<ModelConfigSection> Sections { get; }

    /// <summary>The section of <paramref name="detector"/>, or null.</summary>
    public ModelConfigSection? Find(string detector) => Sections.FirstOrDefault(s => s.Detector == detector);

    /// <summary>Reads and parses <paramref name="path"/>.</summary>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    /// <exception cref="ModelConfigException">A line outside the format; the message names file and line.</exception>
    public static ModelConfigFile Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Model config not found: {path}", path);
        }

        return Parse(path, File.ReadAllText(path));
    }

    /// <summary>Parses <paramref name="text"/> (<paramref name="path"/> names it in errors).</summary>
    /// <exception cref="ModelConfigException">A line outside the format.</exception>
    public static ModelConfigFile Parse(string path, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sections = new List<ModelConfigSection>();
        string? detector = null;
        int header = 0;
        List<ModelConfigEntry>? parameters = null, provenance = null, current = null;
        string[] lines = text.Split('\n');

        void Close()
        {
            if (detector is not null)
            {
                sections.Add(new ModelConfigSection(detector, header, parameters!, provenance!));
            }
        }

        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i].TrimEnd('\r');
            int number = i + 1;
            string trimmed = line.Trim();
            if (trimmed.Length == 0 || trimmed.StartsWith('#'))
            {
                continue;
            }

            if (line.Contains('\t', StringComparison.Ordinal))
            {
                throw Error(path, number, "tabs are not allowed; indent with spaces (2 per level).");
            }

            int indent = line.Length - line.TrimStart(' ').Length;
            var (key, value, quoted) = SplitEntry(path, number, trimmed);
            switch (indent)
            {
                case 0:
                    if (value.Length > 0 && value != "{}")
                    {
                        throw Error(path, number, $"'{key}' must be a section: '{key}:' followed by 'parameters:' and 'provenance:' indented by 2 spaces.");
                    }

                    Close();
                    if (sections.Any(s => s.Detector == key))
                    {
                        throw Error(path, number, $"section '{key}' appears twice.");
                    }

                    detector = key;
                    header = number;
                    parameters = [];
                    provenance = [];
                    current = null;
                    break;
                case 2 when detector is not null:
                    if (key is not ("parameters" or "provenance"))
                    {
                        var close = ClosestNames.To(key, ["parameters", "provenance"]);
                        throw Error(path, number, $"unknown key '{key}' in section '{detector}'{(close.Count > 0 ? $"; closest: '{close[0]}'" : "")}. A section holds 'parameters' and 'provenance'.");
                    }

                    if (value.Length > 0 && value != "{}")
                    {
                        throw Error(path, number, $"'{key}' takes its entries on the following lines, indented by 4 spaces.");
                    }

                    current = key == "parameters" ? parameters : provenance;
                    break;
                case 4 when current is not null:
                    if (current.Any(e => e.Key == key))
                    {
                        throw Error(path, number, $"'{key}' appears twice in section '{detector}'.");
                    }

                    current.Add(new ModelConfigEntry(key, value, quoted, number));
                    break;
                default:
                    throw Error(path, number, "unexpected indentation: sections start in column 1, 'parameters:'/'provenance:' are indented by 2 spaces, their entries by 4.");
            }
        }

        Close();
        return new ModelConfigFile(path, sections);
    }

    /// <summary>
    /// The options of <paramref name="descriptor"/> in this file as a JSON object (null when the file has no section for
    /// it), with <paramref name="overrides"/> (an options file, <c>--set</c>) laid over them. Every key of the section
    /// must be an option of the detector, and the merged options are validated as a whole, so a bad value in the file
    /// that an override replaces is not an error.
    /// </summary>
    /// <param name="descriptor">The detector.</param>
    /// <param name="overrides">Options that take precedence over the file's; their errors are reported by key alone.</param>
    /// <exception cref="ModelConfigException">A key the detector does not know (the message names file, line and the closest key), or a value
    /// of the wrong type or out of range (file, line and key for a value from the file; key for an override; every one).</exception>
    /// <exception cref="OptionsValidationException">Only overrides are wrong: the binder's own error, as without a config file.</exception>
    public JsonObject? OptionsFor(DetectorDescriptor descriptor, JsonObject? overrides = null)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        var section = Find(descriptor.Name);
        if (section is null)
        {
            return null;
        }

        var keys = OptionProperty.Of(descriptor.OptionsType).Select(p => p.Key).ToArray();
        var json = new JsonObject();
        foreach (var entry in section.Parameters)
        {
            string? key = keys.FirstOrDefault(k => string.Equals(k, entry.Key, StringComparison.OrdinalIgnoreCase));
            if (key is null)
            {
                var close = ClosestNames.To(entry.Key, keys);
                throw Error(Path, entry.Line, $"'{entry.Key}' is not an option of '{descriptor.Name}'{(close.Count > 0 ? $"; closest: '{close[0]}'" : "")}. Options: {string.Join(", ", keys)}.");
            }

            json[key] = entry.Quoted ? JsonValue.Create(entry.Value) : Scalar(entry.Value);
        }

        foreach (var (key, value) in overrides ?? [])
        {
            // An override replaces the file's value whatever the case of its key.
            string? existing = json.Select(p => p.Key).FirstOrDefault(k => string.Equals(k, key, StringComparison.OrdinalIgnoreCase));
            json.Remove(existing ?? key);
            json[key] = value?.DeepClone();
        }

        // Values are checked here too (type, range, a calibration's inner keys), so that an error names the line that
        // holds the value; an error about no single key (or a key this section does not set) names the section's line.
        try
        {
            OptionsBinder.Bind(descriptor, JsonSerializer.SerializeToElement(json));
        }
        catch (OptionsValidationException e)
        {
            // An error belongs to the option at the root of its key (calibration.historicWindow → calibration).
            var overridden = new HashSet<string>(overrides?.Select(p => p.Key) ?? [], StringComparer.OrdinalIgnoreCase);
            static string Root(OptionError error) => error.Key.Split('.')[0];
            if (e.Errors.All(error => overridden.Contains(Root(error))))
            {
                throw;   // nothing wrong in the file: the overrides' errors, as they read without a config file
            }

            var lines = e.Errors.Select(error =>
            {
                string root = Root(error);
                if (overridden.Contains(root))
                {
                    return (Line: 0, Text: $"{error.Key}: {error.Message}");
                }

                int line = section.Parameters.FirstOrDefault(p => string.Equals(p.Key, root, StringComparison.OrdinalIgnoreCase))?.Line ?? section.Line;
                return (Line: line, Text: string.Create(CultureInfo.InvariantCulture, $"{Path}:{line}: {error.Key}: {error.Message}"));
            }).OrderBy(l => l.Line).Select(l => l.Text);
            throw new ModelConfigException(string.Join(Environment.NewLine, lines));
        }

        return json;
    }

    /// <summary>
    /// Writes <paramref name="detector"/>'s section of <paramref name="path"/> (creating the file if absent) atomically:
    /// the section's lines are replaced; every other line — other sections, comments above and between sections — is kept.
    /// </summary>
    /// <param name="path">The config file.</param>
    /// <param name="detector">Registry name.</param>
    /// <param name="parameters">Option values as JSON scalars.</param>
    /// <param name="provenance">Provenance entries, in order (study, metric, value, split, data, seed, date).</param>
    /// <exception cref="ModelConfigException">The existing file is not in the format (nothing is written then).</exception>
    public static void WriteSection(string path, string detector, JsonObject parameters, IReadOnlyList<KeyValuePair<string, string>> provenance)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentException.ThrowIfNullOrWhiteSpace(detector);
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(provenance);
        string text = File.Exists(path) ? File.ReadAllText(path) : "";
        var existing = Parse(path, text);   // refuse to rewrite a file we cannot read back
        var lines = text.Length == 0 ? new List<string>() : text.Split('\n').ToList();
        if (lines.Count > 0 && lines[^1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        var block = new List<string> { detector + ":", "  parameters:" };
        foreach (var (key, value) in parameters)
        {
            block.Add($"    {key}: {Format(value)}");
        }

        block.Add("  provenance:");
        foreach (var (key, value) in provenance)
        {
            block.Add($"    {key}: {(IsNumber(value) ? value : Quote(value))}");
        }

        var section = existing.Find(detector);
        if (section is null)
        {
            if (lines.Count > 0 && lines[^1].Trim().Length > 0)
            {
                lines.Add("");
            }

            lines.AddRange(block);
        }
        else
        {
            int start = section.Line - 1;
            int end = start + 1;
            while (end < lines.Count && !IsHeader(lines[end]))
            {
                end++;
            }

            // Comments and blank lines just above the next section belong to it.
            while (end > start + 1 && IsCommentOrBlank(lines[end - 1]))
            {
                end--;
            }

            lines.RemoveRange(start, end - start);
            lines.InsertRange(start, block);
        }

        AtomicFile.WriteAllText(path, string.Join('\n', lines) + "\n");
    }

    private static bool IsNumber(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) && double.IsFinite(d) && !text.Contains(' ', StringComparison.Ordinal);

    private static bool IsHeader(string line) => line.Length > 0 && line[0] != ' ' && line[0] != '#' && line.Trim().Length > 0;

    private static bool IsCommentOrBlank(string line) => line.Trim().Length == 0 || line.TrimStart().StartsWith('#');

    private static (string Key, string Value, bool Quoted) SplitEntry(string path, int line, string trimmed)
    {
        int colon = trimmed.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            throw Error(path, line, $"expected 'key: value', got '{trimmed}'.");
        }

        string key = trimmed[..colon].Trim();
        string rest = trimmed[(colon + 1)..].Trim();
        if (rest.StartsWith('"'))
        {
            try
            {
                int end = ClosingQuote(rest);
                return (key, JsonSerializer.Deserialize<string>(rest[..(end + 1)])!, true);
            }
            catch (JsonException)
            {
                throw Error(path, line, $"the quoted value of '{key}' is not a valid double-quoted string.");
            }
        }

        if (rest.StartsWith('\''))
        {
            int end = rest.IndexOf('\'', 1);
            if (end < 0)
            {
                throw Error(path, line, $"the quoted value of '{key}' has no closing quote.");
            }

            return (key, rest[1..end], true);
        }

        int hash = rest.IndexOf(" #", StringComparison.Ordinal);
        if (hash >= 0)
        {
            rest = rest[..hash].TrimEnd();
        }

        return (key, rest, false);
    }

    private static int ClosingQuote(string text)
    {
        for (int i = 1; i < text.Length; i++)
        {
            if (text[i] == '\\')
            {
                i++;
            }
            else if (text[i] == '"')
            {
                return i;
            }
        }

        throw new JsonException("unterminated");
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
            "true" or "True" => JsonValue.Create(true),
            "false" or "False" => JsonValue.Create(false),
            "null" or "~" or "" => null,
            _ => JsonValue.Create(text),
        };
    }

    private static string Format(JsonNode? value) => value switch
    {
        null => "null",
        JsonValue v when v.TryGetValue(out string? s) => Quote(s),
        JsonValue v when v.TryGetValue(out bool b) => b ? "true" : "false",
        JsonValue v when v.TryGetValue(out double d) => d.ToString("R", CultureInfo.InvariantCulture),
        _ => value.ToJsonString(),
    };

    private static string Quote(string text) => JsonSerializer.Serialize(text, QuoteOptions);

    private static readonly JsonSerializerOptions QuoteOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static ModelConfigException Error(string path, int line, string message) =>
        new(string.Create(CultureInfo.InvariantCulture, $"{path}:{line}: {message}"));
}
