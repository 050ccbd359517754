using System.Text.Json;

namespace Vigil.Detectors.Ensemble;

/// <summary>One member of an ensemble as written in <see cref="EnsembleOptions.Members"/>: a registry name and optional JSON options.</summary>
/// <param name="Name">The registry name, e.g. <c>htm</c>.</param>
/// <param name="OptionsJson">A JSON object of options, or null for the member's defaults.</param>
public sealed record EnsembleMember(string Name, string? OptionsJson)
{
    /// <summary>
    /// Parses <c>name [{json}]; name [{json}]; …</c>, e.g. <c>artime; context-ose; htm {"variant":"r0"}</c>.
    /// </summary>
    /// <exception cref="FormatException">An empty member, or options that are not a JSON object (the member is named).</exception>
    public static IReadOnlyList<EnsembleMember> ParseList(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var members = new List<EnsembleMember>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i <= text.Length; i++)
        {
            char c = i < text.Length ? text[i] : ';';
            if (c == '{')
            {
                depth++;
            }
            else if (c == '}')
            {
                depth--;
            }
            else if (c == ';' && depth == 0)
            {
                members.Add(ParseOne(text[start..i], members.Count));
                start = i + 1;
            }
        }

        return members;
    }

    private static EnsembleMember ParseOne(string text, int index)
    {
        string trimmed = text.Trim();
        int brace = trimmed.IndexOf('{', StringComparison.Ordinal);
        string name = (brace < 0 ? trimmed : trimmed[..brace]).Trim();
        if (name.Length == 0)
        {
            throw new FormatException($"member {index + 1} has no detector name (write 'name' or 'name {{json options}}', separated by ';').");
        }

        if (brace < 0)
        {
            return new EnsembleMember(name, null);
        }

        string json = trimmed[brace..];
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException($"member '{name}': options must be a JSON object.");
            }
        }
        catch (JsonException e)
        {
            throw new FormatException($"member '{name}': options are not valid JSON ({e.Message}).");
        }

        return new EnsembleMember(name, json);
    }
}
