using System.Globalization;

namespace Vigil.IO;

/// <summary>
/// How output files print timestamps: <c>yyyy-MM-dd HH:mm:ss</c>, followed by as many fraction digits as the most
/// precise timestamp of the series needs (none for whole seconds, 3 for milliseconds, up to 7), followed by the
/// offset (<c>+02:00</c>) when any timestamp was read with a non-zero one. Every row of a file uses the same form, and
/// reading the output back gives the same instants: the format round-trips its input's precision.
/// </summary>
public sealed class TimestampFormat
{
    private readonly string _pattern;

    private TimestampFormat(int fractionDigits, bool withOffset)
    {
        FractionDigits = fractionDigits;
        WithOffset = withOffset;
        _pattern = "yyyy-MM-dd HH:mm:ss" + (fractionDigits > 0 ? "." + new string('f', fractionDigits) : "") + (withOffset ? "zzz" : "");
    }

    /// <summary>NAB's form, <c>yyyy-MM-dd HH:mm:ss</c> in UTC.</summary>
    public static TimestampFormat WholeSeconds { get; } = new(0, withOffset: false);

    /// <summary>Fraction digits printed (0..7).</summary>
    public int FractionDigits { get; }

    /// <summary>Whether the offset is printed (otherwise every timestamp is printed in UTC).</summary>
    public bool WithOffset { get; }

    /// <summary>The form that prints every one of <paramref name="timestamps"/> without losing anything.</summary>
    public static TimestampFormat For(ReadOnlySpan<DateTimeOffset> timestamps)
    {
        int digits = 0;
        bool offsets = false;
        foreach (var t in timestamps)
        {
            long fraction = t.Ticks % TimeSpan.TicksPerSecond;
            if (fraction != 0)
            {
                int needed = 7;
                while (fraction % 10 == 0)
                {
                    fraction /= 10;
                    needed--;
                }

                digits = Math.Max(digits, needed);
            }

            offsets |= t.Offset != TimeSpan.Zero;
        }

        return digits == 0 && !offsets ? WholeSeconds : new TimestampFormat(digits, offsets);
    }

    /// <summary>Prints <paramref name="timestamp"/> in this form.</summary>
    public string Format(DateTimeOffset timestamp) => WithOffset
        ? timestamp.ToString(_pattern, CultureInfo.InvariantCulture)
        : timestamp.UtcDateTime.ToString(_pattern, CultureInfo.InvariantCulture);
}
