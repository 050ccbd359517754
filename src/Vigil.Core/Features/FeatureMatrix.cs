namespace Vigil.Features;

/// <summary>
/// Features of a series' windows: one row per window, in window order, each carrying the timestamp and row
/// index of the window's last point (right-aligned), and one column per feature.
/// </summary>
public sealed class FeatureMatrix
{
    private readonly double[] _values;
    private readonly DateTimeOffset[] _timestamps;
    private readonly int[] _endRows;

    internal FeatureMatrix(string[] columnNames, DateTimeOffset[] timestamps, int[] endRows, double[] values)
    {
        ColumnNames = columnNames;
        _timestamps = timestamps;
        _endRows = endRows;
        _values = values;
    }

    /// <summary>Number of windows.</summary>
    public int Rows => _endRows.Length;

    /// <summary>Number of features per window.</summary>
    public int Columns => ColumnNames.Count;

    /// <summary>Column names, e.g. <c>mean</c>, <c>quantile-0.25</c>, <c>band-power-2</c>, <c>raw-31</c>.</summary>
    public IReadOnlyList<string> ColumnNames { get; }

    /// <summary>Timestamp of each window's end (its last point; for time windows, the grid end).</summary>
    public ReadOnlyMemory<DateTimeOffset> Timestamps => _timestamps;

    /// <summary>Row index in the series of each window's last point.</summary>
    public ReadOnlyMemory<int> EndRows => _endRows;

    /// <summary>All features, row-major (<see cref="Rows"/> × <see cref="Columns"/>).</summary>
    public ReadOnlyMemory<double> Values => _values;

    /// <summary>The features of window <paramref name="row"/>.</summary>
    public ReadOnlySpan<double> Row(int row) => _values.AsSpan(checked(row * Columns), Columns);

    /// <summary>One feature of one window.</summary>
    public double this[int row, int column]
    {
        get
        {
            if ((uint)column >= (uint)Columns)
            {
                throw new ArgumentOutOfRangeException(nameof(column), column, $"The matrix has {Columns} columns.");
            }

            return Row(row)[column];
        }
    }
}
