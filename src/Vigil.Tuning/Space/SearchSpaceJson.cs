using System.Text.Json.Nodes;

namespace Vigil.Tuning.Space;

/// <summary>
/// A search space as JSON and back, exactly (every distribution, bound, step, choice and condition), so that a space
/// built from the command line or a YAML file can be handed to a study that lives in another process.
/// </summary>
public static class SearchSpaceJson
{
    /// <summary>The space as a JSON array, one object per parameter in declaration order.</summary>
    public static string Write(SearchSpace space)
    {
        ArgumentNullException.ThrowIfNull(space);
        var array = new JsonArray();
        foreach (var p in space.Parameters)
        {
            var o = new JsonObject { ["name"] = p.Name };
            switch (p)
            {
                case IntDistribution i:
                    o["kind"] = "int";
                    o["low"] = i.Low;
                    o["high"] = i.High;
                    o["step"] = i.Step;
                    o["log"] = i.Log;
                    break;
                case FloatDistribution f:
                    o["kind"] = "float";
                    o["low"] = f.Low;
                    o["high"] = f.High;
                    o["log"] = f.Log;
                    o["step"] = f.Step;
                    break;
                case CategoricalDistribution c:
                    o["kind"] = "categorical";
                    o["choices"] = new JsonArray(c.Choices.Select(v => (JsonNode?)v.DeepClone()).ToArray());
                    break;
                default:
                    throw new NotSupportedException($"Parameter '{p.Name}': no JSON form for {p.GetType().Name}.");
            }

            if (p.Condition is { } condition)
            {
                o["condition"] = new JsonObject
                {
                    ["parent"] = condition.Parent,
                    ["choices"] = new JsonArray(condition.Choices.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray()),
                };
            }

            array.Add(o);
        }

        return array.ToJsonString();
    }

    /// <summary>The space <see cref="Write"/> wrote.</summary>
    /// <exception cref="SearchSpaceException">The text is not such a space.</exception>
    public static SearchSpace Read(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var parameters = new List<ParameterDistribution>();
        try
        {
            if (JsonNode.Parse(json) is not JsonArray array)
            {
                throw new SearchSpaceException("", "Not a search space in JSON: expected an array of parameters.");
            }

            foreach (var node in array)
            {
                var o = node as JsonObject ?? throw new SearchSpaceException("", "Not a search space in JSON: a parameter is not an object.");
                string name = Required(o, "name").GetValue<string>();
                ParameterDistribution p = Required(o, "kind").GetValue<string>() switch
                {
                    "int" => new IntDistribution(name, Required(o, "low").GetValue<long>(), Required(o, "high").GetValue<long>(), Required(o, "step").GetValue<long>(), Required(o, "log").GetValue<bool>()),
                    "float" => new FloatDistribution(name, Required(o, "low").GetValue<double>(), Required(o, "high").GetValue<double>(), Required(o, "log").GetValue<bool>(), o["step"]?.GetValue<double>()),
                    "categorical" => new CategoricalDistribution(name, Required(o, "choices").AsArray().Select(v => (JsonValue)(v ?? throw new SearchSpaceException(name, $"'{name}': a null choice.")).AsValue().DeepClone()).ToArray()),
                    var kind => throw new SearchSpaceException(name, $"'{name}': unknown parameter kind '{kind}'."),
                };
                if (o["condition"] is JsonObject c)
                {
                    p = p with { Condition = new ParameterCondition(Required(c, "parent").GetValue<string>(), Required(c, "choices").AsArray().Select(v => v!.GetValue<string>()).ToArray()) };
                }

                parameters.Add(p);
            }
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException or FormatException)
        {
            throw e as SearchSpaceException ?? new SearchSpaceException("", $"Not a search space in JSON: {e.Message}");
        }

        return new SearchSpace(parameters);
    }

    private static JsonNode Required(JsonObject o, string key) =>
        o[key] ?? throw new SearchSpaceException(key, $"Not a search space in JSON: '{key}' is missing.");
}
