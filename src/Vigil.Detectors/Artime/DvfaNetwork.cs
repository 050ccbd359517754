namespace Vigil.Detectors.Artime;

/// <summary>
/// The dual-vigilance fuzzy ART network (DVFA) of ARTimeNAB.jl's compact AdaptiveResonance module: complement-coded
/// categories, a fuzzy-AND match, an upper vigilance (<see cref="RhoUb"/>) above which categories learn by fast commit
/// and a lower one (<see cref="RhoLb"/>) above which a new category joins the best match's cluster.
/// </summary>
/// <remarks>
/// <para>
/// For input x (complemented to [x, 1−x], length 2d) and category weights w: em = min(x, w) element-wise, the
/// feature similarity is |em|₁/|w|₁ (|w|₁ replaced by 0.001 when 0), the energy similarity is
/// (em_d + em_2d)/(w_d + w_2d) (the last original feature and its complement), and the activation is
/// M = fs³·es² (Julia's literal powers: fs·fs·fs and es·es). The reported similarity A of a sample is the largest M
/// (0 when none is positive) and Ae the energy similarity of the first category reaching it.
/// </para>
/// <para>
/// Learning follows the reference's loop over categories in decreasing M (a stable sort, ties by index): every
/// category with M ≥ ρ_ub learns w ← min(x, w) and the sample takes the best one's label; otherwise, if the best
/// M ≥ ρ_lb, the sample becomes a new category with the best one's label; otherwise a new category in a new cluster,
/// returned as label −1 (the anomaly signal ARTime uses). Because each category's learning touches only its own
/// weights, the loop needs no sort: the same outcome comes from one pass over M. The reference also keeps the
/// min(x, w) vectors in a cache (<c>Wx</c>) that it rebuilds as <c>hcat(W, zeros)</c> after a category is added; every
/// column it reads is rewritten by the activation pass just before, so the cache is recomputed here instead.
/// </para>
/// <para>
/// The first sample the network sees creates a category of all ones (not the sample) and is not otherwise learned,
/// as in the reference. Not thread-safe; <see cref="Train"/> allocates only when the category store grows.
/// </para>
/// </remarks>
internal sealed class DvfaNetwork
{
    private double[] _weights;      // category-major: category j at [j·dim2, (j+1)·dim2)
    private double[] _weightNorms;  // |w_j|₁ as the reference computes it on every activation
    private int[] _labels;
    private double[] _match;
    private double[] _energy;
    private readonly double[] _complement;
    private readonly double[] _fuzzyAnd;

    /// <summary>Creates an empty network for inputs of <paramref name="dimension"/> features.</summary>
    public DvfaNetwork(int dimension)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        Dimension = dimension;
        const int initial = 16;
        _weights = new double[initial * 2 * dimension];
        _weightNorms = new double[initial];
        _labels = new int[initial];
        _match = new double[initial];
        _energy = new double[initial];
        _complement = new double[2 * dimension];
        _fuzzyAnd = new double[2 * dimension];
    }

    /// <summary>Input features (half the complement-coded width).</summary>
    public int Dimension { get; }

    /// <summary>Lower vigilance ρ_lb.</summary>
    public double RhoLb { get; set; }

    /// <summary>Upper vigilance ρ_ub.</summary>
    public double RhoUb { get; set; }

    /// <summary>Categories (the reference's <c>n_categories</c>).</summary>
    public int CategoryCount { get; private set; }

    /// <summary>Clusters (the reference's <c>n_clusters</c>).</summary>
    public int ClusterCount { get; private set; }

    /// <summary>Samples trained so far (the length of the reference's <c>A</c>).</summary>
    public int SampleCount { get; private set; }

    /// <summary>The best activation of the last sample (the reference's <c>A[end]</c>).</summary>
    public double LastSimilarity { get; private set; }

    /// <summary>The energy similarity of the best category of the last sample (the reference's <c>Ae[end]</c>).</summary>
    public double LastEnergySimilarity { get; private set; }

    /// <summary>
    /// Presents one sample of <see cref="Dimension"/> features. Returns the reference's label: −1 when the sample
    /// started a new cluster (or when not learning), else the label of the cluster it joined. With
    /// <paramref name="frozen"/> the label is decided the same way but no category learns or is added (Vigil's
    /// <c>learn: false</c>; the reference has no such mode).
    /// </summary>
    public int Train(ReadOnlySpan<double> features, bool learning = true, bool frozen = false)
    {
        int d = Dimension;
        if (features.Length != d)
        {
            throw new ArgumentException($"DVFA expects {d} features, got {features.Length}.", nameof(features));
        }

        SampleCount++;
        if (CategoryCount == 0)
        {
            // First sample: one category of ones, label 1; the sample itself is skipped.
            EnsureCapacity(1);
            _weights.AsSpan(0, 2 * d).Fill(1.0);
            _weightNorms[0] = JuliaArithmetic.Norm1(_weights.AsSpan(0, 2 * d));
            _labels[0] = 1;
            CategoryCount = 1;
            ClusterCount = 1;
            LastSimilarity = 0.0;
            LastEnergySimilarity = 0.0;
            return 1;
        }

        var x = _complement.AsSpan();
        for (int k = 0; k < d; k++)
        {
            x[k] = features[k];
            x[d + k] = 1.0 - features[k];
        }

        Activate(x);
        int n = CategoryCount;
        var m = _match.AsSpan(0, n);

        // Best match: the reference's running max over categories in decreasing M starting from 0.0.
        double best = 0.0;
        double bestEnergy = 0.0;
        int first = 0;        // the first category visited (largest M, smallest index)
        double top = m[0];
        for (int j = 0; j < n; j++)
        {
            if (m[j] > top)
            {
                top = m[j];
                first = j;
            }
        }

        if (top > 0.0)
        {
            best = top;
            bestEnergy = _energy[first];
        }

        LastSimilarity = best;
        LastEnergySimilarity = bestEnergy;
        if (!learning)
        {
            return -1;
        }

        if (top >= RhoUb)
        {
            // Every resonant category learns (fast commit); the label is that of the last one visited at the best M.
            int label = -1;
            for (int j = 0; j < n; j++)
            {
                if (m[j] >= RhoUb && !frozen)
                {
                    var w = _weights.AsSpan(j * 2 * d, 2 * d);
                    for (int k = 0; k < w.Length; k++)
                    {
                        w[k] = Math.Min(x[k], w[k]);
                    }

                    _weightNorms[j] = JuliaArithmetic.Norm1(w);
                }

                if (m[j] >= RhoUb && m[j] >= best)
                {
                    label = _labels[j];
                }
            }

            return label;
        }

        if (top >= RhoLb)
        {
            int label = _labels[first];
            if (!frozen)
            {
                AddCategory(x, label);
            }

            return label;
        }

        if (!frozen)
        {
            ClusterCount++;
            AddCategory(x, ClusterCount);
        }

        return -1;
    }

    /// <summary>Writes the weights, labels and vigilances.</summary>
    public void WriteState(BinaryWriter writer)
    {
        writer.Write(RhoLb);
        writer.Write(RhoUb);
        writer.Write(CategoryCount);
        writer.Write(ClusterCount);
        writer.Write(SampleCount);
        writer.Write(LastSimilarity);
        writer.Write(LastEnergySimilarity);
        int width = 2 * Dimension;
        for (int j = 0; j < CategoryCount; j++)
        {
            writer.Write(_labels[j]);
            foreach (double w in _weights.AsSpan(j * width, width))
            {
                writer.Write(w);
            }
        }
    }

    /// <summary>Reads what <see cref="WriteState"/> wrote into an empty network of the same dimension.</summary>
    public void ReadState(BinaryReader reader)
    {
        RhoLb = reader.ReadDouble();
        RhoUb = reader.ReadDouble();
        int categories = reader.ReadInt32();
        int clusters = reader.ReadInt32();
        int samples = reader.ReadInt32();
        if (categories < 0 || clusters < 0 || samples < 0 || clusters > categories)
        {
            throw new InvalidDataException("ARTime state: invalid DVFA category counts.");
        }

        LastSimilarity = reader.ReadDouble();
        LastEnergySimilarity = reader.ReadDouble();
        EnsureCapacity(categories);
        int width = 2 * Dimension;
        for (int j = 0; j < categories; j++)
        {
            _labels[j] = reader.ReadInt32();
            var w = _weights.AsSpan(j * width, width);
            for (int k = 0; k < width; k++)
            {
                w[k] = reader.ReadDouble();
            }

            _weightNorms[j] = JuliaArithmetic.Norm1(w);
        }

        CategoryCount = categories;
        ClusterCount = clusters;
        SampleCount = samples;
    }

    private void Activate(ReadOnlySpan<double> x)
    {
        int width = 2 * Dimension;
        int energyLow = Dimension - 1;      // Julia's em[ei] with ei = length(x) ÷ 2
        int energyHigh = width - 1;         // em[end]
        var em = _fuzzyAnd.AsSpan();
        for (int j = 0; j < CategoryCount; j++)
        {
            var w = _weights.AsSpan(j * width, width);
            for (int k = 0; k < width; k++)
            {
                em[k] = Math.Min(x[k], w[k]);
            }

            double numerator = JuliaArithmetic.Norm1(em);
            double weightNorm = _weightNorms[j];
            if (weightNorm == 0.0)
            {
                weightNorm = 0.001;
            }

            double featureSimilarity = numerator / weightNorm;
            double energySimilarity = (em[energyLow] + em[energyHigh]) / (w[energyLow] + w[energyHigh]);
            _match[j] = featureSimilarity * featureSimilarity * featureSimilarity * (energySimilarity * energySimilarity);
            _energy[j] = energySimilarity;
        }
    }

    private void AddCategory(ReadOnlySpan<double> x, int label)
    {
        EnsureCapacity(CategoryCount + 1);
        int width = 2 * Dimension;
        var w = _weights.AsSpan(CategoryCount * width, width);
        x.CopyTo(w);
        _weightNorms[CategoryCount] = JuliaArithmetic.Norm1(w);
        _labels[CategoryCount] = label;
        CategoryCount++;
    }

    private void EnsureCapacity(int categories)
    {
        if (categories <= _labels.Length)
        {
            return;
        }

        int capacity = Math.Max(categories, _labels.Length * 2);
        Array.Resize(ref _weights, capacity * 2 * Dimension);
        Array.Resize(ref _weightNorms, capacity);
        Array.Resize(ref _labels, capacity);
        Array.Resize(ref _match, capacity);
        Array.Resize(ref _energy, capacity);
    }
}
