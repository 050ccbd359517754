using System.Globalization;
using System.Reflection;
using Vigil.Detection;
using Vigil.Persistence;
using Vigil.Validation;
using Xunit;

namespace Vigil.Testing;

/// <summary>
/// The contract every detector meets, as xunit facts. Derive a test class from it, supply
/// <see cref="Descriptor"/>, and the facts run against that detector:
/// <code>public sealed class SarimaConformance : DetectorConformance&lt;SarimaDetector&gt;
/// {
///     protected override DetectorDescriptor Descriptor =&gt; SarimaDetector.Descriptor;
/// }</code>
/// </summary>
/// <typeparam name="TDetector">The detector type the descriptor creates.</typeparam>
/// <remarks>
/// Streaming detectors run through <see cref="StreamingRunner"/>; batch detectors are fitted on a training
/// prefix (the context's probation length, or the first 15%) and then score the whole series — or, when their
/// options ask for refits (<see cref="IRefitOptions.RefitEvery"/> above 0), run causally through
/// <see cref="BatchAsStreaming"/> with that policy, as harnesses run them, so the facts cover refits and
/// fine-tunes too. Facts that do not apply to the detector's protocol (<see cref="ProtocolFactAttribute"/>) are
/// reported as skipped, with the reason.
/// </remarks>
public abstract class DetectorConformance<TDetector>
    where TDetector : class, IAnomalyDetector
{
    /// <summary>Length of the synthetic series the facts run on.</summary>
    protected const int SeriesLength = 500;

    /// <summary>The registry entry under test.</summary>
    protected abstract DetectorDescriptor Descriptor { get; }

    /// <summary>Options the facts run with; the descriptor's defaults unless overridden (e.g. to keep a slow detector small).</summary>
    protected virtual DetectorOptions Options => Descriptor.DefaultOptions();

    /// <summary>What a harness tells the detector before a series; null for nothing.</summary>
    protected virtual SeriesContext? Context => null;

    /// <summary>
    /// Whether <see cref="IStreamingDetector.Reset"/> returns the detector to its freshly created state.
    /// True for detectors without learned parameters (baselines); false for those that keep what they learned.
    /// </summary>
    protected virtual bool ResetRestoresFreshState => false;

    /// <summary>
    /// Largest relative difference allowed between the scores of a saved-and-loaded detector and an uninterrupted run
    /// (<see cref="SavedMidRunAndLoadedItContinuesAsAnUninterruptedRun"/>). 0, bit for bit, unless a detector documents
    /// why its restored arithmetic may differ (none does today: TorchSharp weights round-trip exactly).
    /// </summary>
    protected virtual double RoundTripTolerance => 0.0;

    /// <summary>
    /// Whether a new batch detector is already fitted (a pre-trained model loaded from a file): then the fact that an
    /// unfitted detector refuses to score does not apply, and is reported as skipped.
    /// </summary>
    protected virtual bool StartsFitted => false;

    /// <summary>
    /// Protocol facts (<see cref="ProtocolFactAttribute"/>) this detector is known to fail, by method name, with the
    /// reason and the issue that tracks it: reported as skipped with that text (visible in every run, never green).
    /// </summary>
    protected virtual IReadOnlyDictionary<string, string> KnownDefects => new Dictionary<string, string>();

    /// <summary>Whether every score must lie in [0, 1] (NAB-style detectors).</summary>
    protected virtual bool ScoresAreProbabilities => false;

    /// <summary>The series the facts run on: noise, a spike, a step and a random walk.</summary>
    protected virtual IReadOnlyList<TimeSeries> Series =>
    [
        SyntheticSeries.SineWithNoise(SeriesLength),
        SyntheticSeries.Spike(SeriesLength, at: 350),
        SyntheticSeries.StepChange(SeriesLength, at: 300),
        SyntheticSeries.RandomWalk(SeriesLength),
    ];

    /// <summary>The context for <paramref name="series"/>; <see cref="Context"/> unless overridden (e.g. to give its value range).</summary>
    protected virtual SeriesContext? ContextFor(TimeSeries series) => Context;

    /// <summary>A fresh detector created through the descriptor.</summary>
    protected TDetector CreateDetector(DetectorOptions? options = null)
    {
        var detector = Descriptor.Create(options ?? Options);
        return Assert.IsType<TDetector>(detector);
    }

    /// <summary>
    /// Scores <paramref name="series"/> with <paramref name="detector"/>. <paramref name="source"/> is the series
    /// <paramref name="series"/> was cut from (itself by default): its context is used, and batch detectors are
    /// fitted on its training prefix, so a prefix is scored by the same model as the whole.
    /// </summary>
    protected ScoreSeries Score(TDetector detector, TimeSeries series, TimeSeries? source = null)
    {
        source ??= series;
        switch (detector)
        {
            case IStreamingDetector streaming:
                return StreamingRunner.Run(streaming, series, ContextFor(source));
            case IBatchDetector batch when RefitPolicyFor(batch, source) is { RefitEvery: > 0 } policy:
                return StreamingRunner.Run(new BatchAsStreaming(batch, policy), series);
            case IBatchDetector batch:
                if (!batch.IsFitted)
                {
                    batch.Fit(TrainingPrefix(source));
                }

                return batch.ScoreSamples(series);
            default:
                throw new InvalidOperationException($"{typeof(TDetector).Name} implements neither IStreamingDetector nor IBatchDetector.");
        }
    }

    /// <summary>
    /// How a harness runs <paramref name="batch"/> causally on <paramref name="source"/>: fitted on its
    /// <see cref="TrainingPrefix"/>, refitted as the detector's <see cref="IRefitOptions"/> say (never, without them).
    /// </summary>
    protected RefitPolicy RefitPolicyFor(IBatchDetector batch, TimeSeries source)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return RefitPolicy.For(batch.Options, TrainingPrefix(source).Length);
    }

    /// <summary>The points a batch detector is fitted on: the probation length, else <see cref="Probation.LengthFor"/> (at least one point).</summary>
    protected TimeSeries TrainingPrefix(TimeSeries source)
    {
        int length = ContextFor(source)?.ProbationLength ?? Probation.LengthFor(source.Length);
        return source.Slice(0, Math.Clamp(length, Math.Min(1, source.Length), source.Length));
    }

    /// <summary>The descriptor creates a <typeparamref name="TDetector"/> of its declared kind.</summary>
    [Fact]
    public void DescriptorCreatesTheDetectorOfItsKind()
    {
        var detector = CreateDetector();
        Assert.Same(Descriptor, detector.Descriptor);
        Assert.Equal(Descriptor.OptionsType, detector.Options.GetType());
        Assert.Equal(Descriptor.Kind == DetectorKind.Streaming, detector is IStreamingDetector);
        Assert.Equal(Descriptor.Kind == DetectorKind.Batch, detector is IBatchDetector);
    }

    /// <summary>Default options and the options under test are valid.</summary>
    [Fact]
    public void DefaultOptionsAreValid()
    {
        Assert.Empty(Descriptor.DefaultOptions().Validate());
        Assert.Empty(Options.Validate());
    }

    /// <summary>A value just below or above any <c>[Range]</c> fails validation with an error naming the key.</summary>
    [Fact]
    public void OptionsJustOutsideEveryRangeFailValidationNamingTheKey()
    {
        var failures = new List<string>();
        foreach (var (property, value) in OutOfRangeValues())
        {
            var options = With(Options, property, value);
            var exception = Record.Exception(() => Descriptor.Create(options));
            string setting = $"{property.Key} = {Convert.ToString(value, CultureInfo.InvariantCulture)}";
            if (exception is not OptionsValidationException invalid)
            {
                failures.Add($"{setting}: expected OptionsValidationException, got {exception?.GetType().Name ?? "no exception"}.");
            }
            else if (!invalid.Errors.Any(e => e.Key == property.Key) || !invalid.Message.Contains(property.Key, StringComparison.Ordinal))
            {
                failures.Add($"{setting}: the error does not name '{property.Key}': {invalid.Message}");
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    /// <summary>With several options out of range at once, one exception lists every one of them.</summary>
    [Fact]
    public void EveryInvalidOptionIsReportedInOneException()
    {
        var options = Options;
        var keys = new List<string>();
        foreach (var group in OutOfRangeValues().GroupBy(v => v.Property.Key))
        {
            var (property, value) = group.First();
            options = With(options, property, value);
            keys.Add(property.Key);
        }

        var exception = Assert.Throws<OptionsValidationException>(() => Descriptor.Create(options));
        Assert.Equal(Descriptor.Name, exception.Subject);
        foreach (string key in keys)
        {
            Assert.Contains(exception.Errors, e => e.Key == key);
        }
    }

    /// <summary>Every row gets exactly one finite score.</summary>
    [Fact]
    public void ThereIsOneFiniteScorePerRow()
    {
        foreach (var series in Series)
        {
            var scores = Score(CreateDetector(), series).Scores.Span;
            Assert.Equal(series.Length, scores.Length);
            for (int i = 0; i < scores.Length; i++)
            {
                Assert.True(double.IsFinite(scores[i]), $"{series.Id}: score {scores[i]} at row {i} is not finite.");
                if (ScoresAreProbabilities)
                {
                    Assert.True(scores[i] is >= 0.0 and <= 1.0, $"{series.Id}: score {scores[i]} at row {i} is outside [0, 1].");
                }
            }
        }
    }

    /// <summary>Two detectors with the same options and seed give bitwise identical scores.</summary>
    [Fact]
    public void SameOptionsAndSeedGiveIdenticalScores()
    {
        foreach (var series in Series)
        {
            Assert.Equal(Bits(Score(CreateDetector(), series)), Bits(Score(CreateDetector(), series)));
        }
    }

    /// <summary>No look-ahead: scoring the first k points gives the first k scores of the full run, bit for bit.</summary>
    [Fact]
    public void ScoresOfPrefixArePrefixOfScores()
    {
        foreach (var series in Series)
        {
            long[] full = Bits(Score(CreateDetector(), series));
            foreach (int k in new[] { 1, 2, 17, 100, 251, series.Length - 1 })
            {
                long[] prefix = Bits(Score(CreateDetector(), series.Slice(0, k), source: series));
                Assert.True(full.AsSpan(0, k).SequenceEqual(prefix), $"{series.Id}: scores of the first {k} points differ from the full run's.");
            }
        }
    }

    /// <summary>Scoring (and, for batch detectors, fitting) leaves the series it was given exactly as it was.</summary>
    [Fact]
    public void TheInputSeriesIsLeftUnchanged()
    {
        foreach (var series in Series)
        {
            var values = series.Values.ToArray();
            var timestamps = series.Timestamps.ToArray();
            Score(CreateDetector(), series);
            Assert.True(values.AsSpan().SequenceEqual(series.Values.Span), $"{series.Id}: the detector changed the values it was given.");
            Assert.True(timestamps.AsSpan().SequenceEqual(series.Timestamps.Span), $"{series.Id}: the detector changed the timestamps it was given.");
        }
    }

    /// <summary>A constant series gets finite scores.</summary>
    [Fact]
    public void ConstantSeriesIsHandled()
    {
        var series = SyntheticSeries.Constant(200);
        var scores = Score(CreateDetector(), series).Scores.ToArray();
        Assert.Equal(series.Length, scores.Length);
        Assert.All(scores, s => Assert.True(double.IsFinite(s)));
    }

    /// <summary>A series of one point gets one finite score.</summary>
    [Fact]
    public void LengthOneSeriesIsHandled()
    {
        var series = SyntheticSeries.Create("single", [42.0]);
        var scores = Score(CreateDetector(), series).Scores.ToArray();
        Assert.Single(scores);
        Assert.True(double.IsFinite(scores[0]));
    }

    /// <summary>Resetting a fresh streaming detector changes nothing.</summary>
    [ProtocolFact(DetectorProtocol.Streaming)]
    public void ResetOnAFreshDetectorChangesNothing()
    {
        var detector = CreateDetector();
        var streaming = Assert.IsAssignableFrom<IStreamingDetector>(detector);

        streaming.Reset();
        foreach (var series in Series)
        {
            Assert.Equal(Bits(Score(CreateDetector(), series)), Bits(Score(detector, series)));
            streaming.Reset();
        }
    }

    /// <summary>When <see cref="ResetRestoresFreshState"/>, a detector reset after a run scores like a fresh one.</summary>
    [ProtocolFact(DetectorProtocol.Streaming, RequiresResetToFreshState = true)]
    public void ResetAfterARunScoresLikeAFreshDetector()
    {
        var detector = CreateDetector();
        Assert.True(ResetRestoresFreshState);
        var streaming = Assert.IsAssignableFrom<IStreamingDetector>(detector);

        var series = Series;
        Score(detector, series[^1]);
        streaming.Reset();
        Assert.Equal(Bits(Score(CreateDetector(), series[0])), Bits(Score(detector, series[0])));
    }

    /// <summary>A batch detector that was never fitted refuses to score.</summary>
    [ProtocolFact(DetectorProtocol.Batch, RequiresUnfittedStart = true)]
    public void ScoringBeforeFitThrowsNotFitted()
    {
        var batch = Assert.IsAssignableFrom<IBatchDetector>(CreateDetector());

        Assert.False(batch.IsFitted);
        Assert.Throws<NotFittedException>(() => batch.ScoreSamples(Series[0]));
    }

    /// <summary>
    /// A batch detector run causally through <see cref="BatchAsStreaming"/> (fitted on the same training prefix)
    /// gives, after that prefix, the scores batch scoring gives: scoring a point from its trailing
    /// <see cref="IBatchDetector.ContextLength"/> points is the same as scoring it within the whole series.
    /// </summary>
    [ProtocolFact(DetectorProtocol.Batch)]
    public void StreamingAdapterAgreesWithBatchScoring()
    {
        Assert.IsAssignableFrom<IBatchDetector>(CreateDetector());

        foreach (var series in Series)
        {
            var train = TrainingPrefix(series);
            var batch = (IBatchDetector)CreateDetector();
            batch.Fit(train);
            var expected = batch.ScoreSamples(series).Scores.ToArray();

            var streamed = StreamingRunner.Run(new BatchAsStreaming((IBatchDetector)CreateDetector(), new RefitPolicy(train.Length)), series).Scores.ToArray();
            int context = ((IBatchDetector)CreateDetector()).ContextLength;
            int start = Math.Min(series.Length, context == int.MaxValue ? train.Length : Math.Max(train.Length, context - 1));
            Assert.Equal(Bits(new ScoreSeries(expected[start..], 0)), Bits(new ScoreSeries(streamed[start..], 0)));
        }
    }

    /// <summary>
    /// <see cref="CausalBatchScorer"/> (one model call per refit period, as the NAB runner scores) gives, row for row,
    /// the scores of <see cref="BatchAsStreaming"/> under the detector's own refit policy, refits and fine-tunes included;
    /// with <c>scoreTrainingRows</c>, the training rows get the first model's in-sample scores and the rest is unchanged.
    /// </summary>
    // A pre-trained detector has no training prefix to fit on: the adapter scores it from the first row, the one-pass
    // scorer leaves the prefix at 0, so the premise does not apply (RequiresUnfittedStart).
    [ProtocolFact(DetectorProtocol.Batch, RequiresUnfittedStart = true)]
    public void OnePassCausalScoringAgreesWithTheStreamingAdapter()
    {
        var probe = Assert.IsAssignableFrom<IBatchDetector>(CreateDetector());

        foreach (var series in Series)
        {
            var policy = RefitPolicyFor(probe, series);
            var streamed = StreamingRunner.Run(new BatchAsStreaming((IBatchDetector)CreateDetector(), policy), series);
            var onePass = CausalBatchScorer.Score((IBatchDetector)CreateDetector(), series, policy);
            Assert.True(Bits(streamed).AsSpan().SequenceEqual(Bits(new ScoreSeries(onePass, 0))), $"{series.Id}: one-pass causal scores differ from the adapter's.");

            var withTraining = CausalBatchScorer.Score((IBatchDetector)CreateDetector(), series, policy, scoreTrainingRows: true);
            int train = Math.Min(policy.TrainLength, series.Length);
            Assert.True(Bits(new ScoreSeries(onePass[train..], 0)).AsSpan().SequenceEqual(Bits(new ScoreSeries(withTraining[train..], 0))), $"{series.Id}: in-sample training scores changed later scores.");
            if (series.Length >= policy.TrainLength)
            {
                var first = (IBatchDetector)CreateDetector();
                first.Fit(series.Slice(0, policy.TrainLength));
                Assert.Equal(Bits(first.ScoreSamples(series.Slice(0, policy.TrainLength))), Bits(new ScoreSeries(withTraining[..train], 0)));
            }
        }
    }

    /// <summary>
    /// Every detector can be saved at any row (during its training prefix or after) through <see cref="ModelStore"/>,
    /// loaded through its descriptor's <see cref="DetectorDescriptor.Restore"/>, and continued: the scores of the
    /// continuation equal those of one uninterrupted run, bit for bit (or within <see cref="RoundTripTolerance"/>).
    /// Batch detectors run causally through <see cref="BatchAsStreaming"/>, whose buffer is saved with them.
    /// </summary>
    [ProtocolFact(DetectorProtocol.Any)]
    public void SavedMidRunAndLoadedItContinuesAsAnUninterruptedRun()
    {
        var probe = CreateDetector();
        Assert.True(Descriptor.Restore is not null && probe is IPersistable,
            $"'{Descriptor.Name}' cannot be saved: implement IPersistable and give its descriptor a Restore.");
        var registry = new DetectorRegistry().Add(Descriptor);
        foreach (var series in Series.Take(2))
        {
            var expected = StreamingRunner.Run(Streaming(CreateDetector(), series), series, ContextFor(series)).Scores.ToArray();
            foreach (int split in new[] { Math.Max(1, TrainingPrefix(series).Length / 2), series.Length * 2 / 3 })
            {
                var detector = CreateDetector();
                var runner = Streaming(detector, series);
                var first = StreamingRunner.Run(runner, series.Slice(0, split), ContextFor(series)).Scores.ToArray();
                using var archive = new MemoryStream();
                ModelStore.Save(archive, detector, runner: runner as BatchAsStreaming);
                archive.Position = 0;
                var loaded = ModelStore.Load(archive, registry);
                Assert.Equal(Descriptor.Name, loaded.Manifest.Detector);
                Assert.Equal(OptionsBinder.ToJson(detector.Options), OptionsBinder.ToJson(loaded.Detector.Options));
                var rest = StreamingRunner.Run(loaded.Continue(), series.Slice(split, series.Length - split)).Scores.ToArray();
                double[] resumed = [.. first, .. rest];
                for (int i = 0; i < expected.Length; i++)
                {
                    bool same = RoundTripTolerance == 0.0
                        ? BitConverter.DoubleToInt64Bits(expected[i]) == BitConverter.DoubleToInt64Bits(resumed[i])
                        : Math.Abs(expected[i] - resumed[i]) <= RoundTripTolerance * Math.Max(1.0, Math.Abs(expected[i]));
                    Assert.True(same, $"{series.Id}, saved after row {split}: row {i} scores {resumed[i]:R} after loading, {expected[i]:R} uninterrupted.");
                }

                (loaded.Detector as IDisposable)?.Dispose();
                (detector as IDisposable)?.Dispose();
            }
        }
    }

    /// <summary>The detector as a harness runs it point by point: itself, or a batch detector under its refit policy.</summary>
    private IStreamingDetector Streaming(TDetector detector, TimeSeries source) => detector switch
    {
        IStreamingDetector streaming => streaming,
        IBatchDetector batch => new BatchAsStreaming(batch, RefitPolicyFor(batch, source)),
        _ => throw new InvalidOperationException($"{typeof(TDetector).Name} implements neither IStreamingDetector nor IBatchDetector."),
    };

    /// <summary>For each ranged int or double option, the representable values just below its minimum and just above its maximum.</summary>
    protected IEnumerable<(OptionProperty Property, object Value)> OutOfRangeValues()
    {
        foreach (var property in OptionProperty.Of(Descriptor.OptionsType))
        {
            if (property.Range is not { } range)
            {
                continue;
            }

            var type = property.Info.PropertyType;
            if (type == typeof(int))
            {
                long min = Convert.ToInt64(range.Minimum, CultureInfo.InvariantCulture);
                long max = Convert.ToInt64(range.Maximum, CultureInfo.InvariantCulture);
                if (min > int.MinValue)
                {
                    yield return (property, (int)(min - 1));
                }

                if (max < int.MaxValue)
                {
                    yield return (property, (int)(max + 1));
                }
            }
            else if (type == typeof(double))
            {
                double min = Convert.ToDouble(range.Minimum, CultureInfo.InvariantCulture);
                double max = Convert.ToDouble(range.Maximum, CultureInfo.InvariantCulture);
                if (!double.IsNegativeInfinity(min))
                {
                    yield return (property, Math.BitDecrement(min));
                }

                if (!double.IsPositiveInfinity(max))
                {
                    yield return (property, Math.BitIncrement(max));
                }
            }
        }
    }

    /// <summary>A copy of <paramref name="options"/> with one property changed (records are cloned, never mutated).</summary>
    protected static DetectorOptions With(DetectorOptions options, OptionProperty property, object value)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(property);
        var clone = options.GetType().GetMethod("<Clone>$", BindingFlags.Public | BindingFlags.Instance)
            ?? throw new InvalidOperationException($"{options.GetType().Name} is not a record.");
        var copy = (DetectorOptions)clone.Invoke(options, null)!;
        property.Info.SetValue(copy, value);
        return copy;
    }

    /// <summary>Scores as raw bits, so comparisons are exact (and NaN-safe).</summary>
    protected static long[] Bits(ScoreSeries scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        var span = scores.Scores.Span;
        var bits = new long[span.Length];
        for (int i = 0; i < span.Length; i++)
        {
            bits[i] = BitConverter.DoubleToInt64Bits(span[i]);
        }

        return bits;
    }
}
