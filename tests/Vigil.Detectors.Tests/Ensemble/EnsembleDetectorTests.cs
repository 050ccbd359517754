using Vigil.Detection;
using Vigil.Detectors.ContextOse;
using Vigil.Detectors.Ensemble;
using Vigil.Testing;
using Vigil.Validation;
using Xunit;

namespace Vigil.Detectors.Tests.Ensemble;

public sealed class EnsembleDetectorTests
{
    private static readonly TimeSeries Series = SyntheticSeries.Spike(600, at: 450);

    private static SeriesContext Context => new(90, Series.Min(), Series.Max());

    private static long[] Bits(double[] scores) => scores.Select(BitConverter.DoubleToInt64Bits).ToArray();

    [Fact]
    public void OneMemberWithWeightOneIsThatMember()
    {
        var alone = StreamingRunner.Run(new ContextOseDetector(new ContextOseOptions()), Series, Context).Scores.ToArray();
        var ensemble = StreamingRunner.Run(new EnsembleDetector(new EnsembleOptions { Members = "context-ose", Weights = "1" }), Series, Context).Scores.ToArray();
        Assert.Equal(Bits(alone), Bits(ensemble));
        Assert.Contains(alone, s => s > 0);
    }

    [Fact]
    public void MemberOptionsAreAppliedAndScoresCombineByTheRule()
    {
        var options = new EnsembleOptions { Members = "context-ose {\"restPeriod\": 5}; windowed-gaussian", Weights = "0.8, 0.5", Rule = EnsembleRule.NoisyOr };
        var ensemble = new EnsembleDetector(options);
        Assert.Equal(5, ((ContextOseDetector)ensemble.MemberDetectors[0]).Options.RestPeriod);
        var a = new ContextOseDetector(new ContextOseOptions { RestPeriod = 5 });
        var b = (IStreamingDetector)new DetectorRegistry().AddBuiltInDetectors().Create("windowed-gaussian");
        ensemble.Prepare(Context);
        a.Prepare(Context);
        (b as ISeriesContextAware)?.Prepare(Context);
        var values = Series.Values.Span;
        var times = Series.Timestamps.Span;
        for (int i = 0; i < Series.Length; i++)
        {
            var x = new Observation(times[i], values[i]);
            double sa = Math.Clamp(a.Step(x), 0, 1);
            double sb = Math.Clamp(b.Step(x), 0, 1);
            double expected = 1.0 - ((1.0 - (0.8 * sa)) * (1.0 - (0.5 * sb)));
            Assert.Equal(expected, ensemble.Step(x), 12);
        }
    }

    [Theory]
    [InlineData(EnsembleRule.Max, 0.45)]
    [InlineData(EnsembleRule.NoisyOr, 1 - (0.55 * 0.8 * 0.9))]
    [InlineData(EnsembleRule.Mean, (0.45 + 0.2 + 0.1) / 2.0)]
    public void RulesCombineWeightedScores(EnsembleRule rule, double expected)
    {
        // Scores 0.9, 0.4, 0.1 with weights 0.5, 0.5, 1: weighted 0.45, 0.2, 0.1.
        Assert.Equal(expected, EnsembleDetector.Combine(rule, [0.9, 0.4, 0.1], [0.5, 0.5, 1.0]), 12);
    }

    [Fact]
    public void PeakWindowReportsOnlyNewMaxima()
    {
        var plain = StreamingRunner.Run(new EnsembleDetector(new EnsembleOptions { Members = "context-ose", Weights = "1" }), Series, Context).Scores.ToArray();
        var peaks = StreamingRunner.Run(new EnsembleDetector(new EnsembleOptions { Members = "context-ose", Weights = "1", PeakWindow = 20 }), Series, Context).Scores.ToArray();
        for (int t = 0; t < plain.Length; t++)
        {
            double previous = plain[Math.Max(0, t - 20)..t].DefaultIfEmpty(double.NegativeInfinity).Max();
            Assert.Equal(plain[t] > previous ? plain[t] : 0.0, peaks[t]);
        }
    }

    [Fact]
    public void SavedMidSeriesAndRestoredContinuesBitForBit()
    {
        var options = new EnsembleOptions { Members = "context-ose; htm {\"variant\":\"r0\", \"probationLength\": 100}", Weights = "1, 0.5", PeakWindow = 7 };
        var expected = StreamingRunner.Run(new EnsembleDetector(options), Series, Context).Scores.ToArray();
        var first = new EnsembleDetector(options);
        first.Prepare(Context);
        var values = Series.Values.Span;
        var times = Series.Timestamps.Span;
        var actual = new double[Series.Length];
        for (int i = 0; i < 250; i++)
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
        var restored = (EnsembleDetector)EnsembleDetector.Descriptor.Restore!(options, reader, EnsembleDetector.StateVersion);
        Assert.Equal(buffer.Length, buffer.Position);
        for (int i = 250; i < Series.Length; i++)
        {
            actual[i] = restored.Step(new Observation(times[i], values[i]));
        }

        Assert.Equal(Bits(expected), Bits(actual));
    }

    [Fact]
    public void UnknownMemberIsNamed()
    {
        var registry = new DetectorRegistry().AddBuiltInDetectors();
        var error = Assert.Throws<ArgumentException>(() => new EnsembleDetector(new EnsembleOptions { Members = "context-ose; no-such-detector", Weights = "1, 1" }, registry));
        Assert.Contains("no-such-detector", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("context-ose; htm", "1", "weights")]
    [InlineData("context-ose {oops}", "1", "members")]
    [InlineData(" ; htm", "1, 1", "members")]
    [InlineData("htm", "-1", "weights")]
    [InlineData("htm", "0", "weights")]
    public void MalformedOptionsAreRejectedNamingTheKey(string members, string weights, string key)
    {
        var error = Assert.Throws<OptionsValidationException>(() => new EnsembleDetector(new EnsembleOptions { Members = members, Weights = weights }));
        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MemberListParsesNamesAndJsonOptions()
    {
        var members = EnsembleMember.ParseList("artime; context-ose; htm {\"variant\":\"r0\"; \"x\": {\"y\": 1}}".Replace("\"r0\";", "\"r0\",", StringComparison.Ordinal));
        Assert.Equal(["artime", "context-ose", "htm"], members.Select(m => m.Name));
        Assert.Null(members[0].OptionsJson);
        Assert.Equal("{\"variant\":\"r0\", \"x\": {\"y\": 1}}", members[2].OptionsJson);
    }
}
