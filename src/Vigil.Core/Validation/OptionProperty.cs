using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;

namespace Vigil.Validation;

/// <summary>An option property as configuration sees it: its camelCase key, type, range and default.</summary>
public sealed class OptionProperty
{
    private static readonly ConcurrentDictionary<Type, IReadOnlyList<OptionProperty>> Cache = new();

    private OptionProperty(PropertyInfo info)
    {
        Info = info;
        Key = JsonKey(info.Name);
        Range = info.GetCustomAttribute<RangeAttribute>();
    }

    /// <summary>The reflected property.</summary>
    public PropertyInfo Info { get; }

    /// <summary>The camelCase key used in JSON/YAML and error messages.</summary>
    public string Key { get; }

    /// <summary>The allowed range, if declared.</summary>
    public RangeAttribute? Range { get; }

    /// <summary>The settable public properties of an options type, in declaration order (base members last).</summary>
    public static IReadOnlyList<OptionProperty> Of(Type optionsType) =>
        Cache.GetOrAdd(optionsType, static t => t
            .GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanRead && p.SetMethod is not null && p.GetIndexParameters().Length == 0 && p.Name != "EqualityContract")
            .OrderBy(p => p.DeclaringType == t ? 0 : 1)
            .ThenBy(p => p.MetadataToken)
            .Select(p => new OptionProperty(p))
            .ToArray());

    /// <summary>The range as text, e.g. <c>[1, 10000]</c>.</summary>
    public string DescribeRange() => Range is null
        ? "any value"
        : string.Create(CultureInfo.InvariantCulture, $"[{Range.Minimum}, {Range.Maximum}]");

    /// <summary>camelCase of a property name, as System.Text.Json's camelCase policy writes it.</summary>
    public static string JsonKey(string propertyName) =>
        System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(propertyName);
}
