namespace Vigil.Evaluation.Nab;

/// <summary>
/// Finds the single corpus-wide threshold that maximises a detector's raw NAB score under one profile
/// (nab-scoring.md §8).
/// </summary>
/// <remarks>
/// Candidates are 1.1 (nothing detected) and every distinct score of a scored row. All scored rows of all files
/// are sorted once by score, descending, and added one distinct value at a time while the corpus total is
/// updated incrementally: a false positive adds its potential value, a row inside a window raises that window's
/// term to the row's value if larger. The best total wins, compared with <c>&gt;</c> exactly so that on a tie the
/// larger threshold (met first) is kept. O(R log R) for R scored rows; no allocations per row.
/// </remarks>
public static class NabThresholdOptimizer
{
    /// <summary>The threshold with the largest corpus score and that score, over the files in <paramref name="results"/>.</summary>
    public static (double Threshold, double Score) Optimize(NabCorpus corpus, NabDetectorResults results, NabProfile profile) =>
        Optimize(corpus, results, new NabScorer(profile));

    /// <summary>As <see cref="Optimize(NabCorpus, NabDetectorResults, NabProfile)"/>, reusing the scorer's cached potential values.</summary>
    // Hot loop of a short scoring process: compiled optimised at once, not run unoptimised while tiering waits.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static (double Threshold, double Score) Optimize(NabCorpus corpus, NabDetectorResults results, NabScorer scorer)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(scorer);
        double fnW = scorer.Profile.FnWeight;
        var sweep = results.SweepOrder(corpus);
        var potentials = new double[sweep.Files.Length][];
        for (int f = 0; f < potentials.Length; f++)
        {
            potentials[f] = scorer.CachedPotentials(sweep.Files[f]);
        }

        int[] order = sweep.Order, fileOf = sweep.FileOf, rowOf = sweep.RowOf, windowOf = sweep.WindowOf;
        double[] sorted = sweep.SortedScores;
        int total = order.Length;
        var terms = new double[sweep.WindowCount];
        Array.Fill(terms, -fnW);
        double current = -fnW * terms.Length;
        double bestThreshold = NabResultsFile.ScoreLimit, bestScore = current;
        int j = 0;
        while (j < total)
        {
            double score = sorted[j];
            for (; j < total && sorted[j] == score; j++)
            {
                int row = order[j];
                int window = windowOf[row];
                double v = potentials[fileOf[row]][rowOf[row]];
                if (window < 0)
                {
                    current += v;
                }
                else if (v > terms[window])
                {
                    current += v - terms[window];
                    terms[window] = v;
                }
            }

            if (current > bestScore)
            {
                bestScore = current;
                bestThreshold = score;
            }
        }

        return (bestThreshold, bestScore);
    }
}
