using System.Collections.Concurrent;

namespace Vigil.Evaluation.Nab;

/// <summary>
/// NAB v1.1 scoring under one cost profile, exactly as nab-scoring.md §5–§7 define it: the scaled sigmoid, the
/// per-row potential values relative to anomaly windows, and the file score at a threshold.
/// </summary>
/// <remarks>
/// Potential values are computed once per data file and cached in the scorer. Thread-safe.
/// Deviations from the official scorer (§12): a threshold below every score of a file detects every scored row
/// (the official scorer crashes); a window of width 1 gives <c>-fpW</c> to the rows after it instead of dividing by zero.
/// </remarks>
public sealed class NabScorer
{
    private readonly ConcurrentDictionary<NabDataFile, double[]> _potentials = new(ReferenceEqualityComparer.Instance);

    /// <summary>Creates a scorer for <paramref name="profile"/>.</summary>
    public NabScorer(NabProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        Profile = profile;
    }

    /// <summary>The cost profile.</summary>
    public NabProfile Profile { get; }

    /// <summary><c>S(-1)</c>, the largest sigmoid value reached inside a window; window values are divided by it so that the first row is worth exactly <c>tpW</c>.</summary>
    public static double MaxSigmoid { get; } = ScaledSigmoid(-1.0);

    /// <summary>NAB's scaled sigmoid: <c>-1</c> for <c>y &gt; 3</c>, else <c>2 / (1 + exp(5y)) - 1</c> (nab-scoring.md §5).</summary>
    /// <remarks>Written in the exponential form, not as <c>-tanh(2.5y)</c>, to match the reference bit for bit.</remarks>
    public static double ScaledSigmoid(double y) => y > 3.0 ? -1.0 : (2 * (1 / (1 + Math.Exp(5 * y)))) - 1;

    /// <summary>The potential value <c>v(i)</c> of every row of <paramref name="file"/>, probationary rows included (§6).</summary>
    /// <returns>A new array the caller may modify.</returns>
    public double[] PotentialValues(NabDataFile file) => (double[])CachedPotentials(file).Clone();

    /// <summary>The potential values of a file of <paramref name="rowCount"/> rows with <paramref name="windows"/> (§6).</summary>
    /// <exception cref="ArgumentException">Windows are out of range, empty, or not in row order and disjoint.</exception>
    // Hot loop of a short scoring process: compiled optimised at once, not run unoptimised while tiering waits.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public double[] PotentialValues(int rowCount, IReadOnlyList<AnomalyWindow> windows)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rowCount);
        ArgumentNullException.ThrowIfNull(windows);
        CheckWindows(rowCount, windows);
        var values = new double[rowCount];
        double tpW = Profile.TpWeight, fpW = Profile.FpWeight;
        double maxSigmoid = MaxSigmoid;
        int row = 0;

        // Rows before the first window (all rows of a file without windows).
        int firstWindowRow = windows.Count > 0 ? windows[0].FirstRow : rowCount;
        for (; row < firstWindowRow; row++)
        {
            values[row] = -fpW;
        }

        for (int k = 0; k < windows.Count; k++)
        {
            int a = windows[k].FirstRow, b = windows[k].LastRow;
            double width = b - a + 1;
            for (row = a; row <= b; row++)
            {
                double y = -(b - row + 1) / width;
                values[row] = ScaledSigmoid(y) * tpW / maxSigmoid;
            }

            int next = k + 1 < windows.Count ? windows[k + 1].FirstRow : rowCount;

            // Implementation note: NAB divides by (w - 1); a width-1 window would divide by zero, which is read
            // as an infinitely distant row, i.e. the full false-positive cost.
            double divisor = width - 1;
            for (row = b + 1; row < next; row++)
            {
                double y = divisor > 0 ? (row - b) / divisor : double.PositiveInfinity;
                values[row] = fpW * ScaledSigmoid(y);
            }
        }

        return values;
    }

    /// <summary>The score of <paramref name="file"/> at <paramref name="threshold"/> with its row counts (§7).</summary>
    /// <exception cref="ArgumentException">The number of scores differs from the file's row count.</exception>
    public NabFileScore ScoreFile(NabDataFile file, ReadOnlySpan<double> scores, double threshold)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (scores.Length != file.RowCount)
        {
            throw new ArgumentException($"{file.RelativePath}: {scores.Length} scores but {file.RowCount} data rows.", nameof(scores));
        }

        return Score(file.RelativePath, file.Windows, file.ProbationLength, CachedPotentials(file), scores, threshold, null);
    }

    /// <summary>
    /// The score of a file given only its windows; the row count is <c>scores.Length</c> and the probationary
    /// length follows from it (§4). For synthetic data that has no corpus file.
    /// </summary>
    public NabFileScore ScoreFile(string fileName, IReadOnlyList<AnomalyWindow> windows, ReadOnlySpan<double> scores, double threshold)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        var potentials = PotentialValues(scores.Length, windows);
        return Score(fileName, windows, NabDataFile.ProbationLengthFor(scores.Length), potentials, scores, threshold, null);
    }

    /// <summary>
    /// What each row actually adds to the file score at <paramref name="threshold"/>, in the layout of the
    /// <c>S(t)_&lt;profile&gt;</c> columns of NAB's shipped results: each window's term (its earliest detection's
    /// value, or <c>-fnW</c>) on the window's first row, each false positive's value on its row, 0 elsewhere.
    /// The values sum to the file score.
    /// </summary>
    public double[] Contributions(NabDataFile file, ReadOnlySpan<double> scores, double threshold)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (scores.Length != file.RowCount)
        {
            throw new ArgumentException($"{file.RelativePath}: {scores.Length} scores but {file.RowCount} data rows.", nameof(scores));
        }

        var contributions = new double[scores.Length];
        Score(file.RelativePath, file.Windows, file.ProbationLength, CachedPotentials(file), scores, threshold, contributions);
        return contributions;
    }

    /// <summary>The cached potential values of <paramref name="file"/>; callers must not modify the array.</summary>
    internal double[] CachedPotentials(NabDataFile file) =>
        _potentials.GetOrAdd(file, f => PotentialValues(f.RowCount, f.Windows));

    // Hot loop of a short scoring process: compiled optimised at once, not run unoptimised while tiering waits.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private NabFileScore Score(string name, IReadOnlyList<AnomalyWindow> windows, int probation, double[] potentials, ReadOnlySpan<double> scores, double threshold, double[]? contributions)
    {
        double fnW = Profile.FnWeight;
        int n = scores.Length;
        double total = 0;
        int tp = 0, tn = 0, fp = 0, fn = 0;
        int row = probation;
        int windowCount = windows.Count;
        for (int k = 0; k <= windowCount; k++)
        {
            // Rows outside windows before window k (or after the last window).
            int outsideEnd = k < windowCount ? Math.Min(windows[k].FirstRow, n) : n;
            for (; row < outsideEnd; row++)
            {
                if (scores[row] >= threshold)
                {
                    fp++;
                    total += potentials[row];
                    if (contributions is not null)
                    {
                        contributions[row] = potentials[row];
                    }
                }
                else
                {
                    tn++;
                }
            }

            if (k == windowCount)
            {
                break;
            }

            int a = windows[k].FirstRow, b = windows[k].LastRow;
            if (b < probation)
            {
                continue; // Wholly probationary: neither TP nor FN (§12).
            }

            double term = -fnW;
            row = Math.Max(a, probation);
            for (; row <= b; row++)
            {
                if (scores[row] >= threshold)
                {
                    tp++;
                    term = Math.Max(term, potentials[row]);
                }
                else
                {
                    fn++;
                }
            }

            total += term;
            if (contributions is not null)
            {
                contributions[a] = term;
            }
        }

        return new NabFileScore(name, threshold, total, tp, tn, fp, fn, n - probation);
    }

    private static void CheckWindows(int rowCount, IReadOnlyList<AnomalyWindow> windows)
    {
        for (int k = 0; k < windows.Count; k++)
        {
            var w = windows[k];
            if (w.FirstRow < 0 || w.LastRow < w.FirstRow || w.LastRow >= rowCount || (k > 0 && w.FirstRow <= windows[k - 1].LastRow))
            {
                throw new ArgumentException($"Window {k} [{w.FirstRow}..{w.LastRow}] is invalid for {rowCount} rows: windows must lie inside the file, be non-empty, in row order and disjoint.", nameof(windows));
            }
        }
    }
}
