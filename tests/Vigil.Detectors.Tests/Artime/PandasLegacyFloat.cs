using System.Globalization;

namespace Vigil.Detectors.Tests.Artime;

/// <summary>
/// The float parser of pandas' C reader before pandas 1.2 (<c>xstrtod</c>, now <c>float_precision="legacy"</c>), which
/// read NAB's data files for the published ARTime run: the digits are accumulated into a double, then scaled by
/// repeated squaring of 10 (one division per set bit of the exponent), so about a third of NAB's 12-digit decimals
/// come out one ulp away from the correctly rounded double that <see cref="double.Parse(string, IFormatProvider)"/> gives.
/// </summary>
/// <remarks>
/// The evidence is in the shipped results themselves: scores written as 0.966293 were read back by NAB's scorer as
/// 0.9662930000000001, which only this parser produces. Only plain decimals and exponents (as in NAB's data) are handled.
/// </remarks>
internal static class PandasLegacyFloat
{
    private const int MaxDigits = 17;

    public static double Parse(string text)
    {
        int p = 0;
        bool negative = false;
        if (p < text.Length && (text[p] == '-' || text[p] == '+'))
        {
            negative = text[p] == '-';
            p++;
        }

        double number = 0.0;
        int digits = 0;
        int exponent = 0;
        while (p < text.Length && char.IsAsciiDigit(text[p]))
        {
            number = (number * 10.0) + (text[p] - '0');
            digits++;
            p++;
        }

        if (p < text.Length && text[p] == '.')
        {
            p++;
            int decimals = 0;
            while (p < text.Length && digits < MaxDigits && char.IsAsciiDigit(text[p]))
            {
                number = (number * 10.0) + (text[p] - '0');
                digits++;
                decimals++;
                p++;
            }

            while (p < text.Length && char.IsAsciiDigit(text[p]))
            {
                p++;
            }

            exponent -= decimals;
        }

        if (digits == 0)
        {
            throw new FormatException($"Not a number: '{text}'.");
        }

        if (negative)
        {
            number = -number;
        }

        if (p < text.Length && (text[p] == 'e' || text[p] == 'E'))
        {
            exponent += int.Parse(text.AsSpan(p + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            p = text.Length;
        }

        if (p != text.Length)
        {
            throw new FormatException($"Not a number: '{text}'.");
        }

        double p10 = 10.0;
        int n = Math.Abs(exponent);
        while (n != 0)
        {
            if ((n & 1) != 0)
            {
                number = exponent < 0 ? number / p10 : number * p10;
            }

            n >>= 1;
            p10 *= p10;
        }

        return number;
    }
}
