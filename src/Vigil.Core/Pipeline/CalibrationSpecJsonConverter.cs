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
        var spec = document.RootElement.Deserialize<Surrogate>(ObjectOptions) ?? throw new JsonException("A calibration spec cannot be null.");
        var result = spec.ToSpec();
        var errors = result.Validate().ToList();
        if (errors.Count > 0)
        {
            throw new JsonException(string.Join(" ", errors.Select(e => $"{e.Key}: {e.Message}")));
        }

        return result;
    }

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

        public double SmoothingAlpha { get; init; } = 1.0;

        public bool BoundRawScores { get; init; }

        public static Surrogate From(CalibrationSpec s) => new()
        {
            Method = s.Method, AveragingWindow = s.AveragingWindow, HistoricWindow = s.HistoricWindow, ReestimationPeriod = s.ReestimationPeriod,
            TwoSided = s.TwoSided, LogScale = s.LogScale, SmoothingAlpha = s.SmoothingAlpha, BoundRawScores = s.BoundRawScores,
        };

        public CalibrationSpec ToSpec() => new()
        {
            Method = Method, AveragingWindow = AveragingWindow, HistoricWindow = HistoricWindow, ReestimationPeriod = ReestimationPeriod,
            TwoSided = TwoSided, LogScale = LogScale, SmoothingAlpha = SmoothingAlpha, BoundRawScores = BoundRawScores,
        };
    }
}
