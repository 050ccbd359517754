namespace Vigil.Detectors.IsolationForest;

/// <summary>
/// Grows isolation trees exactly as scikit-learn 1.2's <c>IsolationForest</c> grows its
/// <c>ExtraTreeRegressor(max_features=1, splitter="random")</c> estimators: the same nodes in the same order, the same
/// features, thresholds and sample counts, given the same rows, targets and <see cref="TreeRandom"/> seed.
/// </summary>
/// <remarks>
/// <para>
/// Samples are windows of one float32 series given by their start row, so no window matrix exists: row r has value
/// <c>values[r + positions[f]]</c> at (local) feature f. What is reproduced, and why each piece matters:
/// </para>
/// <list type="bullet">
/// <item><description>Depth-first building with an explicit stack, the left child first (<c>DepthFirstTreeBuilder</c>): the
/// generator is shared by all nodes of a tree, so the visiting order decides which draws each node gets.</description></item>
/// <item><description>The splitter's feature array persists across nodes and is permuted by every split; features found
/// constant (max ≤ min + 1e-7 in float32) are remembered for the node's descendants (<c>RandomSplitter.node_split</c>'s
/// Fisher–Yates bookkeeping). Which feature index a draw selects depends on that array.</description></item>
/// <item><description>The threshold <c>rand_uniform(min, max)</c> of the node's float32 values, replaced by min when it equals
/// max, and the in-place two-pointer partition (values ≤ threshold left), whose sample order feeds the next nodes.</description></item>
/// <item><description>The mean-squared-error criterion on scikit-learn's random targets (<c>IsolationForest.fit</c>
/// draws <c>y = uniform(size=n)</c>): a node whose target variance is ≤ machine epsilon, or whose split "improves"
/// it by less than −epsilon, becomes a leaf. This almost never happens with random targets but is part of the rule, so
/// the sums are formed in scikit-learn's order (<c>MSE.init</c>, <c>update</c>, <c>children_impurity</c>).</description></item>
/// </list>
/// <para>Not thread-safe: one instance per thread; its buffers are reused from tree to tree.</para>
/// </remarks>
internal sealed class IsolationTree
{
    /// <summary>NumPy's <c>finfo(float64).eps</c>, the builder's <c>EPSILON</c>.</summary>
    private const double Epsilon = 2.220446049250313e-16;

    /// <summary>scikit-learn's <c>FEATURE_THRESHOLD</c>, a float32: a feature spanning no more than this is constant.</summary>
    private const float FeatureThreshold = 1e-7f;

    /// <summary>scikit-learn's <c>TREE_UNDEFINED</c> (feature and threshold of a leaf).</summary>
    public const int Undefined = -2;

    /// <summary>scikit-learn's <c>TREE_LEAF</c> (children of a leaf).</summary>
    public const int Leaf = -1;

    private int[] _features = [];
    private int[] _constantFeatures = [];
    private float[] _featureValues = [];
    private Frame[] _stack = [];

    /// <summary>
    /// Grows one tree on <paramref name="samples"/> (row indices with non-zero weight, ascending, as the splitter
    /// collects them; reordered in place) and returns it in scikit-learn's node layout.
    /// </summary>
    /// <param name="values">The float32 series; row r's feature f is <c>values[r + positions[f]]</c>.</param>
    /// <param name="samples">The tree's rows.</param>
    /// <param name="targets">scikit-learn's random regression targets, one per row of the whole training set.</param>
    /// <param name="weights">Per-row sample weights (bootstrap counts), or null for weight 1 everywhere.</param>
    /// <param name="totalWeight">The sum of all rows' weights (<c>weighted_n_samples</c>).</param>
    /// <param name="positions">Window offset of each of the tree's (local) features.</param>
    /// <param name="maxDepth">The height limit.</param>
    /// <param name="random">The tree's generator.</param>
    public GrownTree Grow(ReadOnlySpan<float> values, Span<int> samples, ReadOnlySpan<double> targets, double[]? weights, double totalWeight, ReadOnlySpan<int> positions, int maxDepth, ref TreeRandom random)
    {
        int featureCount = positions.Length;
        Reserve(samples.Length, featureCount, maxDepth);
        for (int f = 0; f < featureCount; f++)
        {
            _features[f] = f;
        }

        int capacity = Math.Max(1, 2 * samples.Length - 1);
        var feature = new int[capacity];
        var threshold = new double[capacity];
        var left = new int[capacity];
        var right = new int[capacity];
        var nodeSamples = new int[capacity];
        int nodeCount = 0;

        int top = 0;
        _stack[top++] = new Frame(0, samples.Length, 0, -1, false, double.PositiveInfinity, 0);
        bool first = true;
        while (top > 0)
        {
            var frame = _stack[--top];
            int start = frame.Start, end = frame.End;
            int count = end - start;
            bool isLeaf = frame.Depth >= maxDepth || count < 2;
            double impurity = frame.Impurity;
            var node = default(NodeSums);
            if (!isLeaf || first)
            {
                node = NodeSums.Of(samples[start..end], targets, weights);
            }

            if (first)
            {
                impurity = node.Impurity;
                first = false;
            }

            isLeaf = isLeaf || impurity <= Epsilon;
            var split = default(Split);
            int constants = frame.Constants;
            if (!isLeaf)
            {
                split = SplitNode(values, samples, start, end, positions, targets, weights, totalWeight, node, impurity, ref constants, ref random);
                isLeaf = split.Position >= end || split.Improvement + Epsilon < 0.0;
            }

            int id = nodeCount++;
            if (frame.Parent >= 0)
            {
                (frame.IsLeft ? left : right)[frame.Parent] = id;
            }

            nodeSamples[id] = count;
            if (isLeaf)
            {
                feature[id] = Undefined;
                threshold[id] = Undefined;
                left[id] = Leaf;
                right[id] = Leaf;
                continue;
            }

            feature[id] = split.Feature;
            threshold[id] = split.Threshold;

            // Right pushed first so the left child is built next (and numbered next), as scikit-learn does.
            _stack[top++] = new Frame(split.Position, end, frame.Depth + 1, id, false, split.ImpurityRight, constants);
            _stack[top++] = new Frame(start, split.Position, frame.Depth + 1, id, true, split.ImpurityLeft, constants);
        }

        return new GrownTree(feature[..nodeCount], threshold[..nodeCount], left[..nodeCount], right[..nodeCount], nodeSamples[..nodeCount]);
    }

    private Split SplitNode(
        ReadOnlySpan<float> values,
        Span<int> samples,
        int start,
        int end,
        ReadOnlySpan<int> positions,
        ReadOnlySpan<double> targets,
        double[]? weights,
        double totalWeight,
        in NodeSums node,
        double impurity,
        ref int constants,
        ref TreeRandom random)
    {
        const int maxFeatures = 1;   // IsolationForest's trees consider one (non-constant) feature per node
        var features = _features;
        var constantFeatures = _constantFeatures;
        var featureValues = _featureValues;
        int fi = positions.Length;
        int known = constants, found = 0, drawn = 0, total = known, visited = 0;
        int bestFeature = 0, bestPosition = end;
        double bestThreshold = 0;

        // Invariant of features[]: [0, drawn) known constants drawn; [drawn, known) known constants not drawn yet;
        // [known, total) constants found here; [total, fi) not drawn yet; [fi, n) drawn and not constant.
        while (fi > total && (visited < maxFeatures || visited <= found + drawn))
        {
            visited++;
            int fj = random.NextInt(drawn, fi - found);
            if (fj < known)
            {
                (features[drawn], features[fj]) = (features[fj], features[drawn]);
                drawn++;
                continue;
            }

            fj += found;
            int current = features[fj];
            int offset = positions[current];
            float min = values[samples[start] + offset];
            float max = min;
            featureValues[start] = min;
            for (int p = start + 1; p < end; p++)
            {
                float v = values[samples[p] + offset];
                featureValues[p] = v;
                if (v < min)
                {
                    min = v;
                }
                else if (v > max)
                {
                    max = v;
                }
            }

            // The sum is rounded to float32, as the C code computes it.
            if (max <= (float)(min + FeatureThreshold))
            {
                features[fj] = features[total];
                features[total] = current;
                found++;
                total++;
                continue;
            }

            fi--;
            (features[fi], features[fj]) = (features[fj], features[fi]);
            double threshold = random.NextUniform(min, max);
            if (threshold == max)
            {
                threshold = min;
            }

            // Two-pointer partition: values > threshold are swapped to the end. The resulting order is the order the
            // children see, and the order their sums are formed in.
            int lo = start, hi = end;
            while (lo < hi)
            {
                if (featureValues[lo] <= threshold)
                {
                    lo++;
                }
                else
                {
                    hi--;
                    (featureValues[lo], featureValues[hi]) = (featureValues[hi], featureValues[lo]);
                    (samples[lo], samples[hi]) = (samples[hi], samples[lo]);
                }
            }

            bestFeature = current;
            bestThreshold = threshold;
            bestPosition = hi;
        }

        var split = new Split(bestFeature, bestThreshold, bestPosition, 0, 0, 0);
        if (bestPosition < end)
        {
            split = Evaluate(samples, start, bestPosition, end, targets, weights, totalWeight, node, impurity) with { Feature = bestFeature, Threshold = bestThreshold };
        }

        // Known constants go back in their original order (siblings rely on it); the new ones are recorded for the children.
        constantFeatures.AsSpan(0, known).CopyTo(features);
        features.AsSpan(known, found).CopyTo(constantFeatures.AsSpan(known));
        constants = total;
        return split;
    }

    /// <summary>The criterion's <c>reset</c>, <c>update(pos)</c>, <c>children_impurity</c> and <c>impurity_improvement</c>.</summary>
    private static Split Evaluate(ReadOnlySpan<int> samples, int start, int position, int end, ReadOnlySpan<double> targets, double[]? weights, double totalWeight, in NodeSums node, double impurity)
    {
        double sumLeft = 0, weightLeft = 0;
        if (position - start <= end - position)
        {
            for (int p = start; p < position; p++)
            {
                int i = samples[p];
                double w = weights is null ? 1.0 : weights[i];
                sumLeft += w * targets[i];
                weightLeft += w;
            }
        }
        else
        {
            // scikit-learn walks the shorter side: from the end, subtracting from the node's totals.
            sumLeft = node.Sum;
            weightLeft = node.Weight;
            for (int p = end - 1; p >= position; p--)
            {
                int i = samples[p];
                double w = weights is null ? 1.0 : weights[i];
                sumLeft -= w * targets[i];
                weightLeft -= w;
            }
        }

        double weightRight = node.Weight - weightLeft;
        double sumRight = node.Sum - sumLeft;
        double squaresLeft = 0;
        for (int p = start; p < position; p++)
        {
            int i = samples[p];
            double w = weights is null ? 1.0 : weights[i];
            squaresLeft += w * targets[i] * targets[i];
        }

        double squaresRight = node.Squares - squaresLeft;
        double meanLeft = sumLeft / weightLeft;
        double meanRight = sumRight / weightRight;
        double impurityLeft = squaresLeft / weightLeft - meanLeft * meanLeft;
        double impurityRight = squaresRight / weightRight - meanRight * meanRight;
        double improvement = node.Weight / totalWeight
            * (impurity - weightRight / node.Weight * impurityRight - weightLeft / node.Weight * impurityLeft);
        return new Split(0, 0, position, impurityLeft, impurityRight, improvement);
    }

    private void Reserve(int samples, int features, int maxDepth)
    {
        if (_features.Length < features)
        {
            _features = new int[features];
            _constantFeatures = new int[features];
        }

        if (_featureValues.Length < samples)
        {
            _featureValues = new float[samples];
        }

        // Depth-first: each level leaves at most one pending right sibling on the stack.
        if (_stack.Length < maxDepth + 2)
        {
            _stack = new Frame[maxDepth + 2];
        }
    }

    private readonly record struct Frame(int Start, int End, int Depth, int Parent, bool IsLeft, double Impurity, int Constants);

    private readonly record struct Split(int Feature, double Threshold, int Position, double ImpurityLeft, double ImpurityRight, double Improvement);

    /// <summary>The criterion's node totals (<c>RegressionCriterion.init</c>), summed in sample order.</summary>
    private readonly record struct NodeSums(double Sum, double Squares, double Weight)
    {
        /// <summary><c>MSE.node_impurity</c>: the weighted variance of the node's targets.</summary>
        public double Impurity
        {
            get
            {
                double mean = Sum / Weight;
                return Squares / Weight - mean * mean;
            }
        }

        public static NodeSums Of(ReadOnlySpan<int> samples, ReadOnlySpan<double> targets, double[]? weights)
        {
            double sum = 0, squares = 0, weight = 0;
            foreach (int i in samples)
            {
                double w = weights is null ? 1.0 : weights[i];
                double wy = w * targets[i];
                sum += wy;
                squares += wy * targets[i];
                weight += w;
            }

            return new NodeSums(sum, squares, weight);
        }
    }
}
