namespace Vigil.Detectors.Htm.Encoders;

/// <summary>
/// NuPIC's date encoder reduced to its time-of-day part, as NAB configures it (<c>timeOfDay = (21, 9.49)</c>):
/// a periodic scalar encoder of hour + minute/60 over [0, 24).
/// </summary>
/// <remarks>
/// Specified in docs htm.md §4.1: width n = ceil(w·24/radius) (54 with the defaults), w consecutive bits
/// centred on trunc(tod·n/24), wrapping around both ends. Seconds, date and weekday are ignored. Stateless
/// and thread-safe.
/// </remarks>
public sealed class TimeOfDayEncoder
{
    /// <summary>Creates the encoder.</summary>
    /// <param name="width">Active bits w (odd, at least 1); NAB uses 21.</param>
    /// <param name="radius">Hours that map to w bits; NAB uses 9.49.</param>
    public TimeOfDayEncoder(int width = 21, double radius = 9.49)
    {
        if (width < 1 || width % 2 == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(width), width, "The time-of-day width must be odd and positive.");
        }

        if (!(radius > 0) || !double.IsFinite(radius))
        {
            throw new ArgumentOutOfRangeException(nameof(radius), radius, "The time-of-day radius must be positive.");
        }

        Width = width;
        Size = (int)Math.Ceiling(width * (24.0 / radius));
        if (Size < width)
        {
            throw new ArgumentOutOfRangeException(nameof(radius), radius, "The radius is too large for the width.");
        }
    }

    /// <summary>Active bits per encoding.</summary>
    public int Width { get; }

    /// <summary>Total bits of the encoding (54 with NAB's parameters).</summary>
    public int Size { get; }

    /// <summary>Writes the <see cref="Width"/> active bit positions (plus <paramref name="offset"/>) of the time of day.</summary>
    public void Encode(int hour, int minute, Span<int> destination, int offset = 0)
    {
        double tod = hour + (minute / 60.0);
        int center = (int)(tod * Size / 24.0);
        int first = center - ((Width - 1) / 2);
        for (int k = 0; k < Width; k++)
        {
            int bit = (first + k) % Size;
            if (bit < 0)
            {
                bit += Size;
            }

            destination[k] = bit + offset;
        }
    }
}
