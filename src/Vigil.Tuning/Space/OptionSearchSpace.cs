using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text.Json.Nodes;
using Vigil.Validation;

namespace Vigil.Tuning.Space;

/// <summary>
/// Builds search spaces over a detector's options: from the ranges the options record declares
/// (<see cref="RangeAttribute"/>), narrowed by specs such as <c>32,64,128</c> or <c>1e-4..1e-2:log</c>, or read from a
/// declaration (the JSON form of a YAML space file). Every value is checked against the option's type and range.
/// </summary>
public static class OptionSearchSpace
{
    /// <summary>Every option with a declared range (the seed excepted), over that whole range.</summary>
    public static SearchSpace FromOptions(Type optionsType)
    {
        ArgumentNullException.ThrowIfNull(optionsType);
        return new SearchSpace(OptionProperty.Of(optionsType)
            .Where(p => p.Key != "seed" && (p.Range is not null || p.Info.PropertyType == typeof(bool) || p.Info.PropertyType.IsEnum))
            .Select(p => Derive(p, null))
            .ToArray());
    }

    /// <summary>
    /// A space from <c>key=spec</c> items (the command line's <c>--param</c>/<c>--grid</c>): <c>key</c> alone takes the
    /// option's declared range; <c>a,b,c</c> lists values; <c>lo..hi</c> is a range, with <c>:log</c> or <c>:step=S</c>.
    /// </summary>
    /// <exception cref="SearchSpaceException">Unknown key (with the closest names), bad value, range outside the declared one.</exception>
    public static SearchSpace Parse(Type optionsType, string detector, IEnumerable<string> items)
    {
        ArgumentNullException.ThrowIfNull(optionsType);
        ArgumentNullException.ThrowIfNull(items);
        var parameters = new List<ParameterDistribution>();
        foreach (string item in items)
        {
            int eq = item.IndexOf('=', StringComparison.Ordinal);
            string key = (eq < 0 ? item : item[..eq]).Trim();
            string? spec = eq < 0 ? null : item[(eq + 1)..].Trim();
            parameters.Add(Derive(Property(optionsType, detector, key), spec));
        }

        return new SearchSpace(parameters);
    }

    /// <summary>
    /// A space from a declaration: <c>{ "parameters": { key: spec } }</c> where a spec is a string as in
    /// <see cref="Parse"/>, a list of values, or an object <c>{ low, high, log, step, choices, when: { parent: [values] } }</c>.
    /// </summary>
    /// <exception cref="SearchSpaceException">As <see cref="Parse"/>; the key names the declaration entry (<c>parameters.hiddenUnits</c>).</exception>
    public static SearchSpace Read(Type optionsType, string detector, JsonObject declaration)
    {
        ArgumentNullException.ThrowIfNull(optionsType);
        ArgumentNullException.ThrowIfNull(declaration);
        foreach (var (key, _) in declaration)
        {
            if (key is not ("parameters" or "detector"))
            {
                throw new SearchSpaceException(key, $"unknown key '{key}': a space file has 'detector' (optional) and 'parameters'.");
            }
        }

        if (declaration["parameters"] is not JsonObject parameters || parameters.Count == 0)
        {
            throw new SearchSpaceException("parameters", "a space file needs a non-empty 'parameters' mapping of option: range.");
        }

        var list = new List<ParameterDistribution>();
        foreach (var (key, node) in parameters)
        {
            var property = Property(optionsType, detector, key, "parameters." + key);
            try
            {
                list.Add(node switch
                {
                    JsonArray array => Derive(property, string.Join(',', array.Select(v => v is JsonValue jv ? CategoricalDistribution.Text(jv) : v?.ToJsonString() ?? "null"))),
                    JsonObject spec => FromObject(property, spec),
                    JsonValue value => Derive(property, CategoricalDistribution.Text(value)),
                    _ => Derive(property, null),
                });
            }
            catch (SearchSpaceException e) when (e.Key != "parameters." + key)
            {
                throw new SearchSpaceException("parameters." + key, e.Message);
            }
        }

        return new SearchSpace(list);
    }

    private static ParameterDistribution FromObject(OptionProperty property, JsonObject spec)
    {
        string key = property.Key;
        foreach (var (name, _) in spec)
        {
            if (name is not ("low" or "high" or "log" or "step" or "choices" or "when"))
            {
                var close = ClosestNames.To(name, ["low", "high", "log", "step", "choices", "when"]);
                throw new SearchSpaceException(key, $"'{key}': unknown key '{name}'{(close.Count > 0 ? $" (did you mean '{close[0]}'?)" : "")}; use low, high, log, step, choices, when.");
            }
        }

        ParameterDistribution distribution;
        if (spec["choices"] is JsonArray choices)
        {
            distribution = Derive(property, string.Join(',', choices.Select(v => v is JsonValue jv ? CategoricalDistribution.Text(jv) : "null")));
        }
        else
        {
            string low = spec["low"] is JsonValue l ? CategoricalDistribution.Text(l) : throw new SearchSpaceException(key, $"'{key}': give 'low' and 'high', or 'choices'.");
            string high = spec["high"] is JsonValue h ? CategoricalDistribution.Text(h) : throw new SearchSpaceException(key, $"'{key}': give 'low' and 'high', or 'choices'.");
            string text = $"{low}..{high}";
            if (spec["log"] is JsonValue lg && lg.TryGetValue(out bool isLog) && isLog)
            {
                text += ":log";
            }

            if (spec["step"] is JsonValue st)
            {
                text += ":step=" + CategoricalDistribution.Text(st);
            }

            distribution = Derive(property, text);
        }

        if (spec["when"] is JsonObject when)
        {
            if (when.Count != 1 || when.First().Value is not JsonArray values)
            {
                throw new SearchSpaceException(key, $"'{key}': 'when' takes one parent and its values, e.g. when: {{ layers: [2, 3] }}.");
            }

            distribution = distribution with
            {
                Condition = new ParameterCondition(when.First().Key, values.Select(v => v is JsonValue jv ? CategoricalDistribution.Text(jv) : "null").ToArray()),
            };
        }

        return distribution;
    }

    private static OptionProperty Property(Type optionsType, string detector, string key, string? reportedKey = null)
    {
        var properties = OptionProperty.Of(optionsType);
        var property = properties.FirstOrDefault(p => string.Equals(p.Key, key, StringComparison.OrdinalIgnoreCase));
        if (property is null)
        {
            var close = ClosestNames.To(key, properties.Select(p => p.Key));
            throw new SearchSpaceException(reportedKey ?? key,
                $"unknown parameter '{key}' for '{detector}'{(close.Count > 0 ? $"; did you mean '{close[0]}'?" : ".")} Tunable options: {string.Join(", ", properties.Where(p => p.Key != "seed").Select(p => p.Key))}.");
        }

        return property;
    }

    /// <summary>The distribution of one option: its declared range when <paramref name="spec"/> is null, else the spec checked against it.</summary>
    private static ParameterDistribution Derive(OptionProperty property, string? spec)
    {
        string key = property.Key;
        var type = property.Info.PropertyType;
        var range = property.Range;
        bool isInt = type == typeof(int) || type == typeof(long);
        bool isFloat = type == typeof(double) || type == typeof(float);
        if (!isInt && !isFloat && type != typeof(bool) && !type.IsEnum && type != typeof(string))
        {
            throw new SearchSpaceException(key, $"'{key}' is not a number, boolean, choice or text option, so it cannot be tuned.");
        }

        if (string.IsNullOrWhiteSpace(spec))
        {
            if (type == typeof(bool))
            {
                return new CategoricalDistribution(key, [JsonValue.Create(false), JsonValue.Create(true)]);
            }

            if (type.IsEnum)
            {
                return new CategoricalDistribution(key, Enum.GetNames(type).Select(n => JsonValue.Create(OptionProperty.JsonKey(n))).ToArray());
            }

            if (range is null)
            {
                throw new SearchSpaceException(key, $"'{key}' declares no range; give one, e.g. {key}=1..10 or {key}=a,b.");
            }

            double min = Convert.ToDouble(range.Minimum, CultureInfo.InvariantCulture), max = Convert.ToDouble(range.Maximum, CultureInfo.InvariantCulture);
            return isInt
                ? new IntDistribution(key, (long)min, (long)max, 1, min >= 1 && max / min >= 1000)
                : new FloatDistribution(key, min, max, min > 0 && max / min >= 1000);
        }

        int dots = spec.IndexOf("..", StringComparison.Ordinal);
        if (dots >= 0)
        {
            if (!isInt && !isFloat)
            {
                throw new SearchSpaceException(key, $"'{key}' is not numeric: list its values instead of a range, e.g. {key}=a,b.");
            }

            string[] parts = spec[(dots + 2)..].Split(':');
            string lowText = spec[..dots], highText = parts[0];
            bool log = false;
            double? step = null;
            foreach (string modifier in parts.Skip(1))
            {
                if (modifier == "log")
                {
                    log = true;
                }
                else if (modifier.StartsWith("step=", StringComparison.Ordinal) && double.TryParse(modifier[5..], NumberStyles.Float, CultureInfo.InvariantCulture, out double s))
                {
                    step = s;
                }
                else
                {
                    throw new SearchSpaceException(key, $"'{key}': unknown range modifier ':{modifier}' (use :log or :step=S).");
                }
            }

            double low = Number(key, lowText, isInt), high = Number(key, highText, isInt);
            CheckDeclared(property, low);
            CheckDeclared(property, high);
            if (isInt)
            {
                if (step is { } st && st != Math.Floor(st))
                {
                    throw new SearchSpaceException(key, $"'{key}' is an integer option: its step must be a whole number.");
                }

                return new IntDistribution(key, (long)low, (long)high, (long)(step ?? 1), log);
            }

            return new FloatDistribution(key, low, high, log, step);
        }

        var values = new List<JsonValue>();
        foreach (string raw in spec.Split(','))
        {
            string text = raw.Trim();
            if (isInt || isFloat)
            {
                double v = Number(key, text, isInt);
                CheckDeclared(property, v);
                values.Add(isInt ? JsonValue.Create((long)v) : JsonValue.Create(v));
            }
            else if (type == typeof(bool))
            {
                values.Add(bool.TryParse(text, out bool b) ? JsonValue.Create(b) : throw new SearchSpaceException(key, $"'{key}' takes true or false, got '{text}'."));
            }
            else if (type.IsEnum)
            {
                var names = Enum.GetNames(type).Select(OptionProperty.JsonKey).ToArray();
                string? match = names.FirstOrDefault(n => string.Equals(n, text, StringComparison.OrdinalIgnoreCase));
                if (match is null)
                {
                    throw new SearchSpaceException(key, $"'{key}' takes one of {string.Join(", ", names)}; got '{text}'.");
                }

                values.Add(JsonValue.Create(match));
            }
            else
            {
                values.Add(JsonValue.Create(text));
            }
        }

        if (values.Select(CategoricalDistribution.Text).Distinct(StringComparer.Ordinal).Count() != values.Count)
        {
            throw new SearchSpaceException(key, $"'{key}': a value is listed twice in '{spec}'.");
        }

        return new CategoricalDistribution(key, values);
    }

    private static double Number(string key, string text, bool integer)
    {
        if (!double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || !double.IsFinite(v))
        {
            throw new SearchSpaceException(key, $"'{key}': '{text}' is not a number.");
        }

        if (integer && v != Math.Floor(v))
        {
            throw new SearchSpaceException(key, string.Create(CultureInfo.InvariantCulture, $"'{key}' is an integer option; got {v}."));
        }

        return v;
    }

    private static void CheckDeclared(OptionProperty property, double value)
    {
        if (property.Range is { } r)
        {
            double min = Convert.ToDouble(r.Minimum, CultureInfo.InvariantCulture), max = Convert.ToDouble(r.Maximum, CultureInfo.InvariantCulture);
            if (value < min || value > max)
            {
                throw new SearchSpaceException(property.Key, string.Create(CultureInfo.InvariantCulture,
                    $"'{property.Key}': {value} is outside the option's allowed range {property.DescribeRange()}."));
            }
        }
    }
}
