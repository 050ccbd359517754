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
    public static (double Threshold, double Score) Optimize(NabCorpus corpus, NabDetectorResults results, NabScorer scorer)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(scorer);
        double fnW = scorer.Profile.FnWeight;

        int total = 0;
        var files = new List<(NabDataFile File, double[] Scores)>(results.ScoresByFile.Count);
        foreach (string path in results.ScoresByFile.Keys.Order(StringComparer.Ordinal))
        {
            var file = corpus.Get(path);
            files.Add((file, results.ScoresByFile[path]));
            total += file.RowCount - file.ProbationLength;
        }

        // Sort keys are negated scores so that an ascending sort visits scores in descending order.
        var keys = new double[total];
        var values = new double[total];
        var windowOf = new int[total];
        var windowTerms = new List<double>();
        int r = 0;
        foreach (var (file, scores) in files)
        {
            double[] potentials = scorer.CachedPotentials(file);
            int n = file.RowCount, p = file.ProbationLength;
            var windows = file.Windows;
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
                    // First scored row of this window: register its term.
                    if (i == p || i == windows[k].FirstRow)
                    {
                        windowTerms.Add(-fnW);
                    }

                    window = windowTerms.Count - 1;
                }

                keys[r] = -scores[i];
                values[r] = potentials[i];
                windowOf[r] = window;
                r++;
            }
        }

        var order = new int[total];
        for (int i = 0; i < total; i++)
        {
            order[i] = i;
        }

        Array.Sort(keys, order);
        double[] terms = [.. windowTerms];
        double current = -fnW * terms.Length;
        double bestThreshold = NabResultsFile.ScoreLimit, bestScore = current;
        int j = 0;
        while (j < total)
        {
            double key = keys[j];
            for (; j < total && keys[j] == key; j++)
            {
                int row = order[j];
                int window = windowOf[row];
                double v = values[row];
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
                bestThreshold = -key + 0.0; // + 0.0 turns a -0.0 key of score 0 into 0.0
            }
        }

        return (bestThreshold, bestScore);
    }
}
