using System.Globalization;

namespace Vigil.Detectors.ContextOse;

/// <summary>
/// The value NAB's harness actually fed its detectors: pandas 0.x read CSV floats with its fast <c>xstrtod</c>,
/// which is not correctly rounded (it accumulates the digits in a double, then divides by powers of ten found by
/// repeated squaring). About 3 % of NAB's values come out one or two ulps off; when such a value sits on a
/// quantisation boundary (a file's maximum, for instance) CAD OSE sees a different bit, so the port reproduces it.
/// </summary>
/// <remarks>
/// The input is the correctly rounded double; its shortest round-trip text is what <c>xstrtod</c> reads. For NAB's
/// corpus that gives the same double as reading the file's own text, for all 365,558 values (checked once when the
/// port was written).
/// </remarks>
public static class PandasFloatParsing
{
    /// <summary><c>xstrtod</c> of <paramref name="value"/>'s shortest round-trip text; non-finite values are returned as is.</summary>
    public static double Reparse(double value)
    {
        if (!double.IsFinite(value))
        {
            return value;
        }

        Span<char> buffer = stackalloc char[40];
        if (!value.TryFormat(buffer, out int written, "R", CultureInfo.InvariantCulture))
        {
            return value;
        }

        return Xstrtod(buffer[..written]);
    }

    /// <summary>pandas 0.x's <c>xstrtod</c> on decimal text (sign, digits, optional fraction and exponent).</summary>
    public static double Xstrtod(ReadOnlySpan<char> text)
    {
        int p = 0;
        bool negative = false;
        if (p < text.Length && (text[p] == '-' || text[p] == '+'))
        {
            negative = text[p] == '-';
            p++;
        }

        double number = 0.0;
        int exponent = 0;
        while (p < text.Length && char.IsAsciiDigit(text[p]))
        {
            number = number * 10.0 + (text[p] - '0');
            p++;
        }

        if (p < text.Length && text[p] == '.')
        {
            p++;
            int decimals = 0;
            while (p < text.Length && char.IsAsciiDigit(text[p]))
            {
                number = number * 10.0 + (text[p] - '0');
                p++;
                decimals++;
            }

            exponent -= decimals;
        }

        if (negative)
        {
            number = -number;
        }

        if (p < text.Length && (text[p] == 'e' || text[p] == 'E'))
        {
            p++;
            bool negativeExponent = false;
            if (p < text.Length && (text[p] == '-' || text[p] == '+'))
            {
                negativeExponent = text[p] == '-';
                p++;
            }

            int e = 0;
            while (p < text.Length && char.IsAsciiDigit(text[p]))
            {
                e = e * 10 + (text[p] - '0');
                p++;
            }

            exponent += negativeExponent ? -e : e;
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
