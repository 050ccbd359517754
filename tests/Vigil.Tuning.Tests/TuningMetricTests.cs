using Vigil.Evaluation.Metrics;
using Vigil.Tuning.Objectives;

namespace Vigil.Tuning.Tests;

public sealed class TuningMetricTests
{
    [Theory]
    [InlineData("f1.composite", "f1.composite", TuningMetricKind.BestF1, F1Mode.Composite, 0.0)]
    [InlineData("F1.Composite@p99", "f1.composite@p99", TuningMetricKind.PercentileF1, F1Mode.Composite, 99.0)]
    [InlineData("f1.pa", "f1.point-adjusted", TuningMetricKind.BestF1, F1Mode.PointAdjusted, 0.0)]
    [InlineData("f1.event@p99.5", "f1.event@p99.5", TuningMetricKind.PercentileF1, F1Mode.Event, 99.5)]
    public void F1MetricsParseToTheirModeAndCanonicalName(string text, string name, TuningMetricKind kind, F1Mode mode, double percentile)
    {
        var metric = TuningMetric.Parse(text);
        Assert.Equal(name, metric.Name);
        Assert.Equal(kind, metric.Kind);
        Assert.Equal(mode, metric.Mode);
        Assert.Equal(percentile, metric.Percentile);
        Assert.Equal(StudyDirection.Maximize, metric.Direction);
    }

    [Fact]
    public void AnUnknownModeListsTheKnownNamesCompositeIncluded()
    {
        var error = Assert.Throws<FormatException>(() => TuningMetric.Parse("f1.window"));
        Assert.Contains("f1.composite", error.Message, StringComparison.Ordinal);
    }
}
