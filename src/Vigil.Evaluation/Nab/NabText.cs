using System.Globalization;
using System.Text;
using Vigil.IO;

namespace Vigil.Evaluation.Nab;

/// <summary>Small span-based parsing helpers shared by the NAB readers (hot paths: no allocations per row).</summary>
internal static class NabText
{
    /// <summary>Parses a timestamp as UTC ticks; <c>yyyy-MM-dd HH:mm:ss</c> on a fast path, other forms through <see cref="TimestampParser"/>.</summary>
    public static bool TryParseTimestampTicks(ReadOnlySpan<byte> text, out long ticks)
    {
        bool ok = TimestampParser.TryParseUtf8(text, out var value);
        ticks = value.UtcTicks;
        return ok;
    }

    /// <summary>Parses a double with the invariant culture; false for empty or malformed text.</summary>
    /// <remarks>
    /// Plain decimals (<c>-0.0301029996659</c>, <c>10844</c>) whose digits fit in 2^53 and have at most 22
    /// fraction digits take Clinger's fast path: an exact integer divided by an exact power of ten is correctly
    /// rounded, so the result equals <see cref="double.Parse(string)"/>'s. Everything else goes to the full parser.
    /// </remarks>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static bool TryParseDouble(ReadOnlySpan<byte> text, out double value)
    {
        text = CsvField.Unwrap(text);
        return TryParsePlainDecimal(text, out value)
               || double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    private static readonly double[] PowersOfTen =
    [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ];

    // Hot loop of a short scoring process: compiled optimised at once, not run unoptimised while tiering waits.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static bool TryParsePlainDecimal(ReadOnlySpan<byte> s, out double value)
    {
        value = 0;
        int i = 0;
        bool negative = false;
        if (s.Length > 0 && (s[0] == '-' || s[0] == '+'))
        {
            negative = s[0] == '-';
            i = 1;
        }

        ulong mantissa = 0;
        int digits = 0, fraction = 0;
        bool point = false;
        for (; i < s.Length; i++)
        {
            uint d = (uint)(s[i] - '0');
            if (d <= 9)
            {
                mantissa = mantissa * 10 + d;
                if (mantissa > (1UL << 53))
                {
                    return false;
                }

                digits++;
                if (point)
                {
                    fraction++;
                }
            }
            else if (s[i] == '.' && !point)
            {
                point = true;
            }
            else
            {
                return false;
            }
        }

        if (digits == 0 || fraction >= PowersOfTen.Length)
        {
            return false;
        }

        value = mantissa / PowersOfTen[fraction];
        if (negative)
        {
            value = -value;
        }

        return true;
    }

    /// <summary>Text for an error message, shortened.</summary>
    public static string Show(ReadOnlySpan<byte> text)
    {
        string s = Encoding.UTF8.GetString(text);
        return s.Length <= 60 ? s : s[..57] + "...";
    }

    /// <summary>Formats a double so that it reads back to the same value.</summary>
    public static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
