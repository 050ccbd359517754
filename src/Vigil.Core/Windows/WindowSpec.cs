namespace Vigil.Windows;

/// <summary>
/// Sliding windows over rows: <paramref name="Size"/> consecutive points, one window every <paramref name="Stride"/> rows.
/// Windows are right-aligned and causal: the window ending at row <c>t</c> covers rows <c>t-Size+1..t</c>, carries
/// the timestamp of row <c>t</c>, and never contains a point after <c>t</c>.
/// </summary>
/// <param name="Size">Points per window, at least 1.</param>
/// <param name="Stride">Rows between the ends of consecutive windows, at least 1.</param>
/// <remarks>
/// The first window ends at row <c>Size-1</c>; the first <c>Size-1</c> rows are warm-up. A series of <c>n</c>
/// points has <c>floor((n-Size)/Stride)+1</c> windows when <c>n ≥ Size</c>, and none otherwise.
/// </remarks>
public readonly record struct WindowSpec(int Size, int Stride = 1)
{
    /// <summary>Throws a clear <see cref="ArgumentOutOfRangeException"/> when <see cref="Size"/> or <see cref="Stride"/> is below 1.</summary>
    public void EnsureValid()
    {
        if (Size < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Size), Size, $"Window size must be at least 1, got {Size}.");
        }

        if (Stride < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Stride), Stride, $"Window stride must be at least 1, got {Stride}.");
        }
    }

    /// <summary>Number of windows in a series of <paramref name="length"/> points: <c>floor((length-Size)/Stride)+1</c>, or 0 when the series is shorter than a window.</summary>
    public int Count(int length)
    {
        EnsureValid();
        return length < Size ? 0 : ((length - Size) / Stride) + 1;
    }

    /// <summary>Row index of the last point of window <paramref name="window"/> (0-based).</summary>
    public int EndOf(int window) => Size - 1 + window * Stride;

    /// <summary>Row index of the first point of window <paramref name="window"/> (0-based).</summary>
    public int StartOf(int window) => window * Stride;
}
