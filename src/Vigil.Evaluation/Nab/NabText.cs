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
        text = text.Trim((byte)' ').Trim((byte)'"');
        ticks = 0;
        if (text.Length == 19 && text[4] == '-' && text[7] == '-' && (text[10] == ' ' || text[10] == 'T') && text[13] == ':' && text[16] == ':'
            && Digits(text, 0, 4, out int year) && Digits(text, 5, 2, out int month) && Digits(text, 8, 2, out int day)
            && Digits(text, 11, 2, out int hour) && Digits(text, 14, 2, out int minute) && Digits(text, 17, 2, out int second)
            && year >= 1 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month) && hour <= 23 && minute <= 59 && second <= 59)
        {
            ticks = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Utc).Ticks;
            return true;
        }

        Span<char> chars = stackalloc char[Math.Min(text.Length, 64)];
        if (text.Length > 64 || Encoding.UTF8.GetChars(text, chars) != text.Length)
        {
            return false;
        }

        if (TimestampParser.TryParse(chars, out var value))
        {
            ticks = value.UtcTicks;
            return true;
        }

        return false;
    }

    /// <summary>Parses a double with the invariant culture; false for empty or malformed text.</summary>
    public static bool TryParseDouble(ReadOnlySpan<byte> text, out double value) =>
        double.TryParse(text.Trim((byte)' ').Trim((byte)'"'), NumberStyles.Float, CultureInfo.InvariantCulture, out value);

    /// <summary>Text for an error message, shortened.</summary>
    public static string Show(ReadOnlySpan<byte> text)
    {
        string s = Encoding.UTF8.GetString(text);
        return s.Length <= 60 ? s : s[..57] + "...";
    }

    /// <summary>Formats a double so that it reads back to the same value.</summary>
    public static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static bool Digits(ReadOnlySpan<byte> s, int start, int count, out int value)
    {
        value = 0;
        for (int i = start; i < start + count; i++)
        {
            int d = s[i] - '0';
            if ((uint)d > 9)
            {
                return false;
            }

            value = value * 10 + d;
        }

        return true;
    }
}
