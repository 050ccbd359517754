using System.Text.Json;
using System.Text.Json.Serialization;
using Vigil.Validation;

namespace Vigil.Pipeline;

/// <summary>Reads a <see cref="CalibrationSpec"/> from an object or a bare method name; writes an object.</summary>
/// <remarks>Unknown keys and out-of-range values are errors that name the key, as for detector options.</remarks>
public sealed class CalibrationSpecJsonConverter : JsonConverter<CalibrationSpec>
{
    /// <summary>Settings for the spec's own properties: camelCase, the method in kebab case, unknown keys rejected.</summary>
    internal static JsonSerializerOptions ObjectOptions { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false) },
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    /// <inheritdoc />
    public override CalibrationSpec Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            try
            {
                return new CalibrationSpec { Method = CalibrationSpec.ParseMethod(reader.GetString()!) };
            }
            catch (FormatException e)
            {
                throw new JsonException(e.Message);
            }
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException($"A calibration is a method name ({string.Join(", ", CalibrationSpec.MethodNames)}) or an object, not {reader.TokenType}.");
        }

        using var document = JsonDocument.ParseValue(ref reader);
        var errors = new List<OptionError>();
        return Bind(document.RootElement, "calibration", errors)
            ?? throw new JsonException(string.Join(" ", errors.Select(e => $"{e.Key}: {e.Message}")));
    }

    /// <summary>
    /// Reads a spec from <paramref name="element"/> (a method name or an object), reporting every problem as an
    /// <see cref="OptionError"/> keyed by <paramref name="key"/> and the spec's own key (e.g.
    /// <c>calibration.historicWindow</c>): an unknown key with the closest valid one, a value of the wrong type, an
    /// unknown method, a value out of range. Returns null when there was any.
    /// </summary>
    /// <param name="element">The JSON value.</param>
    /// <param name="key">The options key holding the spec, e.g. <c>calibration</c>.</param>
    /// <param name="errors">Receives the problems.</param>
    public static CalibrationSpec? Bind(JsonElement element, string key, ICollection<OptionError> errors)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(errors);
        string methods = string.Join(", ", CalibrationSpec.MethodNames);
        if (element.ValueKind == JsonValueKind.String && element.GetString()!.TrimStart().StartsWith('{'))
        {
            // A spec object written as text, as a configuration file's flow mapping or a shell argument arrives.
            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(element.GetString()!);
            }
            catch (JsonException e)
            {
                errors.Add(new OptionError(key, $"not a valid JSON object: {e.Message}"));
                return null;
            }

            using (document)
            {
                return Bind(document.RootElement, key, errors);
            }
        }

        if (element.ValueKind == JsonValueKind.String)
        {
            try
            {
                return new CalibrationSpec { Method = CalibrationSpec.ParseMethod(element.GetString()!) };
            }
            catch (FormatException e)
            {
                errors.Add(new OptionError(key, e.Message));
                return null;
            }
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new OptionError(key, $"expected a calibration method ({methods}) or an object such as {{\"method\":\"likelihood\",\"averagingWindow\":10}}, got {element.ValueKind} '{element.GetRawText()}'."));
            return null;
        }

        // Check each member on its own first, so that the message names the key at fault.
        int before = errors.Count;
        foreach (var member in element.EnumerateObject())
        {
            if (!SpecKeys.TryGetValue(member.Name, out var known))
            {
                var close = ClosestNames.To(member.Name, SpecKeys.Keys);
                string hint = close.Count > 0 ? $" Did you mean '{close[0]}'?" : "";
                errors.Add(new OptionError($"{key}.{member.Name}", $"unknown calibration key.{hint} Valid keys: {string.Join(", ", SpecKeys.Keys)}."));
                continue;
            }

            string memberKey = $"{key}.{known.Name}";
            if (known.Type == typeof(CalibrationMethod))
            {
                if (member.Value.ValueKind != JsonValueKind.String)
                {
                    errors.Add(new OptionError(memberKey, $"expected one of {methods}, got {member.Value.ValueKind} '{member.Value.GetRawText()}'."));
                    continue;
                }

                try
                {
                    CalibrationSpec.ParseMethod(member.Value.GetString()!);
                }
                catch (FormatException e)
                {
                    errors.Add(new OptionError(memberKey, e.Message));
                }

                continue;
            }

            try
            {
                member.Value.Deserialize(known.Type, ObjectOptions);
            }
            catch (JsonException)
            {
                errors.Add(new OptionError(memberKey, $"expected {Vigil.Detection.OptionsBinder.Describe(known.Type)}, got {member.Value.ValueKind} '{member.Value.GetRawText()}'."));
            }
        }

        if (errors.Count > before)
        {
            return null;
        }

        var spec = element.Deserialize<Surrogate>(ObjectOptions)!.ToSpec();
        foreach (var error in spec.Validate())
        {
            // Validate names keys "calibration.<key>"; the spec may sit under another options key.
            errors.Add(error with { Key = key + error.Key["calibration".Length..] });
        }

        return errors.Count > before ? null : spec;
    }

    // The spec's JSON keys (camelCase, matched case-insensitively as options keys are) with their canonical spelling and type.
    private static readonly Dictionary<string, (string Name, Type Type)> SpecKeys = typeof(Surrogate).GetProperties()
        .ToDictionary(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name), p => (JsonNamingPolicy.CamelCase.ConvertName(p.Name), p.PropertyType), StringComparer.OrdinalIgnoreCase);

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, CalibrationSpec value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        JsonSerializer.Serialize(writer, Surrogate.From(value), ObjectOptions);
    }

    // The same fields without the converter attribute, so the serializer handles them member by member.
    private sealed record Surrogate
    {
        public CalibrationMethod Method { get; init; }

        public int AveragingWindow { get; init; } = CalibrationSpec.Defaults.AveragingWindow;

        public int HistoricWindow { get; init; } = CalibrationSpec.Defaults.HistoricWindow;

        public int ReestimationPeriod { get; init; } = CalibrationSpec.Defaults.ReestimationPeriod;

        public bool TwoSided { get; init; }

        public bool LogScale { get; init; } = true;

        public int RiseWindow { get; init; }

        public double SmoothingAlpha { get; init; } = 1.0;

        public bool BoundRawScores { get; init; }

        public static Surrogate From(CalibrationSpec s) => new()
        {
            Method = s.Method, AveragingWindow = s.AveragingWindow, HistoricWindow = s.HistoricWindow, ReestimationPeriod = s.ReestimationPeriod,
            TwoSided = s.TwoSided, LogScale = s.LogScale, RiseWindow = s.RiseWindow, SmoothingAlpha = s.SmoothingAlpha, BoundRawScores = s.BoundRawScores,
        };

        public CalibrationSpec ToSpec() => new()
        {
            Method = Method, AveragingWindow = AveragingWindow, HistoricWindow = HistoricWindow, ReestimationPeriod = ReestimationPeriod,
            TwoSided = TwoSided, LogScale = LogScale, RiseWindow = RiseWindow, SmoothingAlpha = SmoothingAlpha, BoundRawScores = BoundRawScores,
        };
    }
}
