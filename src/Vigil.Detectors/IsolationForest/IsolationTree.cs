using Vigil.Randomness;

namespace Vigil.Detectors.IsolationForest;

/// <summary>
/// Grows one isolation tree (Liu, Ting &amp; Zhou 2008, Algorithm 2) over windows given by their start index in a
/// value array, without copying them: window <c>s</c> has value <c>values[s + f]</c> at position <c>f</c>.
/// </summary>
/// <remarks>
/// <para>
/// At each node a position is drawn uniformly among the tree's positions not yet found constant at this node
/// (as scikit-learn's random splitter skips constant features), then a threshold uniformly in [min, max) of the
/// node's values at that position; values ≤ threshold go left. A node becomes a leaf at the height limit
/// ⌈log₂ ψ⌉, with one point, or when every position is constant (duplicates); a leaf at depth d holding n points
/// contributes d + c(n) to the path length.
/// </para>
/// <para>The sample indices are partitioned in place, so a tree costs O(ψ log ψ) time and no per-node allocation.</para>
/// </remarks>
internal static class IsolationTree
{
    /// <summary>sklearn's <c>FEATURE_THRESHOLD</c>: a position whose values span no more than this is constant.</summary>
    private const double ConstantTolerance = 1e-7;

    /// <summary>Grows a tree on <paramref name="sample"/> (window starts, reordered in place) and returns its flattened nodes.</summary>
    public static IsolationNode[] Grow(ReadOnlySpan<double> values, int[] sample, int[] positions, int maxDepth, IRandomSource rng)
    {
        var builder = new Builder(sample, positions, maxDepth, rng);
        builder.Nodes.Add(default);
        builder.Build(values, 0, 0, sample.Length, 0);
        return builder.Nodes.ToArray();
    }

    private sealed class Builder(int[] sample, int[] positions, int maxDepth, IRandomSource rng)
    {
        private readonly int[] _candidates = new int[positions.Length];

        public List<IsolationNode> Nodes { get; } = new(2 * sample.Length);

        public void Build(ReadOnlySpan<double> values, int node, int lo, int hi, int depth)
        {
            int n = hi - lo;
            if (depth >= maxDepth || n <= 1)
            {
                Nodes[node] = Leaf(depth, n);
                return;
            }

            positions.CopyTo(_candidates, 0);
            int remaining = _candidates.Length;
            int feature = -1;
            double min = 0, max = 0;
            while (remaining > 0)
            {
                int j = rng.NextInt(remaining);
                int f = _candidates[j];
                _candidates[j] = _candidates[--remaining];
                min = double.PositiveInfinity;
                max = double.NegativeInfinity;
                for (int i = lo; i < hi; i++)
                {
                    double v = values[sample[i] + f];
                    if (v < min)
                    {
                        min = v;
                    }

                    if (v > max)
                    {
                        max = v;
                    }
                }

                if (max > min + ConstantTolerance)
                {
                    feature = f;
                    break;
                }
            }

            if (feature < 0)
            {
                Nodes[node] = Leaf(depth, n);
                return;
            }

            double threshold = min + rng.NextDouble() * (max - min);
            if (threshold >= max)
            {
                threshold = min;
            }

            // Partition: values ≤ threshold to the front.
            int mid = lo;
            for (int i = lo; i < hi; i++)
            {
                if (values[sample[i] + feature] <= threshold)
                {
                    (sample[i], sample[mid]) = (sample[mid], sample[i]);
                    mid++;
                }
            }

            int left = Nodes.Count;
            Nodes.Add(default);
            Nodes.Add(default);
            Nodes[node] = new IsolationNode(threshold, feature, left);
            Build(values, left, lo, mid, depth + 1);
            Build(values, left + 1, mid, hi, depth + 1);
        }

        private static IsolationNode Leaf(int depth, int n) => new(depth + AveragePathLength.Of(n), -1, -1);
    }
}
