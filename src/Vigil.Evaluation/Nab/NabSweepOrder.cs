namespace Vigil.Evaluation.Nab;

/// <summary>
/// The scored rows of one detector's results, sorted by descending anomaly score, with each row's file, row
/// index and window identity. It depends on the scores only, not on the cost profile, so the threshold sweeps
/// of the three profiles share one sort.
/// </summary>
internal sealed class NabSweepOrder
{
    private NabSweepOrder(NabDataFile[] files, int[] fileOf, int[] rowOf, int[] windowOf, int windowCount, int[] order, double[] sortedScores)
    {
        Files = files;
        FileOf = fileOf;
        RowOf = rowOf;
        WindowOf = windowOf;
        WindowCount = windowCount;
        Order = order;
        SortedScores = sortedScores;
    }

    /// <summary>The files, ordered by relative path.</summary>
    public NabDataFile[] Files { get; }

    /// <summary>Index into <see cref="Files"/> of each scored row (rows numbered in file order).</summary>
    public int[] FileOf { get; }

    /// <summary>Row index within its file of each scored row.</summary>
    public int[] RowOf { get; }

    /// <summary>Corpus-wide window index of each scored row, or -1 outside every window.</summary>
    public int[] WindowOf { get; }

    /// <summary>Windows that have at least one scored row (each identified by file and window).</summary>
    public int WindowCount { get; }

    /// <summary>Scored rows by descending score (equal scores in corpus row order).</summary>
    public int[] Order { get; }

    /// <summary>The scores in <see cref="Order"/>.</summary>
    public double[] SortedScores { get; }

    /// <summary>Builds the order for <paramref name="results"/>.</summary>
    // Hot loop of a short scoring process: compiled optimised at once, not run unoptimised while tiering waits.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static NabSweepOrder Build(NabCorpus corpus, NabDetectorResults results)
    {
        var paths = results.ScoresByFile.Keys.Order(StringComparer.Ordinal).ToArray();
        var files = new NabDataFile[paths.Length];
        int total = 0;
        for (int f = 0; f < paths.Length; f++)
        {
            files[f] = corpus.Get(paths[f]);
            total += files[f].RowCount - files[f].ProbationLength;
        }

        var fileOf = new int[total];
        var rowOf = new int[total];
        var windowOf = new int[total];
        var scored = new double[total];
        int windowCount = 0;
        int g = 0;
        for (int f = 0; f < files.Length; f++)
        {
            var file = files[f];
            var scores = results.ScoresByFile[paths[f]];
            var windows = file.Windows;
            int n = file.RowCount, p = file.ProbationLength;
            int k = 0;
            for (int i = p; i < n; i++)
            {
                while (k < windows.Count && windows[k].LastRow < i)
                {
                    k++;
                }

                int window = -1;
                if (k < windows.Count && windows[k].FirstRow <= i)
                {
                    // A window is registered on its first scored row.
                    if (i == p || i == windows[k].FirstRow)
                    {
                        windowCount++;
                    }

                    window = windowCount - 1;
                }

                fileOf[g] = f;
                rowOf[g] = i;
                windowOf[g] = window;
                scored[g] = scores[i];
                g++;
            }
        }

        var order = new int[total];
        var sorted = new double[total];
        DescendingRadixSort.Sort(scored, order, sorted);
        return new NabSweepOrder(files, fileOf, rowOf, windowOf, windowCount, order, sorted);
    }
}
