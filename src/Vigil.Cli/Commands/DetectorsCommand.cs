using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Spectre.Console;
using Vigil.Detection;
using Vigil.Validation;

namespace Vigil.Cli.Commands;

/// <summary><c>vigil detectors list</c>: every registered detector with its options and defaults.</summary>
public static class DetectorsCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var format = new Option<string>("--format") { Description = "table or json.", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json");
        var json = CommonOptions.Json();
        var list = new Command("list", "List every registered detector with its options, defaults and valid ranges.") { format, json };
        list.SetAction(parse =>
        {
            if (parse.GetValue(format) == "json" || parse.GetValue(json))
            {
                Rendering.ScoresJsonWriter.WriteRaw(context.Out, ToJson(context.Registry));
            }
            else
            {
                Render(context);
            }

            return CliExitCode.Ok;
        });

        return new Command("detectors", "Inspect the registered detectors.") { list };
    }

    private static void Render(CliContext context)
    {
        var table = new Table().Border(TableBorder.Rounded).AddColumns("detector", "kind", "options (default, range)", "what it does");
        foreach (var d in context.Registry.All)
        {
            var defaults = d.DefaultOptions();
            var lines = OptionProperty.Of(d.OptionsType).Select(p =>
                $"{p.Key} = {Format(p.Info.GetValue(defaults))}" + (p.Range is not null ? $"  {p.DescribeRange()}" : AllowedValues(p) is { } values ? $"  ({string.Join(" | ", values)})" : ""));
            table.AddRow(new Text(d.Name), new Text(KindOf(d)), new Text(string.Join('\n', lines)), new Text(d.Summary));
        }

        context.Out.Write(table);
    }

    private static JsonArray ToJson(DetectorRegistry registry) => new(registry.All.Select(d =>
    {
        var defaults = d.DefaultOptions();
        return (JsonNode)new JsonObject
        {
            ["name"] = d.Name,
            ["kind"] = KindOf(d),
            ["summary"] = d.Summary,
            ["stateVersion"] = d.StateVersion,
            ["options"] = new JsonArray(OptionProperty.Of(d.OptionsType).Select(p => (JsonNode)WithoutAbsent(new JsonObject
            {
                ["key"] = p.Key,
                ["type"] = TypeWord(p.Info.PropertyType),
                ["nullable"] = Nullable.GetUnderlyingType(p.Info.PropertyType) is not null ? true : null,
                ["values"] = AllowedValues(p) is { } values ? new JsonArray(values.Select(v => (JsonNode)JsonValue.Create(v)).ToArray()) : null,
                ["default"] = JsonSerializer.SerializeToNode(p.Info.GetValue(defaults), p.Info.PropertyType, OptionsBinder.JsonOptions),
                ["min"] = p.Range is null ? null : JsonValue.Create(Convert.ToDouble(p.Range.Minimum, CultureInfo.InvariantCulture)),
                ["max"] = p.Range is null ? null : JsonValue.Create(Convert.ToDouble(p.Range.Maximum, CultureInfo.InvariantCulture)),
            })).ToArray()),
        };
    }).ToArray());

    /// <summary>
    /// The protocol the detector implements (<c>batch</c> = fit then score, <c>streaming</c> = point by point). The
    /// conformance kit checks that every detector's instances implement exactly the protocol its descriptor declares.
    /// </summary>
    internal static string KindOf(DetectorDescriptor descriptor) => descriptor.Kind == DetectorKind.Batch ? "batch" : "streaming";

    /// <summary>A JSON-schema-like word for an option's type: integer, number, boolean, string, enum.</summary>
    internal static string TypeWord(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type switch
        {
            _ when type == typeof(int) || type == typeof(long) || type == typeof(short) || type == typeof(uint) || type == typeof(ulong) => "integer",
            _ when type == typeof(double) || type == typeof(float) || type == typeof(decimal) => "number",
            _ when type == typeof(bool) => "boolean",
            _ when type == typeof(string) => "string",
            { IsEnum: true } => "enum",
            { IsArray: true } => "array",
            _ => "object",
        };
    }

    /// <summary>The values an enum option accepts, as written in options files; null for other options.</summary>
    internal static IReadOnlyList<string>? AllowedValues(OptionProperty property)
    {
        var type = Nullable.GetUnderlyingType(property.Info.PropertyType) ?? property.Info.PropertyType;
        return type.IsEnum ? Enum.GetNames(type).Select(OptionProperty.JsonKey).ToArray() : null;
    }

    /// <summary>Drops the keys that do not apply to an option (<c>nullable</c>, <c>values</c>), keeping <c>default</c>, <c>min</c> and <c>max</c> as before.</summary>
    private static JsonObject WithoutAbsent(JsonObject option)
    {
        foreach (string key in new[] { "nullable", "values" })
        {
            if (option[key] is null)
            {
                option.Remove(key);
            }
        }

        return option;
    }

    private static string Format(object? value) => value switch
    {
        null => "null",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        Enum e => OptionProperty.JsonKey(e.ToString()),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
