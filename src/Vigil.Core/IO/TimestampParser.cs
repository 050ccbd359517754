using System.Globalization;

namespace Vigil.IO;

/// <summary>
/// Parses the timestamp forms found in series files: <c>yyyy-MM-dd HH:mm:ss</c> (NAB's), ISO 8601 with optional
/// fraction and offset, and Unix time. A timestamp without offset is UTC; one with an offset keeps it (the instant is
/// the same, and writers can print it back as it was read). A plain number is Unix time: seconds when it is below
/// 100,000,000,000 (dates up to the year 5138), milliseconds otherwise.
/// </summary>
public static class TimestampParser
{
    private static readonly string[] Formats =
    [
        "yyyy-MM-dd HH:mm:ss",
        "yyyy-MM-dd HH:mm:ss.FFFFFFF",
        "yyyy-MM-ddTHH:mm:ss",
        "yyyy-MM-ddTHH:mm:ss.FFFFFFF",
        "yyyy-MM-dd HH:mm",
        "yyyy-MM-ddTHH:mm",
        "yyyy-MM-dd",
    ];

    /// <summary>
    /// Parses <c>YYYY-MM-DD HH:MM:SS</c> (NAB's form) on a fast path, then the ISO 8601 variants with
    /// optional fraction and offset. A timestamp without offset is taken as UTC.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> text, out DateTimeOffset value)
    {
        text = text.Trim();
        if (text.Length == 19 && TryParseNabForm(text, out value))
        {
            return true;
        }

        const DateTimeStyles Styles = DateTimeStyles.AssumeUniversal;
        if (DateTimeOffset.TryParseExact(text, Formats, CultureInfo.InvariantCulture, Styles, out value))
        {
            return true;
        }

        if (TryParseUnixTime(text, out value))
        {
            return true;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, Styles, out value) && value != default;
    }

    /// <summary>Below this a plain number is Unix seconds, from it on Unix milliseconds.</summary>
    public const double UnixMillisecondsFrom = 1e11;

    private static bool TryParseUnixTime(ReadOnlySpan<char> text, out DateTimeOffset value)
    {
        value = default;
        if (text.Length == 0 || !(char.IsAsciiDigit(text[0]) || (text[0] == '-' && text.Length > 1)))
        {
            return false;
        }

        foreach (char c in text[1..])
        {
            if (!char.IsAsciiDigit(c) && c != '.')
            {
                return false;
            }
        }

        if (!decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out decimal number))
        {
            return false;
        }

        decimal ticks = Math.Abs(number) < (decimal)UnixMillisecondsFrom ? number * TimeSpan.TicksPerSecond : number * TimeSpan.TicksPerMillisecond;
        decimal fromEpoch = ticks + DateTimeOffset.UnixEpoch.Ticks;
        if (fromEpoch < DateTimeOffset.MinValue.Ticks || fromEpoch > DateTimeOffset.MaxValue.Ticks || decimal.Truncate(ticks) != ticks)
        {
            return false;   // out of range, or finer than a tick (100 ns)
        }

        value = new DateTimeOffset((long)fromEpoch, TimeSpan.Zero);
        return true;
    }

    /// <summary>
    /// Parses UTF-8 text as <see cref="TryParse(ReadOnlySpan{char}, out DateTimeOffset)"/> does, for readers that scan
    /// raw bytes; the NAB form takes a fast path without transcoding.
    /// </summary>
    // Hot loop of a short scoring process: compiled optimised at once, not run unoptimised while tiering waits.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static bool TryParseUtf8(ReadOnlySpan<byte> text, out DateTimeOffset value)
    {
        text = CsvField.Unwrap(text);
        if (text.Length == 19 && TryParseNabForm(text, out value))
        {
            return true;
        }

        value = default;
        Span<char> chars = stackalloc char[64];
        return text.Length <= 64
               && System.Text.Encoding.UTF8.TryGetChars(text, chars, out int written)
               && TryParse(chars[..written], out value);
    }

    private static bool TryParseNabForm(ReadOnlySpan<char> s, out DateTimeOffset value)
    {
        // The NAB form is pure ASCII: narrow it and share the byte parser.
        Span<byte> bytes = stackalloc byte[19];
        for (int i = 0; i < 19; i++)
        {
            if (s[i] > 127)
            {
                value = default;
                return false;
            }

            bytes[i] = (byte)s[i];
        }

        return TryParseNabForm(bytes, out value);
    }

    // Hot loop of a short scoring process: compiled optimised at once, not run unoptimised while tiering waits.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static bool TryParseNabForm(ReadOnlySpan<byte> s, out DateTimeOffset value)
    {
        value = default;
        if (s[4] != '-' || s[7] != '-' || (s[10] != ' ' && s[10] != 'T') || s[13] != ':' || s[16] != ':')
        {
            return false;
        }

        if (!Digits(s, 0, 4, out int year) || !Digits(s, 5, 2, out int month) || !Digits(s, 8, 2, out int day)
            || !Digits(s, 11, 2, out int hour) || !Digits(s, 14, 2, out int minute) || !Digits(s, 17, 2, out int second))
        {
            return false;
        }

        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(Math.Max(1, year), month) || hour > 23 || minute > 59 || second > 59 || year < 1)
        {
            return false;
        }

        value = new DateTimeOffset(year, month, day, hour, minute, second, TimeSpan.Zero);
        return true;
    }

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
