namespace Vigil.Evaluation.Metrics;

/// <summary>Rank-based comparisons of scores: ROC-AUC against 0/1 labels, and Spearman correlation between two scorings.</summary>
/// <remarks>Ties get average ranks, as scikit-learn's <c>roc_auc_score</c> and SciPy's <c>spearmanr</c> treat them.</remarks>
public static class RankStatistics
{
    /// <summary>Average ranks (1-based) of <paramref name="values"/>; tied values share the mean of their ranks.</summary>
    public static double[] Ranks(ReadOnlySpan<double> values)
    {
        var order = new int[values.Length];
        for (int i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        var keys = values.ToArray();
        Array.Sort(keys, order);
        var ranks = new double[values.Length];
        for (int i = 0; i < keys.Length;)
        {
            int j = i;
            while (j + 1 < keys.Length && keys[j + 1] == keys[i])
            {
                j++;
            }

            double rank = (i + j) / 2.0 + 1.0;
            for (int k = i; k <= j; k++)
            {
                ranks[order[k]] = rank;
            }

            i = j + 1;
        }

        return ranks;
    }

    /// <summary>
    /// Area under the ROC curve of <paramref name="scores"/> (higher = more likely positive) for 0/1
    /// <paramref name="labels"/>, by the Mann–Whitney statistic; NaN when only one class is present.
    /// </summary>
    public static double RocAuc(ReadOnlySpan<double> scores, ReadOnlySpan<byte> labels)
    {
        if (scores.Length != labels.Length)
        {
            throw new ArgumentException($"{scores.Length} scores but {labels.Length} labels.", nameof(labels));
        }

        var ranks = Ranks(scores);
        double positiveRankSum = 0;
        long positives = 0;
        for (int i = 0; i < ranks.Length; i++)
        {
            if (labels[i] != 0)
            {
                positiveRankSum += ranks[i];
                positives++;
            }
        }

        long negatives = ranks.Length - positives;
        if (positives == 0 || negatives == 0)
        {
            return double.NaN;
        }

        return (positiveRankSum - positives * (positives + 1) / 2.0) / ((double)positives * negatives);
    }

    /// <summary>Spearman's rank correlation of two equally long scorings; NaN when either is constant.</summary>
    public static double Spearman(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        if (a.Length != b.Length)
        {
            throw new ArgumentException($"Lengths differ: {a.Length} and {b.Length}.", nameof(b));
        }

        return Pearson(Ranks(a), Ranks(b));
    }

    private static double Pearson(double[] x, double[] y)
    {
        double mx = x.Average(), my = y.Average(), sxy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < x.Length; i++)
        {
            double dx = x[i] - mx, dy = y[i] - my;
            sxy += dx * dy;
            sxx += dx * dx;
            syy += dy * dy;
        }

        return sxx == 0 || syy == 0 ? double.NaN : sxy / Math.Sqrt(sxx * syy);
    }
}
