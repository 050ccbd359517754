using Vigil.Evaluation.Metrics;
using Vigil.Evaluation.Nab;

namespace Vigil.Evaluation.Tests.Metrics;

/// <summary>
/// The composite F1 (point-wise precision, event recall; Garg et al. 2021) against the independent Python
/// implementation in benchmarks/nab-cv/f1_modes.py, on a small committed results folder (CompositeF1Fixture: four
/// files in two categories, five windows, scores with two decimals so that many rows tie).
/// </summary>
public sealed class CompositeF1Tests
{
    private static readonly string Root = Path.Combine(AppContext.BaseDirectory, "Metrics", "CompositeF1Fixture");

    /// <summary>
    /// Best F1 and its threshold per mode, as printed by
    /// <c>VIGIL_NAB_DIR=$F python3 benchmarks/nab-cv/f1_modes.py $F/results fixture</c> with
    /// <c>F=tests/Vigil.Evaluation.Tests/Metrics/CompositeF1Fixture</c> and its values printed with <c>!r</c>
    /// (full precision) instead of <c>.3f</c>.
    /// </summary>
    [Theory]
    [InlineData(F1Mode.Pointwise, 0.3676470588235293, 0.53)]
    [InlineData(F1Mode.PointAdjusted, 0.9701492537313433, 0.94)]
    [InlineData(F1Mode.Event, 0.7272727272727272, 0.96)]
    [InlineData(F1Mode.Composite, 0.7777777777777778, 0.94)]
    public void BestF1EqualsTheReferenceScript(F1Mode mode, double expectedF1, double expectedThreshold)
    {
        var best = F1Evaluator.Evaluate(Files(), null, mode);
        Assert.Equal(expectedThreshold, best.Threshold);
        Assert.Equal(expectedF1, best.Total.F1, 1e-15);
    }

    [Fact]
    public void CompositeIsPointwisePrecisionWithEventRecallAtAnyThreshold()
    {
        var files = Files();
        foreach (double threshold in new[] { 0.0, 0.3, 0.53, 0.94, 1.0 })
        {
            var composite = F1Evaluator.Evaluate(files, threshold, F1Mode.Composite);
            var pointwise = F1Evaluator.Evaluate(files, threshold, F1Mode.Pointwise);
            var events = F1Evaluator.Evaluate(files, threshold, F1Mode.Event);
            Assert.Equal(pointwise.Total.Precision, composite.Total.Precision);
            Assert.Equal(events.Total.Recall, composite.Total.Recall);
            Assert.Equal(events.Total.TruePositives, composite.Total.Windows!.Found);
            Assert.Equal(pointwise.Total with { Windows = null }, composite.Total with { Windows = null });
            Assert.Equal(composite.Total, composite.ByFile.Values.Aggregate(ConfusionCounts.Empty, (a, b) => a.Combine(b)));
        }
    }

    [Fact]
    public void FlaggingEveryRowCannotWinTheCompositeAsItWinsTheEventF1()
    {
        // At threshold 0 every scored row is flagged: the event F1 is 0.556 (every window, 8 false-positive runs),
        // the composite pays for every false-positive row.
        var files = Files();
        var everything = F1Evaluator.Evaluate(files, 0.0, F1Mode.Composite).Total;
        double precision = (double)everything.TruePositives / (everything.TruePositives + everything.FalsePositives);
        Assert.Equal(1.0, everything.Recall);
        Assert.Equal(2 * precision / (precision + 1), everything.F1, 1e-15);
        Assert.True(everything.F1 < F1Evaluator.Evaluate(files, null, F1Mode.Composite).Total.F1 / 3, $"composite F1 {everything.F1}");
        Assert.Equal(10.0 / 18, F1Evaluator.Evaluate(files, 0.0, F1Mode.Event).Total.F1, 1e-15);
    }

    private static List<(NabDataFile File, double[] Scores)> Files()
    {
        var corpus = NabCorpus.Load(Root);
        var results = NabDetectorResults.Load(corpus, Path.Combine(Root, "results"), "fixture");
        return corpus.Files.Select(f => (f, results.ScoresByFile[f.RelativePath])).ToList();
    }
}
