using Vigil.Randomness;

namespace Vigil.Detectors.IsolationForest;

/// <summary>
/// The index draws of scikit-learn's bagging (<c>sklearn/ensemble/_bagging.py</c> <c>_generate_indices</c> and
/// <c>sklearn/utils/_random.pyx</c> <c>sample_without_replacement</c>), on a <see cref="NumpyRandomState"/>, so each
/// tree gets the features and rows scikit-learn's would.
/// </summary>
internal static class BaggingDraws
{
    /// <summary>
    /// <c>sample_without_replacement(population, count)</c> with method "auto", into <paramref name="result"/>
    /// (its length is the count). The method depends on count / population: strictly between 0.01 and 0.99, the
    /// first <c>count</c> of <c>permutation(population)</c>; else below 0.2, tracking selection (redraw
    /// <c>randint(population)</c> until unseen); else reservoir sampling (no draw at all when count = population).
    /// </summary>
    /// <param name="population">Values are drawn from [0, population).</param>
    /// <param name="result">Receives the draws, in scikit-learn's order.</param>
    /// <param name="random">The estimator's generator.</param>
    /// <param name="scratch">At least <paramref name="population"/> long; overwritten (the permutation's buffer).</param>
    public static void SampleWithoutReplacement(int population, Span<int> result, NumpyRandomState random, int[] scratch)
    {
        int count = result.Length;
        double ratio = population != 0 ? (double)count / population : 1.0;
        if (ratio > 0.01 && ratio < 0.99)
        {
            random.PermutationPrefix(population, result, scratch);
            return;
        }

        if (ratio < 0.2)
        {
            var selected = new HashSet<int>(count);
            for (int i = 0; i < count; i++)
            {
                int j = random.RandInt(0, population);
                while (!selected.Add(j))
                {
                    j = random.RandInt(0, population);
                }

                result[i] = j;
            }

            return;
        }

        for (int i = 0; i < count; i++)
        {
            result[i] = i;
        }

        for (int i = count; i < population; i++)
        {
            int j = random.RandInt(0, i + 1);
            if (j < count)
            {
                result[j] = i;
            }
        }
    }

    /// <summary>Bootstrap rows: <c>randint(0, population, size=count)</c>.</summary>
    public static void WithReplacement(int population, Span<int> result, NumpyRandomState random)
    {
        for (int i = 0; i < result.Length; i++)
        {
            result[i] = random.RandInt(0, population);
        }
    }
}
