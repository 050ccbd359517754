using Vigil.Detection;
using Vigil.Detectors.ContextOse;
using Vigil.Testing;
using Vigil.Validation;
using Xunit;

namespace Vigil.Detectors.Tests.ContextOse;

public sealed class ContextOseDetectorTests
{
    private static readonly TimeSeries Series = SyntheticSeries.Spike(600, at: 450);

    private static SeriesContext ContextOf(TimeSeries series) => new(90, series.Min(), series.Max());

    private static double[] RunUninterrupted(ContextOseOptions options, TimeSeries series) =>
        StreamingRunner.Run(new ContextOseDetector(options), series, ContextOf(series)).Scores.ToArray();

    [Theory]
    [InlineData(ContextOseVariant.Nab)]
    [InlineData(ContextOseVariant.Predictive)]
    public void SavedMidSeriesAndRestoredContinuesBitForBit(ContextOseVariant variant)
    {
        var options = new ContextOseOptions { Variant = variant };
        double[] expected = RunUninterrupted(options, Series);
        var values = Series.Values.Span;
        var times = Series.Timestamps.Span;

        var first = new ContextOseDetector(options);
        first.Prepare(ContextOf(Series));
        var actual = new double[Series.Length];
        for (int i = 0; i < 300; i++)
        {
            actual[i] = first.Step(new Observation(times[i], values[i]));
        }

        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            first.WriteState(writer);
        }

        buffer.Position = 0;
        using var reader = new BinaryReader(buffer);
        var restored = (ContextOseDetector)ContextOseDetector.Descriptor.Restore!(options, reader, ContextOseDetector.StateVersion);
        Assert.Equal(buffer.Length, buffer.Position);
        Assert.Equal(first.ContextCount, restored.ContextCount);
        for (int i = 300; i < Series.Length; i++)
        {
            actual[i] = restored.Step(new Observation(times[i], values[i]));
        }

        Assert.Equal(expected.Select(BitConverter.DoubleToInt64Bits), actual.Select(BitConverter.DoubleToInt64Bits));
        Assert.Contains(expected, s => s > 0);
    }

    [Fact]
    public void NewerStateVersionIsRefusedWithAClearMessage()
    {
        using var reader = new BinaryReader(new MemoryStream(new byte[16]));
        var error = Assert.Throws<InvalidDataException>(() => ContextOseDetector.Restore(new ContextOseOptions(), reader, ContextOseDetector.StateVersion + 1));
        Assert.Contains("newer", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ForeignStateIsRefused()
    {
        using var reader = new BinaryReader(new MemoryStream(new byte[16]));
        Assert.Throws<InvalidDataException>(() => ContextOseDetector.Restore(new ContextOseOptions(), reader, ContextOseDetector.StateVersion));
    }

    [Theory]
    // NAB: probation 604 → rest period 120.8 → int() = 120; probation 750 → 150.
    [InlineData(604, 0.0, 120)]
    [InlineData(750, 0.0, 150)]
    [InlineData(3, 0.0, 0)]
    [InlineData(750, 12.9, 12)]
    public void RestPeriodIsProbationOverFiveTruncatedUnlessGiven(int probation, double option, long expected)
    {
        var detector = new ContextOseDetector(new ContextOseOptions { RestPeriod = option });
        detector.Prepare(new SeriesContext(probation, 0, 10));
        detector.Step(new Observation(SyntheticSeries.Start, 1));
        Assert.Equal(expected, detector.RestRows);
    }

    [Fact]
    public void WithoutAHarnessTheRestPeriodIsCadsDefault()
    {
        var detector = new ContextOseDetector(new ContextOseOptions());
        detector.Step(new Observation(SyntheticSeries.Start, 1));
        Assert.Equal(30, detector.RestRows);
    }

    [Fact]
    public void FirstRestPeriodRowsScoreZero()
    {
        // The history starts as [1.0], which silences the first rest-period rows whatever the raw scores.
        double[] scores = RunUninterrupted(new ContextOseOptions(), Series);
        Assert.All(scores[..18], s => Assert.Equal(0.0, s));
    }

    [Fact]
    public void ARestPeriodBelowOneRowCountsTheWholeHistory()
    {
        // A rest period of 0 rows counts the whole history (Python's history[-0:]), so the initial 1.0 silences everything.
        var silent = new ContextOseDetector(new ContextOseOptions { RestPeriod = 0.5 });
        var scores = StreamingRunner.Run(silent, Series, ContextOf(Series)).Scores.ToArray();
        Assert.All(scores, s => Assert.Equal(0.0, s));
    }

    [Theory]
    // int((v - min) / step) with min 0, max 7 (step 1): 5 = '101' → facts 1, 2, 5; 0 → '000' → 0, 2, 4;
    // 9 = '1001' (wider than 3 bits) → 1, 2, 4, 7.
    [InlineData(5.0, new long[] { 1, 2, 5 })]
    [InlineData(0.0, new long[] { 0, 2, 4 })]
    [InlineData(5.99, new long[] { 1, 2, 5 })]
    [InlineData(9.0, new long[] { 1, 2, 4, 7 })]
    // -1.5 truncates to -1: bin(-1) = '-0b1', which lstrip("0b") leaves alone: reversed '1', 'b', '0', '-' → 1, 2, 4, 6.
    [InlineData(-1.5, new long[] { 1, 2, 4, 6 })]
    // -0.5 truncates toward zero to 0.
    [InlineData(-0.5, new long[] { 0, 2, 4 })]
    public void ValuesBecomeSensorFactsAsPythonsBinDoes(double value, long[] expected)
    {
        var detector = new ContextOseDetector(new ContextOseOptions { InputMin = 0, InputMax = 7 });
        detector.Step(new Observation(SyntheticSeries.Start, 3));
        Assert.Equal(expected, detector.Encode(value));
    }

    [Fact]
    public void PredictiveEditionOffsetsSensorFacts()
    {
        var detector = new ContextOseDetector(new ContextOseOptions { InputMin = 0, InputMax = 7, Variant = ContextOseVariant.Predictive });
        detector.Step(new Observation(SyntheticSeries.Start, 3));
        Assert.Equal([65537, 65538, 65541], detector.Encode(5));
    }

    [Fact]
    public void PredictiveEditionScoresZeroOnAPredictedRepeat()
    {
        // A constant series: once learned, every fact is predicted, so the predictive edition scores 0 where NAB's does not.
        var constant = new TimeSeries("constant", Enumerable.Range(0, 400).Select(i => SyntheticSeries.Start.AddMinutes(5 * i)).ToArray(), Enumerable.Repeat(1.0, 400).ToArray());
        var context = new SeriesContext(100, 0, 7);
        var nab = StreamingRunner.Run(new ContextOseDetector(new ContextOseOptions()), constant, context).Scores.ToArray();
        var predictive = StreamingRunner.Run(new ContextOseDetector(new ContextOseOptions { Variant = ContextOseVariant.Predictive }), constant, context).Scores.ToArray();
        Assert.All(predictive[100..], s => Assert.Equal(0.0, s));
        Assert.Contains(nab[100..], s => s > 0);
    }

    [Fact]
    public void InputRangeMustBeGivenWhole()
    {
        var error = Assert.Throws<OptionsValidationException>(() => new ContextOseDetector(new ContextOseOptions { InputMin = 1 }));
        Assert.Contains("inputMax", error.Message, StringComparison.Ordinal);
        Assert.Throws<OptionsValidationException>(() => new ContextOseDetector(new ContextOseOptions { InputMin = 2, InputMax = 1 }));
    }

    [Fact]
    public void NonFiniteValueIsRejectedNamingIt()
    {
        var detector = new ContextOseDetector(new ContextOseOptions());
        var error = Assert.Throws<ArgumentException>(() => detector.Step(new Observation(SyntheticSeries.Start, double.NaN)));
        Assert.Contains("NaN", error.Message, StringComparison.Ordinal);
    }
}
