namespace Vigil.Detectors.IsolationForest;

/// <summary>
/// One grown tree in scikit-learn's layout (<c>tree_.feature</c>, <c>threshold</c>, <c>children_left</c>,
/// <c>children_right</c>, <c>n_node_samples</c>): nodes in depth-first order, the left subtree first; a leaf has
/// feature and threshold <see cref="IsolationTree.Undefined"/> and children <see cref="IsolationTree.Leaf"/>. Features
/// are local: indices into the tree's feature subset. Kept in this form so tests compare it with scikit-learn's dump;
/// scoring uses <see cref="Flatten"/>.
/// </summary>
internal sealed record GrownTree(int[] Feature, double[] Threshold, int[] Left, int[] Right, int[] NodeSamples)
{
    /// <summary>Nodes in the tree.</summary>
    public int NodeCount => Feature.Length;

    /// <summary>
    /// The tree as scoring nodes: children side by side, features mapped to window offsets through
    /// <paramref name="positions"/>, and each leaf's value the path length scikit-learn's <c>score_samples</c> adds
    /// for it: (nodes on the path + c(n)) − 1, in that order of operations so the sums match its bits.
    /// </summary>
    public IsolationNode[] Flatten(ReadOnlySpan<int> positions)
    {
        var nodes = new IsolationNode[NodeCount];
        var pending = new Stack<(int Source, int Target, int Depth)>();
        pending.Push((0, 0, 0));
        int next = 1;
        while (pending.Count > 0)
        {
            var (source, target, depth) = pending.Pop();
            if (Left[source] == IsolationTree.Leaf)
            {
                double pathNodes = depth + 1;
                nodes[target] = new IsolationNode(pathNodes + AveragePathLength.Of(NodeSamples[source]) - 1.0, -1, -1);
                continue;
            }

            int left = next;
            next += 2;
            nodes[target] = new IsolationNode(Threshold[source], positions[Feature[source]], left);
            pending.Push((Right[source], left + 1, depth + 1));
            pending.Push((Left[source], left, depth + 1));
        }

        return nodes;
    }
}
