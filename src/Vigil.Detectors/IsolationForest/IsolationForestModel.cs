using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Vigil.Randomness;

namespace Vigil.Detectors.IsolationForest;

/// <summary>
/// A fitted forest: every tree's nodes in one flattened array (children side by side), the roots, the training
/// statistics and the normaliser c(ψ). Immutable once built; scoring is thread-safe.
/// </summary>
internal sealed class IsolationForestModel
{
    private const int Block = 512;
    private const int ParallelThreshold = 8192;

    private readonly IsolationNode[] _nodes;
    private readonly int[] _roots;

    public IsolationForestModel(int window, double mean, double scale, int sampleSize, IsolationNode[] nodes, int[] roots)
    {
        Window = window;
        Mean = mean;
        Scale = scale;
        SampleSize = sampleSize;
        _nodes = nodes;
        _roots = roots;
    }

    public int Window { get; }

    /// <summary>Subtracted from every value before scoring.</summary>
    public double Mean { get; }

    /// <summary>Multiplies every centred value (1 / training deviation, or 1).</summary>
    public double Scale { get; }

    /// <summary>ψ actually used (the option capped by the training windows); 0 for a model fitted on no window.</summary>
    public int SampleSize { get; }

    public int TreeCount => _roots.Length;

    public int NodeCount => _nodes.Length;

    /// <summary>Fits on every window of <paramref name="values"/> (already normalised).</summary>
    public static IsolationForestModel Fit(ReadOnlySpan<double> values, double mean, double scale, IsolationForestOptions options, CancellationToken ct)
    {
        int window = options.Window;
        int windows = values.Length >= window ? values.Length - window + 1 : 0;
        if (windows == 0)
        {
            return new IsolationForestModel(window, mean, scale, 0, [], []);
        }

        int psi = Math.Min(options.SampleSize, windows);
        int maxDepth = Math.Max(1, (int)Math.Ceiling(Math.Log2(Math.Max(psi, 2))));
        int featureCount = Math.Clamp((int)(options.MaxFeatures * window), 1, window);

        // One master stream gives every tree its own seed, so trees can grow in parallel and still be reproducible.
        var master = RandomSource.Create(options.Seed);
        var seeds = new int[options.Trees];
        for (int t = 0; t < seeds.Length; t++)
        {
            seeds[t] = (int)(master.NextUInt32() & int.MaxValue);
        }

        var data = values.ToArray();
        var trees = new IsolationNode[options.Trees][];
        Parallel.For(0, options.Trees, new ParallelOptions { CancellationToken = ct }, () => new int[windows], (t, _, pool) =>
        {
            var rng = RandomSource.Create(seeds[t]);
            var positions = Positions(window, featureCount, rng);
            var sample = Sample(pool, psi, options.Bootstrap, rng);
            trees[t] = IsolationTree.Grow(data, sample, positions, maxDepth, rng);
            return pool;
        }, _ => { });

        var roots = new int[trees.Length];
        var nodes = new IsolationNode[trees.Sum(t => t.Length)];
        int offset = 0;
        for (int t = 0; t < trees.Length; t++)
        {
            roots[t] = offset;
            foreach (var node in trees[t])
            {
                nodes[offset++] = node.IsLeaf ? node : node with { Left = node.Left + roots[t] };
            }
        }

        return new IsolationForestModel(window, mean, scale, psi, nodes, roots);
    }

    /// <summary>
    /// Anomaly score of each window of normalised <paramref name="values"/>: 2^(−E[h]/c(ψ)), in (0, 1]; 0.5 when the
    /// model could not learn anything (ψ ≤ 1), 0 when it was fitted on no window.
    /// </summary>
    public void Score(ReadOnlySpan<double> values, Span<double> scores)
    {
        int windows = scores.Length;
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

        double factor = -1.0 / (normaliser * _roots.Length);
        if (windows < ParallelThreshold)
        {
            ScoreBlocks(values, scores, 0, windows, factor);
            return;
        }

        var data = values.ToArray();
        var result = new double[windows];
        int blocks = (windows + Block - 1) / Block;
        Parallel.For(0, (blocks + 7) / 8, chunk =>
        {
            int start = chunk * 8 * Block;
            ScoreBlocks(data, result, start, Math.Min(windows, start + 8 * Block), factor);
        });
        result.CopyTo(scores);
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

    public static IsolationForestModel Read(BinaryReader reader)
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

        return new IsolationForestModel(window, mean, scale, sampleSize, nodes, roots);

        static int Checked(int count) => count is >= 0 and <= 100_000_000 ? count : throw new InvalidDataException($"Isolation forest state is corrupt (count {count}).");
    }

    private void ScoreBlocks(ReadOnlySpan<double> values, Span<double> scores, int from, int to, double factor)
    {
        Span<double> sums = stackalloc double[Block];
        ref IsolationNode nodes = ref MemoryMarshal.GetArrayDataReference(_nodes);
        ref double data = ref MemoryMarshal.GetReference(values);
        int window = Window;
        if (to - 1 + window > values.Length)
        {
            throw new ArgumentException("Too few values for the windows requested.", nameof(values));
        }

        for (int start = from; start < to; start += Block)
        {
            int length = Math.Min(Block, to - start);
            var acc = sums[..length];
            acc.Clear();

            // Implementation note: trees in the outer loop keep one tree's nodes hot in L1 for a whole block of
            // windows, and four windows descend together so their dependent loads overlap; the child is chosen
            // without a branch (left + (x > threshold)). Each window still sums its path lengths in tree order, so
            // results do not depend on blocking or parallelism. Bounds: every node's feature is < window and every
            // window start + window ≤ values.Length (checked above; node arrays are validated when read).
            foreach (int root in _roots)
            {
                int i = 0;
                for (; i + 4 <= length; i += 4)
                {
                    ref double x0 = ref Unsafe.Add(ref data, start + i);
                    ref double x1 = ref Unsafe.Add(ref x0, 1);
                    ref double x2 = ref Unsafe.Add(ref x0, 2);
                    ref double x3 = ref Unsafe.Add(ref x0, 3);
                    int n0 = root, n1 = root, n2 = root, n3 = root;
                    ref IsolationNode a = ref Unsafe.Add(ref nodes, root);
                    ref IsolationNode b = ref a, c = ref a, d = ref a;
                    while ((a.Feature & b.Feature & c.Feature & d.Feature) >= 0)
                    {
                        if (a.Feature >= 0)
                        {
                            n0 = a.Left + (Unsafe.Add(ref x0, a.Feature) > a.Value ? 1 : 0);
                            a = ref Unsafe.Add(ref nodes, n0);
                        }

                        if (b.Feature >= 0)
                        {
                            n1 = b.Left + (Unsafe.Add(ref x1, b.Feature) > b.Value ? 1 : 0);
                            b = ref Unsafe.Add(ref nodes, n1);
                        }

                        if (c.Feature >= 0)
                        {
                            n2 = c.Left + (Unsafe.Add(ref x2, c.Feature) > c.Value ? 1 : 0);
                            c = ref Unsafe.Add(ref nodes, n2);
                        }

                        if (d.Feature >= 0)
                        {
                            n3 = d.Left + (Unsafe.Add(ref x3, d.Feature) > d.Value ? 1 : 0);
                            d = ref Unsafe.Add(ref nodes, n3);
                        }
                    }

                    acc[i] += a.Value;
                    acc[i + 1] += b.Value;
                    acc[i + 2] += c.Value;
                    acc[i + 3] += d.Value;
                }

                for (; i < length; i++)
                {
                    ref double x = ref Unsafe.Add(ref data, start + i);
                    ref IsolationNode node = ref Unsafe.Add(ref nodes, root);
                    while (node.Feature >= 0)
                    {
                        node = ref Unsafe.Add(ref nodes, node.Left + (Unsafe.Add(ref x, node.Feature) > node.Value ? 1 : 0));
                    }

                    acc[i] += node.Value;
                }
            }

            for (int i = 0; i < length; i++)
            {
                scores[start + i] = Math.Pow(2.0, acc[i] * factor);
            }
        }
    }

    private static int[] Positions(int window, int count, IRandomSource rng)
    {
        var all = new int[window];
        for (int i = 0; i < window; i++)
        {
            all[i] = i;
        }

        if (count == window)
        {
            return all;
        }

        for (int i = 0; i < count; i++)
        {
            int j = i + rng.NextInt(window - i);
            (all[i], all[j]) = (all[j], all[i]);
        }

        return all[..count];
    }

    private static int[] Sample(int[] pool, int psi, bool bootstrap, IRandomSource rng)
    {
        int windows = pool.Length;
        var sample = new int[psi];
        if (bootstrap)
        {
            for (int i = 0; i < psi; i++)
            {
                sample[i] = rng.NextInt(windows);
            }

            return sample;
        }

        // Partial Fisher–Yates over the reusable pool of window indices.
        for (int i = 0; i < windows; i++)
        {
            pool[i] = i;
        }

        for (int i = 0; i < psi; i++)
        {
            int j = i + rng.NextInt(windows - i);
            (pool[i], pool[j]) = (pool[j], pool[i]);
            sample[i] = pool[i];
        }

        return sample;
    }
}
