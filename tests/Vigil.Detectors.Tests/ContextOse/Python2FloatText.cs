using System.Globalization;

namespace Vigil.Detectors.Tests.ContextOse;

/// <summary>
/// Python 2.7's <c>str(float)</c>, as NAB's shipped CSVs print scores: <c>'%.12g'</c> (12 significant digits,
/// correctly rounded, exponent form below 1e-4 or from 1e12), with ".0" added when the text looks like an int.
/// </summary>
internal static class Python2FloatText
{
    public static string Format(double value)
    {
        if (double.IsNaN(value))
        {
            return "nan";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "inf" : "-inf";
        }

        if (value == 0)
        {
            return double.IsNegative(value) ? "-0.0" : "0.0";
        }

        // "E" gives the correctly rounded 12 significant digits and the decimal exponent after rounding.
        string e = value.ToString("E11", CultureInfo.InvariantCulture);
        int ePos = e.IndexOf('E');
        int exponent = int.Parse(e.AsSpan(ePos + 1), CultureInfo.InvariantCulture);
        bool negative = e[0] == '-';
        string digits = e[(negative ? 1 : 0)..ePos].Replace(".", "", StringComparison.Ordinal).TrimEnd('0');
        if (digits.Length == 0)
        {
            digits = "0";
        }

        string body;
        if (exponent < -4 || exponent >= 12)
        {
            string mantissa = digits.Length == 1 ? digits : digits[0] + "." + digits[1..];
            body = mantissa + "e" + (exponent < 0 ? "-" : "+") + Math.Abs(exponent).ToString("00", CultureInfo.InvariantCulture);
        }
        else if (exponent < 0)
        {
            body = "0." + new string('0', -exponent - 1) + digits;
        }
        else if (digits.Length <= exponent + 1)
        {
            body = digits + new string('0', exponent + 1 - digits.Length) + ".0";
        }
        else
        {
            body = digits[..(exponent + 1)] + "." + digits[(exponent + 1)..];
        }

        return negative ? "-" + body : body;
    }
}
