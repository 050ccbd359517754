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
                $"{p.Key} = {Format(p.Info.GetValue(defaults))}" + (p.Range is null ? "" : $"  {p.DescribeRange()}"));
            table.AddRow(new Text(d.Name), new Text(d.Kind.ToString().ToLowerInvariant()), new Text(string.Join('\n', lines)), new Text(d.Summary));
        }

        context.Out.Write(table);
    }

    private static JsonArray ToJson(DetectorRegistry registry) => new(registry.All.Select(d =>
    {
        var defaults = d.DefaultOptions();
        return (JsonNode)new JsonObject
        {
            ["name"] = d.Name,
            ["kind"] = d.Kind.ToString().ToLowerInvariant(),
            ["summary"] = d.Summary,
            ["stateVersion"] = d.StateVersion,
            ["options"] = new JsonArray(OptionProperty.Of(d.OptionsType).Select(p => (JsonNode)new JsonObject
            {
                ["key"] = p.Key,
                ["type"] = p.Info.PropertyType.Name,
                ["default"] = JsonSerializer.SerializeToNode(p.Info.GetValue(defaults), p.Info.PropertyType, OptionsBinder.JsonOptions),
                ["min"] = p.Range is null ? null : JsonValue.Create(Convert.ToDouble(p.Range.Minimum, CultureInfo.InvariantCulture)),
                ["max"] = p.Range is null ? null : JsonValue.Create(Convert.ToDouble(p.Range.Maximum, CultureInfo.InvariantCulture)),
            }).ToArray()),
        };
    }).ToArray());

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
