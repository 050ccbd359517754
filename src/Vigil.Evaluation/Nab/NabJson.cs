using System.Globalization;
using System.Text.Json;
using Vigil.IO;

namespace Vigil.Evaluation.Nab;

/// <summary>Reads and writes the small nested JSON objects of NAB (thresholds, final results) the way NAB does: keys sorted, 4-space indentation.</summary>
internal static class NabJson
{
    /// <summary>Parses a JSON file, turning syntax errors into a <see cref="FormatException"/> naming the file.</summary>
    public static JsonDocument Parse(string path)
    {
        try
        {
            return JsonDocument.Parse(File.ReadAllBytes(path), new JsonDocumentOptions { AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new FormatException($"{path}: not valid JSON ({e.Message}).", e);
        }
    }

    /// <summary>Writes a two-level object of leaves atomically, sorting keys ordinally at every level.</summary>
    /// <remarks>
    /// Leaves are reference types and keys are sorted as arrays: sorted collections over value types would be
    /// compiled on first use in every short <c>vigil nab score</c> process (about a hundred methods).
    /// </remarks>
    public static void WriteNested<TLeaf>(string path, Dictionary<string, Dictionary<string, TLeaf>> data, Action<Utf8JsonWriter, TLeaf> writeLeaf)
        where TLeaf : class
    {
        AtomicFile.Write(path, stream =>
        {
            using var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, IndentSize = 4, NewLine = "\n" });
            writer.WriteStartObject();
            foreach (string outer in SortedKeys(data))
            {
                var inner = data[outer];
                writer.WriteStartObject(outer);
                foreach (string key in SortedKeys(inner))
                {
                    writer.WritePropertyName(key);
                    writeLeaf(writer, inner[key]);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndObject();
            writer.Flush();
            stream.WriteByte((byte)'\n');
        });
    }

    private static string[] SortedKeys<TValue>(Dictionary<string, TValue> dictionary)
        where TValue : class
    {
        var keys = new string[dictionary.Count];
        dictionary.Keys.CopyTo(keys, 0);
        Array.Sort(keys, StringComparer.Ordinal);
        return keys;
    }

    /// <summary>Writes a finite double as its shortest round-trip text, with <c>.0</c> on integral values as Python's json does.</summary>
    /// <exception cref="ArgumentException">The value is NaN or infinite (JSON has no such numbers).</exception>
    public static void WriteNumber(Utf8JsonWriter writer, double value)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentException($"Cannot write {value} to JSON; NAB values must be finite.", nameof(value));
        }

        string text = value.ToString("R", CultureInfo.InvariantCulture).Replace('E', 'e');
        if (text.IndexOfAny(['.', 'e']) < 0)
        {
            text += ".0";
        }

        writer.WriteRawValue(text, skipInputValidation: true);
    }

    /// <summary>A finite number property of <paramref name="element"/>, or a <see cref="FormatException"/> naming the file and key path.</summary>
    public static double Number(string path, JsonElement element, string name, string where)
    {
        if (element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number
            && double.IsFinite(value.GetDouble()))
        {
            return value.GetDouble();
        }

        throw new FormatException($"{path}: {where} needs a finite number '{name}'.");
    }
}
