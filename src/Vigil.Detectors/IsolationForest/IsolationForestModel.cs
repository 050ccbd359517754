using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Vigil.Randomness;

namespace Vigil.Detectors.IsolationForest;

/// <summary>
/// A fitted forest: every tree's nodes in one flattened array (children side by side), the roots, the normalisation
/// and the sample size ψ. Immutable once built; scoring is thread-safe.
/// </summary>
/// <remarks>
/// <para>
/// <see cref="Fit"/> reproduces scikit-learn 1.2's <c>IsolationForest(random_state=seed).fit</c> on the matrix of
/// windows: the same random streams (<see cref="NumpyRandomState"/>, <see cref="TreeRandom"/>), the same bagging
/// draws (<see cref="BaggingDraws"/>) and the same trees (<see cref="IsolationTree"/>), with values rounded to
/// float32 as scikit-learn's trees see them. Scores then equal <c>-score_samples</c> up to the last bits of
/// <c>log</c> and <c>pow</c>.
/// </para>
/// <para>
/// Two layouts: state version 2 (this fit) normalises as <c>(x − mean) / scale</c>, rounds to float32 and
/// divides the path-length sum by trees·c(ψ) as scikit-learn does; state version 1 (models written before Vigil reproduced
/// scikit-learn's random streams, loaded from files) keeps its own arithmetic, <c>(x − mean)·scale</c> in float64 and a
/// multiplication by −1/(trees·c(ψ)), so old models score bit for bit as they did.
/// </para>
/// </remarks>
internal sealed class IsolationForestModel
{
    /// <summary>The layout <see cref="Fit"/> produces.</summary>
    public const int CurrentVersion = 2;

    private const int Block = 512;
    private const int ParallelThreshold = 8192;

    private readonly IsolationNode[] _nodes;
    private readonly int[] _roots;

    public IsolationForestModel(int version, int window, double mean, double scale, int sampleSize, IsolationNode[] nodes, int[] roots)
    {
        Version = version;
        Window = window;
        Mean = mean;
        Scale = scale;
        SampleSize = sampleSize;
        _nodes = nodes;
        _roots = roots;
    }

    /// <summary>The state layout: <see cref="CurrentVersion"/>, or 1 for a model read from an older file.</summary>
    public int Version { get; }

    public int Window { get; }

    /// <summary>Subtracted from every value before scoring.</summary>
    public double Mean { get; }

    /// <summary>
    /// Version 2: divides every centred value (the training deviation, or 1). Version 1: multiplies it (1 / deviation, or 1).
    /// </summary>
    public double Scale { get; }

    /// <summary>ψ actually used (the option capped by the training windows); 0 for a model fitted on no window.</summary>
    public int SampleSize { get; }

    public int TreeCount => _roots.Length;

    public int NodeCount => _nodes.Length;

    /// <summary>
    /// Fits on every window of the raw <paramref name="values"/>, normalised as (x − <paramref name="mean"/>) /
    /// <paramref name="scale"/>: the forest scikit-learn grows with <c>random_state = options.Seed</c>.
    /// </summary>
    public static IsolationForestModel Fit(ReadOnlySpan<double> values, double mean, double scale, IsolationForestOptions options, CancellationToken ct)
        => FitWithTrees(values, mean, scale, options, ct, out _);

    /// <summary>As <see cref="Fit"/>, also returning each tree in scikit-learn's layout with its feature subset (for parity tests).</summary>
    public static IsolationForestModel FitWithTrees(ReadOnlySpan<double> values, double mean, double scale, IsolationForestOptions options, CancellationToken ct, out (GrownTree Tree, int[] Positions)[] grown)
        => FitTrees(values, mean, scale, options, 0, options.Trees, ct, out grown);

    /// <summary>
    /// Trees [<paramref name="firstTree"/>, <paramref name="endTree"/>) of the forest <see cref="Fit"/> grows, as a
    /// model of their own: each tree depends only on the seed, the data and its index, so shards fitted anywhere and
    /// joined in tree order by <see cref="Concatenate"/> are the whole forest, node for node.
    /// </summary>
    public static IsolationForestModel FitTrees(ReadOnlySpan<double> values, double mean, double scale, IsolationForestOptions options, int firstTree, int endTree, CancellationToken ct)
        => FitTrees(values, mean, scale, options, firstTree, endTree, ct, out _);

    private static IsolationForestModel FitTrees(ReadOnlySpan<double> values, double mean, double scale, IsolationForestOptions options, int firstTree, int endTree, CancellationToken ct, out (GrownTree Tree, int[] Positions)[] grown)
    {
        if (firstTree < 0 || endTree > options.Trees || firstTree > endTree)
        {
            throw new ArgumentOutOfRangeException(nameof(firstTree), $"Tree range [{firstTree}, {endTree}) is not within the forest's {options.Trees} trees.");
        }

        int window = options.Window;
        int windows = values.Length >= window ? values.Length - window + 1 : 0;
        if (windows == 0)
        {
            grown = [];
            return new IsolationForestModel(CurrentVersion, window, mean, scale, 0, [], []);
        }

        var z = NormaliseSingle(values, mean, scale);

        // scikit-learn: max_samples capped at n; height limit ceil(log2(max(ψ, 2))); max_features = max(1, int(f·d)).
        int psi = Math.Min(options.SampleSize, windows);
        int maxDepth = (int)Math.Ceiling(Math.Log2(Math.Max(psi, 2)));
        int featureCount = Math.Clamp((int)(options.MaxFeatures * window), 1, window);
        uint seed = (uint)options.Seed;

        // IsolationForest.fit draws regression targets from its own RandomState(seed); they only enter the MSE
        // criterion's degenerate-node checks, but those are part of the tree rules.
        var targetRandom = new NumpyRandomState(seed);
        var targets = new double[windows];
        for (int i = 0; i < targets.Length; i++)
        {
            targets[i] = targetRandom.NextDouble();
        }

        // BaseBagging._fit: a fresh RandomState(seed) draws one seed per tree, randint(2³¹ − 1). A shard draws the
        // seeds of the trees before it too (one MT19937 word each), so its trees get the seeds they get in the whole forest.
        var master = new NumpyRandomState(seed);
        var seeds = new int[endTree];
        for (int t = 0; t < seeds.Length; t++)
        {
            seeds[t] = master.RandInt(0, int.MaxValue);
        }

        int count = endTree - firstTree;
        var trees = new (GrownTree Tree, int[] Positions)[count];
        bool bootstrap = options.Bootstrap;
        Parallel.For(0, count, new ParallelOptions { CancellationToken = ct }, () => new Workspace(windows, window, psi), (t, _, workspace) =>
        {
            trees[t] = GrowTree(z, targets, (uint)seeds[firstTree + t], window, windows, psi, featureCount, maxDepth, bootstrap, workspace);
            return workspace;
        }, _ => { });

        var flat = new IsolationNode[trees.Length][];
        for (int t = 0; t < trees.Length; t++)
        {
            flat[t] = trees[t].Tree.Flatten(trees[t].Positions);
        }

        grown = trees;
        return Join(CurrentVersion, window, mean, scale, psi, flat);
    }

    /// <summary>
    /// The forest made of <paramref name="shards"/>' trees in the order given (each shard's trees in its own order):
    /// the same node array, roots and arithmetic as a forest fitted in one piece. The shards must share the layout,
    /// window, normalisation and ψ (they were fitted on the same data with the same options).
    /// </summary>
    /// <exception cref="ArgumentException">The shards disagree on window, normalisation, ψ or layout.</exception>
    public static IsolationForestModel Concatenate(IReadOnlyList<IsolationForestModel> shards)
    {
        if (shards.Count == 0)
        {
            throw new ArgumentException("At least one shard is needed.", nameof(shards));
        }

        var first = shards[0];
        var trees = new List<IsolationNode[]>();
        foreach (var shard in shards)
        {
            // Bitwise comparisons: shards fitted on the same data compute the same doubles.
            if (shard.Version != first.Version || shard.Window != first.Window || shard.SampleSize != first.SampleSize
                || BitConverter.DoubleToInt64Bits(shard.Mean) != BitConverter.DoubleToInt64Bits(first.Mean)
                || BitConverter.DoubleToInt64Bits(shard.Scale) != BitConverter.DoubleToInt64Bits(first.Scale))
            {
                throw new ArgumentException("Isolation forest shards were fitted on different data or options (window, normalisation or sample size differ).", nameof(shards));
            }

            for (int t = 0; t < shard._roots.Length; t++)
            {
                int start = shard._roots[t];
                int end = t + 1 < shard._roots.Length ? shard._roots[t + 1] : shard._nodes.Length;
                var nodes = new IsolationNode[end - start];
                for (int i = 0; i < nodes.Length; i++)
                {
                    var node = shard._nodes[start + i];
                    nodes[i] = node.IsLeaf ? node : node with { Left = node.Left - start };
                }

                trees.Add(nodes);
            }
        }

        return Join(first.Version, first.Window, first.Mean, first.Scale, first.SampleSize, trees);
    }

    /// <summary>One node array from per-tree arrays whose child links are relative to their own tree.</summary>
    private static IsolationForestModel Join(int version, int window, double mean, double scale, int psi, IReadOnlyList<IsolationNode[]> trees)
    {
        var roots = new int[trees.Count];
        var nodes = new IsolationNode[trees.Sum(t => t.Length)];
        int offset = 0;
        for (int t = 0; t < trees.Count; t++)
        {
            roots[t] = offset;
            foreach (var node in trees[t])
            {
                nodes[offset++] = node.IsLeaf ? node : node with { Left = node.Left + roots[t] };
            }
        }

        return new IsolationForestModel(version, window, mean, scale, psi, nodes, roots);
    }

    /// <summary>
    /// One estimator of <c>BaseBagging._parallel_build_estimators</c>: its seed gives the tree's own seed (first
    /// draw of a fresh RandomState(seed), as <c>_set_random_states</c> makes it), the splitter's xorshift seed (first
    /// draw of RandomState(tree seed)), and, from another fresh RandomState(seed), the feature subset then the rows.
    /// The tree sees the rows with non-zero weight in ascending order.
    /// </summary>
    private static (GrownTree, int[]) GrowTree(float[] z, double[] targets, uint seed, int window, int windows, int psi, int featureCount, int maxDepth, bool bootstrap, Workspace workspace)
    {
        int treeSeed = new NumpyRandomState(seed).RandInt(0, int.MaxValue);
        var random = new TreeRandom((uint)new NumpyRandomState((uint)treeSeed).RandInt(0, (int)TreeRandom.RandRMax));
        var bag = new NumpyRandomState(seed);

        var positions = new int[featureCount];
        BaggingDraws.SampleWithoutReplacement(window, positions, bag, workspace.Scratch);

        var rows = workspace.Rows;
        double[]? weights = null;
        int count = psi;
        if (bootstrap)
        {
            BaggingDraws.WithReplacement(windows, rows, bag);
            Array.Sort(rows);
            weights = workspace.Weights;
            count = 0;
            for (int i = 0; i < rows.Length; i++)
            {
                // Sorted draws: keep each row once, its weight the number of times it was drawn (np.bincount).
                int row = rows[i];
                if (weights[row] == 0)
                {
                    rows[count++] = row;
                }

                weights[row]++;
            }
        }
        else
        {
            BaggingDraws.SampleWithoutReplacement(windows, rows, bag, workspace.Scratch);
            Array.Sort(rows);
        }

        var tree = workspace.Builder.Grow(z, rows.AsSpan(0, count), targets, weights, psi, positions, maxDepth, ref random);
        if (weights is not null)
        {
            foreach (int row in rows.AsSpan(0, count))
            {
                weights[row] = 0;
            }
        }

        return (tree, positions);
    }

    /// <summary>
    /// Anomaly score of each window of the raw <paramref name="values"/>: 2^(−E[h]/c(ψ)), in (0, 1]; 0.5 when the
    /// model could not learn anything (ψ ≤ 1), 0 when it was fitted on no window.
    /// </summary>
    public void Score(ReadOnlySpan<double> values, Span<double> scores)
    {
        if (_roots.Length == 0)
        {
            scores.Clear();
            return;
        }

        double normaliser = AveragePathLength.Of(SampleSize);
        if (normaliser <= 0)
        {
            scores.Fill(0.5);
            return;
        }

        if (values.Length < scores.Length - 1 + Window)
        {
            throw new ArgumentException("Too few values for the windows requested.", nameof(values));
        }

        if (Version >= 2)
        {
            ScoreAll(NormaliseSingle(values, Mean, Scale), scores, _roots.Length * normaliser);
        }
        else
        {
            ScoreAll(NormaliseLegacy(values, Mean, Scale), scores, _roots.Length * normaliser);
        }
    }

    public void Write(BinaryWriter writer)
    {
        writer.Write(Window);
        writer.Write(Mean);
        writer.Write(Scale);
        writer.Write(SampleSize);
        writer.Write(_roots.Length);
        foreach (int root in _roots)
        {
            writer.Write(root);
        }

        writer.Write(_nodes.Length);
        foreach (var node in _nodes)
        {
            writer.Write(node.Value);
            writer.Write(node.Feature);
            writer.Write(node.Left);
        }
    }

    /// <summary>Reads a model written by <see cref="Write"/> in layout <paramref name="version"/> (1 or 2: the bytes are the same, the arithmetic differs).</summary>
    public static IsolationForestModel Read(BinaryReader reader, int version)
    {
        int window = reader.ReadInt32();
        double mean = reader.ReadDouble();
        double scale = reader.ReadDouble();
        int sampleSize = reader.ReadInt32();
        var roots = new int[Checked(reader.ReadInt32())];
        for (int i = 0; i < roots.Length; i++)
        {
            roots[i] = reader.ReadInt32();
        }

        var nodes = new IsolationNode[Checked(reader.ReadInt32())];
        for (int i = 0; i < nodes.Length; i++)
        {
            nodes[i] = new IsolationNode(reader.ReadDouble(), reader.ReadInt32(), reader.ReadInt32());
            if (nodes[i].Feature >= window || (!nodes[i].IsLeaf && (nodes[i].Left <= i || nodes[i].Left + 1 >= nodes.Length)))
            {
                throw new InvalidDataException($"Isolation forest state is corrupt at node {i}.");
            }
        }

        return new IsolationForestModel(version, window, mean, scale, sampleSize, nodes, roots);

        static int Checked(int count) => count is >= 0 and <= 100_000_000 ? count : throw new InvalidDataException($"Isolation forest state is corrupt (count {count}).");
    }

    /// <summary>(x − mean) / scale rounded to float32: the input matrix scikit-learn's trees see.</summary>
    private static float[] NormaliseSingle(ReadOnlySpan<double> values, double mean, double scale)
    {
        var z = new float[values.Length];
        for (int i = 0; i < z.Length; i++)
        {
            z[i] = (float)((values[i] - mean) / scale);
        }

        return z;
    }

    private static double[] NormaliseLegacy(ReadOnlySpan<double> values, double mean, double scale)
    {
        var z = new double[values.Length];
        for (int i = 0; i < z.Length; i++)
        {
            z[i] = (values[i] - mean) * scale;
        }

        return z;
    }

    private void ScoreAll<T>(T[] data, Span<double> scores, double denominator)
        where T : unmanaged
    {
        int windows = scores.Length;
        if (windows < ParallelThreshold)
        {
            ScoreBlocks<T>(data, scores, 0, windows, denominator);
            return;
        }

        var result = new double[windows];
        int blocks = (windows + Block - 1) / Block;
        Parallel.For(0, (blocks + 7) / 8, chunk =>
        {
            int start = chunk * 8 * Block;
            ScoreBlocks<T>(data, result, start, Math.Min(windows, start + 8 * Block), denominator);
        });
        result.CopyTo(scores);
    }

    private void ScoreBlocks<T>(ReadOnlySpan<T> values, Span<double> scores, int from, int to, double denominator)
        where T : unmanaged
    {
        Span<double> sums = stackalloc double[Block];
        ref IsolationNode nodes = ref MemoryMarshal.GetArrayDataReference(_nodes);
        ref T data = ref MemoryMarshal.GetReference(values);
        double legacyFactor = -1.0 / denominator;
        bool legacy = Version < 2;
        for (int start = from; start < to; start += Block)
        {
            int length = Math.Min(Block, to - start);
            var acc = sums[..length];
            acc.Clear();

            // Implementation note: trees in the outer loop keep one tree's nodes hot in L1 for a whole block of
            // windows, and four windows descend together so their dependent loads overlap; the child is chosen
            // without a branch (left + (x > threshold)). Each window sums its path lengths in tree order from 0, as
            // scikit-learn's score_samples does, so results depend neither on blocking nor on parallelism. Bounds:
            // every node's feature is < window (validated when read) and Score checked that every window fits.
            foreach (int root in _roots)
            {
                int i = 0;
                for (; i + 4 <= length; i += 4)
                {
                    ref T x0 = ref Unsafe.Add(ref data, start + i);
                    ref T x1 = ref Unsafe.Add(ref x0, 1);
                    ref T x2 = ref Unsafe.Add(ref x0, 2);
                    ref T x3 = ref Unsafe.Add(ref x0, 3);
                    ref IsolationNode a = ref Unsafe.Add(ref nodes, root);
                    ref IsolationNode b = ref a, c = ref a, d = ref a;
                    while ((a.Feature & b.Feature & c.Feature & d.Feature) >= 0)
                    {
                        if (a.Feature >= 0)
                        {
                            a = ref Unsafe.Add(ref nodes, a.Left + (AsDouble(Unsafe.Add(ref x0, a.Feature)) > a.Value ? 1 : 0));
                        }

                        if (b.Feature >= 0)
                        {
                            b = ref Unsafe.Add(ref nodes, b.Left + (AsDouble(Unsafe.Add(ref x1, b.Feature)) > b.Value ? 1 : 0));
                        }

                        if (c.Feature >= 0)
                        {
                            c = ref Unsafe.Add(ref nodes, c.Left + (AsDouble(Unsafe.Add(ref x2, c.Feature)) > c.Value ? 1 : 0));
                        }

                        if (d.Feature >= 0)
                        {
                            d = ref Unsafe.Add(ref nodes, d.Left + (AsDouble(Unsafe.Add(ref x3, d.Feature)) > d.Value ? 1 : 0));
                        }
                    }

                    acc[i] += a.Value;
                    acc[i + 1] += b.Value;
                    acc[i + 2] += c.Value;
                    acc[i + 3] += d.Value;
                }

                for (; i < length; i++)
                {
                    ref T x = ref Unsafe.Add(ref data, start + i);
                    ref IsolationNode node = ref Unsafe.Add(ref nodes, root);
                    while (node.Feature >= 0)
                    {
                        node = ref Unsafe.Add(ref nodes, node.Left + (AsDouble(Unsafe.Add(ref x, node.Feature)) > node.Value ? 1 : 0));
                    }

                    acc[i] += node.Value;
                }
            }

            for (int i = 0; i < length; i++)
            {
                scores[start + i] = legacy ? Math.Pow(2.0, acc[i] * legacyFactor) : Math.Pow(2.0, -(acc[i] / denominator));
            }
        }
    }

    /// <summary>The value as a double; the type test is resolved when the JIT specialises for float or double.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double AsDouble<T>(T value)
        where T : unmanaged
        => typeof(T) == typeof(float) ? Unsafe.As<T, float>(ref value) : Unsafe.As<T, double>(ref value);

    /// <summary>One thread's reusable buffers for growing trees.</summary>
    private sealed class Workspace(int windows, int window, int psi)
    {
        public IsolationTree Builder { get; } = new();

        /// <summary>The permutation buffer of <see cref="BaggingDraws.SampleWithoutReplacement"/>.</summary>
        public int[] Scratch { get; } = new int[Math.Max(windows, window)];

        public int[] Rows { get; } = new int[psi];

        private double[]? _weights;

        /// <summary>Bootstrap counts per row; all zero between trees.</summary>
        public double[] Weights => _weights ??= new double[windows];
    }
}
