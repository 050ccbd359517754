using Vigil.Pipeline;

namespace Vigil.Core.Tests.Pipeline;

public sealed class ThresholdRuleTests
{
    [Theory]
    [InlineData("none", ThresholdKind.None, 0.0)]
    [InlineData("dynamic", ThresholdKind.Dynamic, 99.0)]
    [InlineData("p99", ThresholdKind.Percentile, 99.0)]
    [InlineData("P99.5", ThresholdKind.Percentile, 99.5)]
    [InlineData("p0", ThresholdKind.Percentile, 0.0)]
    [InlineData("0.7", ThresholdKind.Fixed, 0.7)]
    [InlineData("-1e-3", ThresholdKind.Fixed, -0.001)]
    public void ParsesTheGrammar(string text, ThresholdKind kind, double value)
    {
        var rule = ThresholdRule.Parse(text);
        Assert.Equal(kind, rule.Kind);
        Assert.Equal(value, rule.Value);
        Assert.Equal(rule, ThresholdRule.Parse(rule.ToString()));
    }

    [Theory]
    [InlineData("p101")]
    [InlineData("p")]
    [InlineData("NaN")]
    [InlineData("99%")]
    [InlineData("nab")]
    public void RejectsWhatIsNotInTheGrammarForAlarms(string text)
    {
        var e = Assert.Throws<FormatException>(() => ThresholdRule.Parse(text));
        Assert.Contains("dynamic", e.Message, StringComparison.Ordinal);
        Assert.Contains("pNN", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ScoringAcceptsNabButNotDynamic()
    {
        Assert.Equal(ThresholdRule.NabStandard, ThresholdRule.Parse("nab", ThresholdKind.NabStandard, ThresholdKind.Percentile, ThresholdKind.Fixed));
        var e = Assert.Throws<FormatException>(() => ThresholdRule.Parse("dynamic", ThresholdKind.NabStandard, ThresholdKind.Percentile, ThresholdKind.Fixed));
        Assert.Contains("nab", e.Message, StringComparison.Ordinal);
    }
}
