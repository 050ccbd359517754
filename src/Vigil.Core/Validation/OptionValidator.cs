using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;

namespace Vigil.Validation;

/// <summary>Validates option records from their <see cref="RangeAttribute"/>s.</summary>
public static class OptionValidator
{
    /// <summary>Checks every public readable property that carries a <see cref="RangeAttribute"/>.</summary>
    public static IEnumerable<OptionError> FromAttributes(object options)
    {
        ArgumentNullException.ThrowIfNull(options);
        foreach (var property in OptionProperty.Of(options.GetType()))
        {
            if (property.Range is not { } range)
            {
                continue;
            }

            object? value = property.Info.GetValue(options);
            if (value is double d && !double.IsFinite(d))
            {
                yield return new OptionError(property.Key, $"must be a finite number in {property.DescribeRange()}, got {d.ToString(CultureInfo.InvariantCulture)}.");
            }
            else if (!range.IsValid(value))
            {
                yield return new OptionError(property.Key, $"must be in {property.DescribeRange()}, got {Convert.ToString(value, CultureInfo.InvariantCulture)}.");
            }
        }
    }
}
