namespace Vigil.Windows;

/// <summary>
/// Sliding windows by time: each window spans <paramref name="Window"/> of time and a new one ends every
/// <paramref name="Step"/>. Handles irregular sampling and gaps by the documented skip policy below.
/// </summary>
/// <param name="Window">Time span of a window; positive.</param>
/// <param name="Step">Time between the ends of consecutive windows; positive.</param>
/// <param name="MinPoints">Windows holding fewer points are skipped (the gap policy); at least 1.</param>
/// <remarks>
/// <para>
/// Window ends lie on the grid <c>e_k = t_0 + k·Step</c>, where <c>t_0</c> is the first timestamp, up to the last
/// timestamp. The window ending at <c>e</c> holds the raw points with <c>e − Window &lt; t ≤ e</c> (right-aligned and
/// causal: never a point after <c>e</c>) and its row carries the timestamp <c>e</c>. A window is emitted only when its
/// whole span lies after the first timestamp (<c>e − Window ≥ t_0</c>), so the first one is never truncated.
/// </para>
/// <para>
/// Gap policy: <b>skip</b>. Points are used as they are (no resampling or interpolation); a window that
/// holds fewer than <see cref="MinPoints"/> points, for example inside a gap in the data, produces no row. Features
/// that need a fixed number of values (<c>raw</c>) are not available for time windows.
/// Timestamps must be non-decreasing; a backward timestamp is an error.
/// </para>
/// </remarks>
public readonly record struct TimeWindowSpec(TimeSpan Window, TimeSpan Step, int MinPoints = 1)
{
    /// <summary>Throws a clear <see cref="ArgumentOutOfRangeException"/> for a non-positive window or step, or <see cref="MinPoints"/> below 1.</summary>
    public void EnsureValid()
    {
        if (Window <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(Window), Window, $"Time window must be positive, got {Window}.");
        }

        if (Step <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(Step), Step, $"Time window step must be positive, got {Step}.");
        }

        if (MinPoints < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MinPoints), MinPoints, $"MinPoints must be at least 1, got {MinPoints}.");
        }
    }
}
