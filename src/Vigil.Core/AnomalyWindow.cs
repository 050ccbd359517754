namespace Vigil;

/// <summary>A labelled anomaly window as an inclusive range of row indices.</summary>
/// <param name="FirstRow">First row inside the window (0-based, inclusive).</param>
/// <param name="LastRow">Last row inside the window (inclusive).</param>
public readonly record struct AnomalyWindow(int FirstRow, int LastRow)
{
    /// <summary>Number of rows in the window.</summary>
    public int Width => LastRow - FirstRow + 1;

    /// <summary>Whether <paramref name="row"/> lies inside the window.</summary>
    public bool Contains(int row) => row >= FirstRow && row <= LastRow;
}
