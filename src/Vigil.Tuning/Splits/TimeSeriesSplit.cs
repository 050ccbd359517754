namespace Vigil.Tuning.Splits;

/// <summary>
/// Expanding-window splits of one series, as scikit-learn's <c>TimeSeriesSplit(n_splits, gap, test_size)</c>: the
/// last <c>n_splits × test_size</c> rows form consecutive validation blocks (test_size defaults to
/// <c>⌊n / (n_splits + 1)⌋</c>), and each fold trains on every row before its block except the <c>gap</c> rows just
/// before it. No validation row ever precedes a training row.
/// </summary>
/// <param name="Splits">Number of folds (≥ 1).</param>
/// <param name="Gap">Rows left out between training and validation.</param>
/// <param name="TestSize">Rows per validation block; null = ⌊n / (Splits + 1)⌋.</param>
public sealed record TimeSeriesSplit(int Splits, int Gap = 0, int? TestSize = null)
{
    /// <summary>The folds of a series of <paramref name="rows"/> rows.</summary>
    /// <exception cref="ArgumentException">Too few rows for the folds, gap and test size asked for.</exception>
    public IReadOnlyList<SplitFold> Folds(int rows) => Folds(0, rows);

    /// <summary>The folds of rows <c>[first, rows)</c>; rows before <paramref name="first"/> always train (e.g. a probationary period).</summary>
    /// <exception cref="ArgumentException">Too few rows for the folds, gap and test size asked for.</exception>
    public IReadOnlyList<SplitFold> Folds(int first, int rows)
    {
        if (Splits < 1)
        {
            throw new ArgumentException($"The number of folds must be at least 1, got {Splits}.");
        }

        if (Gap < 0)
        {
            throw new ArgumentException($"The gap must be 0 or more rows, got {Gap}.");
        }

        int n = rows - first;
        int testSize = TestSize ?? n / (Splits + 1);
        if (testSize < 1 || n - (Splits * testSize) - Gap < 1)
        {
            throw new ArgumentException($"{n} rows are too few for {Splits} folds with a gap of {Gap}{(TestSize is null ? "" : $" and {testSize} validation rows each")}.");
        }

        var folds = new SplitFold[Splits];
        for (int i = 0; i < Splits; i++)
        {
            int testStart = rows - ((Splits - i) * testSize);
            folds[i] = new SplitFold(testStart - Gap, testStart, testStart + testSize);
        }

        return folds;
    }
}
