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
}
