using System.Text.Json;
using System.Text.Json.Serialization;
using Vigil.Validation;

namespace Vigil.Detection;

/// <summary>
/// Turns a JSON object into a detector's options record, collecting every problem (unknown key with
/// the closest valid keys, wrong type, value out of range) before throwing once.
/// </summary>
public static class OptionsBinder
{
    /// <summary>Serializer settings for options: camelCase, enums as camelCase strings.</summary>
    public static JsonSerializerOptions JsonOptions { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        WriteIndented = true,
    };

    /// <summary>Binds <paramref name="json"/> (null = all defaults) onto a new options record.</summary>
    /// <exception cref="OptionsValidationException">Every unknown key, wrong type and out-of-range value.</exception>
    public static DetectorOptions Bind(DetectorDescriptor descriptor, JsonElement? json)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        var options = descriptor.DefaultOptions();
        var errors = new List<OptionError>();
        var properties = OptionProperty.Of(descriptor.OptionsType);

        if (json is { } element && element.ValueKind != JsonValueKind.Null && element.ValueKind != JsonValueKind.Undefined)
        {
            if (element.ValueKind != JsonValueKind.Object)
            {
                throw new OptionsValidationException(descriptor.Name, [new OptionError("(root)", $"options must be a JSON object, got {element.ValueKind}.")]);
            }

            foreach (var member in element.EnumerateObject())
            {
                var property = properties.FirstOrDefault(p => string.Equals(p.Key, member.Name, StringComparison.OrdinalIgnoreCase));
                if (property is null)
                {
                    var close = ClosestNames.To(member.Name, properties.Select(p => p.Key));
                    string hint = close.Count > 0 ? $" Did you mean '{close[0]}'?" : "";
                    errors.Add(new OptionError(member.Name, $"unknown option for '{descriptor.Name}'.{hint} Valid keys: {string.Join(", ", properties.Select(p => p.Key))}."));
                    continue;
                }

                if (property.Info.PropertyType == typeof(Vigil.Pipeline.CalibrationSpec))
                {
                    // Bound key by key, so that an error names e.g. calibration.historicWindow rather than the whole object.
                    if (Vigil.Pipeline.CalibrationSpecJsonConverter.Bind(member.Value, property.Key, errors) is { } spec)
                    {
                        property.Info.SetValue(options, spec);
                    }

                    continue;
                }

                try
                {
                    object? value = member.Value.Deserialize(property.Info.PropertyType, JsonOptions);
                    property.Info.SetValue(options, value);
                }
                catch (Exception ex) when (ex is JsonException or NotSupportedException or InvalidOperationException or ArgumentException)
                {
                    errors.Add(new OptionError(property.Key, $"expected {Describe(property.Info.PropertyType)}, got {member.Value.ValueKind} '{member.Value.GetRawText()}'."));
                }
            }
        }

        if (errors.Count == 0)
        {
            errors.AddRange(options.Validate());
        }
        else
        {
            // Range errors of keys that did bind are still worth reporting alongside the key errors.
            errors.AddRange(options.Validate().Where(e => errors.All(k => k.Key != e.Key)));
        }

        if (errors.Count > 0)
        {
            throw new OptionsValidationException(descriptor.Name, errors);
        }

        return options;
    }

    /// <summary>The options as a JSON object (camelCase), e.g. to record a run's parameters.</summary>
    public static string ToJson(DetectorOptions options) =>
        JsonSerializer.Serialize(options, options.GetType(), JsonOptions);

    /// <summary>What a value of <paramref name="type"/> looks like in JSON, for "expected ..." messages.</summary>
    internal static string Describe(Type type)
    {
        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            return Describe(underlying) + " or null";
        }

        if (type.IsEnum)
        {
            return "one of " + string.Join(", ", Enum.GetNames(type).Select(OptionProperty.JsonKey));
        }

        return Type.GetTypeCode(type) switch
        {
            TypeCode.Int32 or TypeCode.Int64 => "an integer",
            TypeCode.Double or TypeCode.Single => "a number",
            TypeCode.Boolean => "true or false",
            TypeCode.String => "a string",
            _ => type.Name,
        };
    }
}
