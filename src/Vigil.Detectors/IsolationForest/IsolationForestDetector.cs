using Vigil.Numerics;
using Vigil.Detection;

namespace Vigil.Detectors.IsolationForest;

/// <summary>
/// Isolation Forest over sliding windows: each right-aligned window of <see cref="IsolationForestOptions.Window"/>
/// values is one sample; the score of a point is the isolation score of the window that ends at it.
/// </summary>
/// <remarks>
/// <para>
/// Algorithm: Liu, Ting &amp; Zhou, "Isolation Forest" (ICDM 2008) exactly as scikit-learn 1.2 implements it: each of
/// <see cref="IsolationForestOptions.Trees"/> trees grows on ψ = min(sampleSize, windows) windows drawn without
/// replacement (or with, under <see cref="IsolationForestOptions.Bootstrap"/>) to height ⌈log₂ ψ⌉ (see
/// <see cref="IsolationTree"/>), and the score is <c>s = 2^(−E[h(x)]/c(ψ))</c>, the negation of sklearn's
/// <c>score_samples</c>, in (0, 1] with higher = more anomalous. Paths ending in a leaf of n points add c(n)
/// (<see cref="AveragePathLength"/>).
/// </para>
/// <para>
/// Parity: <see cref="DetectorOptions.Seed"/> is scikit-learn's <c>random_state</c>. The random draws (NumPy's
/// <c>RandomState</c>, scikit-learn's bagging and tree generator) and the tree rules are reproduced, so the forest
/// is the one <c>IsolationForest(random_state=seed)</c> grows on the float32 matrix of windows, node for node, and
/// the scores equal its <c>-score_samples</c> up to the last bits of <c>log</c> and <c>pow</c> (bit for bit on the
/// NAB corpus with NumPy 1.24 on glibc).
/// </para>
/// <para>
/// Causality: the first <c>window − 1</c> points have no full window and score 0 (<see cref="ScoreSeries.WarmupLength"/>).
/// Normalisation uses the training series' statistics only. Training on fewer points than one window gives a model
/// that scores every point 0. Run under <see cref="BatchAsStreaming"/> for NAB's causal protocol, with
/// <see cref="IsolationForestOptions.RefitEvery"/> and <see cref="IsolationForestOptions.TrainWindow"/>.
/// </para>
/// <para>
/// Cost: fitting is O(trees·(windows + ψ·log ψ)): scikit-learn draws each tree's sample as the head of a permutation
/// of all windows (when there are at most 100·ψ of them), and reproducing its stream means drawing that permutation (about 1.4 MT19937 words per window
/// and tree), which dominates the fit of long series; trees grow in parallel. Scoring is
/// O(windows·trees·log ψ) over flattened node arrays, in parallel over blocks of windows for long series. Scores
/// do not depend on the degree of parallelism. Thread safety: <see cref="ScoreSamples"/> is thread-safe once fitted;
/// <see cref="Fit"/> is not.
/// </para>
/// </remarks>
public sealed class IsolationForestDetector : DetectorBase<IsolationForestOptions>, IBatchDetector, Vigil.Persistence.IPersistable
{
    /// <summary>
    /// Version of the persisted state layout written by <see cref="WriteState"/>: 2 since the forest reproduces
    /// scikit-learn's (float32 values, scikit-learn's normalisation and score arithmetic), 3 since the
    /// state starts with a fitted flag (an unfitted detector saved mid-probation); 1 and 2 are still read.
    /// </summary>
    public const int StateVersion = 3;

    private IsolationForestModel? _model;

    /// <summary>Creates an unfitted detector.</summary>
    /// <exception cref="Vigil.Validation.OptionsValidationException">The options are invalid.</exception>
    public IsolationForestDetector(IsolationForestOptions options)
        : base(options, Descriptor)
    {
    }

    /// <summary>Registry entry: <c>isolation-forest</c>.</summary>
    public static DetectorDescriptor Descriptor { get; } = new(
        Name: "isolation-forest",
        Kind: DetectorKind.Batch,
        OptionsType: typeof(IsolationForestOptions),
        StateVersion: StateVersion,
        Create: options => new IsolationForestDetector((IsolationForestOptions)options),
        Restore: (options, reader, version) => Restore((IsolationForestOptions)options, reader, version),
        Summary: "Isolation Forest (Liu, Ting & Zhou) on sliding windows, with scikit-learn's conventions.");

    /// <inheritdoc />
    public bool IsFitted => _model is not null;

    /// <summary>
    /// The points a score depends on: the last <see cref="IsolationForestOptions.Window"/>, one more with
    /// <see cref="IsolationForestOptions.Differences"/> (a window of w differences spans w + 1 values).
    /// </summary>
    public int ContextLength => Options.Window + (Options.Differences ? 1 : 0);

    /// <summary>
    /// Scores above this are outliers under <see cref="IsolationForestOptions.Contamination"/>: 0.5 for "auto" (sklearn's
    /// <c>offset_ = −0.5</c>), else the (1 − contamination) quantile of the training windows' scores. NaN before fitting.
    /// </summary>
    public double Threshold { get; private set; } = double.NaN;

    /// <summary>Trees in the fitted model (0 when it was fitted on fewer points than one window).</summary>
    public int TreeCount => _model?.TreeCount ?? 0;

    /// <summary>The sample size ψ actually used: the option capped by the number of training windows.</summary>
    public int EffectiveSampleSize => _model?.SampleSize ?? 0;

    /// <summary>Grows the forest on every window of <paramref name="train"/>; replaces any earlier fit.</summary>
    public void Fit(TimeSeries train, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(train);
        var values = Features(train.Values.Span);
        var (mean, deviation) = NormalizationOf(values);
        var model = IsolationForestModel.Fit(values, mean, deviation, Options, ct);
        Threshold = ThresholdFor(model, values);
        _model = model;
    }

    /// <summary>
    /// Grows only trees [<paramref name="firstTree"/>, <paramref name="endTree"/>) of the forest <see cref="Fit"/>
    /// would grow on <paramref name="train"/>; this detector stays as it was. Shards covering every tree, joined by
    /// <see cref="FitFromShards"/>, give exactly the forest of <see cref="Fit"/>: the same trees and the same scores,
    /// bit for bit. Thread-safe (it reads only the options).
    /// </summary>
    /// <param name="train">The whole training series (every shard needs all of it: each tree samples from all windows).</param>
    /// <param name="firstTree">First tree, in [0, endTree].</param>
    /// <param name="endTree">One past the last tree, at most <see cref="IsolationForestOptions.Trees"/>.</param>
    /// <param name="ct">Cancels the fit.</param>
    /// <exception cref="ArgumentOutOfRangeException">The range is not within [0, trees).</exception>
    public IsolationForestShard FitShard(TimeSeries train, int firstTree, int endTree, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(train);
        var values = Features(train.Values.Span);
        var (mean, deviation) = NormalizationOf(values);
        return new IsolationForestShard(firstTree, endTree, IsolationForestModel.FitTrees(values, mean, deviation, Options, firstTree, endTree, ct));
    }

    /// <summary>
    /// Fits by joining <paramref name="shards"/> (from <see cref="FitShard"/> on the same <paramref name="train"/> and
    /// options) in tree order; the threshold is computed from <paramref name="train"/> as <see cref="Fit"/> does.
    /// Replaces any earlier fit.
    /// </summary>
    /// <param name="train">The series the shards were fitted on.</param>
    /// <param name="shards">Shards whose ranges, taken in any order, tile [0, trees) without gap or overlap.</param>
    /// <exception cref="ArgumentException">The shards do not tile the forest, or were fitted on other data or options.</exception>
    public void FitFromShards(TimeSeries train, IReadOnlyCollection<IsolationForestShard> shards)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(shards);
        var ordered = shards.OrderBy(s => s.FirstTree).ThenBy(s => s.EndTree).ToList();
        int next = 0;
        foreach (var shard in ordered)
        {
            if (shard.FirstTree != next || shard.EndTree < shard.FirstTree)
            {
                throw new ArgumentException($"Isolation forest shards must cover trees 0..{Options.Trees - 1} once each; tree {next} is {(shard.FirstTree > next ? "missing" : "in two shards")}.", nameof(shards));
            }

            next = shard.EndTree;
        }

        if (next != Options.Trees)
        {
            throw new ArgumentException($"Isolation forest shards must cover trees 0..{Options.Trees - 1}; they end at tree {next - 1}.", nameof(shards));
        }

        var values = Features(train.Values.Span);
        var (mean, deviation) = NormalizationOf(values);
        var model = IsolationForestModel.Concatenate(ordered.Select(s => s.Model).ToList());
        if (model.Window != Options.Window || BitConverter.DoubleToInt64Bits(model.Mean) != BitConverter.DoubleToInt64Bits(mean)
            || BitConverter.DoubleToInt64Bits(model.Scale) != BitConverter.DoubleToInt64Bits(deviation))
        {
            throw new ArgumentException("Isolation forest shards were fitted on other data or with another window.", nameof(shards));
        }

        Threshold = ThresholdFor(model, values);
        _model = model;
    }

    /// <summary>The (mean, deviation) the forest normalises with: numpy's mean and population std when normalising, else (0, 1).</summary>
    private (double Mean, double Deviation) NormalizationOf(ReadOnlySpan<double> values)
    {
        if (!Options.Normalize || values.Length == 0)
        {
            return (0, 1);
        }

        // As the sklearn workload normalises: numpy's mean and population std (pairwise sums), then (x − mean) / std.
        double mean = NumpyStatistics.Mean(values);
        double sd = NumpyStatistics.PopulationStandardDeviation(values, mean, new double[values.Length]);
        return (mean, sd > 0 ? sd : 1.0);   // a constant series is only centred
    }

    /// <inheritdoc />
    public ScoreSeries ScoreSamples(TimeSeries series)
    {
        ArgumentNullException.ThrowIfNull(series);
        var model = _model ?? throw new NotFittedException(Descriptor.Name);
        int n = series.Length;
        int context = ContextLength;
        int warmup = Math.Min(n, context - 1);
        var scores = new double[n];
        if (n >= context)
        {
            model.Score(Features(series.Values.Span), scores.AsSpan(context - 1));
        }

        return new ScoreSeries(scores, warmup);
    }

    /// <summary>
    /// The series the forest sees: the values, or with <see cref="IsolationForestOptions.Differences"/> the first
    /// differences <c>x[i + 1] − x[i]</c> (one shorter, so the window ending at difference i ends at value i + 1).
    /// </summary>
    private ReadOnlySpan<double> Features(ReadOnlySpan<double> values)
    {
        if (!Options.Differences)
        {
            return values;
        }

        if (values.Length < 2)
        {
            return [];
        }

        var differences = new double[values.Length - 1];
        for (int i = 0; i < differences.Length; i++)
        {
            differences[i] = values[i + 1] - values[i];
        }

        return differences;
    }

    /// <summary>Writes whether it is fitted and, if so, the model (layout <see cref="StateVersion"/>, little-endian).</summary>
    public void WriteState(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(_model is not null);   // version 3: an unfitted detector (saved mid-probation) is a state too
        if (_model is null)
        {
            return;
        }

        writer.Write(Threshold);
        _model.Write(writer);
    }

    /// <summary>Restores a detector written by <see cref="WriteState"/>; it scores exactly as the original.</summary>
    /// <exception cref="InvalidDataException">The state is newer than this code, or corrupt.</exception>
    public static IsolationForestDetector Restore(IsolationForestOptions options, BinaryReader reader, int stateVersion)
    {
        ArgumentNullException.ThrowIfNull(reader);
        if (stateVersion is < 1 or > StateVersion)
        {
            throw new InvalidDataException($"isolation-forest state version {stateVersion} is not supported by this version of Vigil (it reads versions 1..{StateVersion}); upgrade Vigil to load it.");
        }

        var detector = new IsolationForestDetector(options);
        if (stateVersion >= 3 && !reader.ReadBoolean())
        {
            return detector;
        }

        double threshold = reader.ReadDouble();
        var model = IsolationForestModel.Read(reader, Math.Min(stateVersion, 2));   // version 3 only added the fitted flag
        if (model.Window != options.Window)
        {
            throw new InvalidDataException($"isolation-forest state was fitted with window {model.Window} but the options say {options.Window}.");
        }

        detector._model = model;
        detector.Threshold = threshold;
        return detector;
    }

    private double ThresholdFor(IsolationForestModel model, ReadOnlySpan<double> values)
    {
        if (Options.Contamination <= 0.0)
        {
            return 0.5;
        }

        int windows = values.Length >= model.Window ? values.Length - model.Window + 1 : 0;
        if (windows == 0)
        {
            return 0.5;
        }

        var scores = new double[windows];
        model.Score(values, scores);
        Array.Sort(scores);
        double position = (1.0 - Options.Contamination) * (windows - 1);
        int lower = (int)Math.Floor(position);
        int upper = Math.Min(lower + 1, windows - 1);
        return scores[lower] + (scores[upper] - scores[lower]) * (position - lower);
    }
}
