using Vigil.Evaluation.Metrics;
using Vigil.Evaluation.Nab;
using Vigil.Evaluation.Tests.Nab;
using Vigil.Randomness;

namespace Vigil.Evaluation.Tests.Metrics;

/// <summary>F1 at a per-file percentile of the probationary scores (<c>--f1-threshold pNN</c>).</summary>
public sealed class ProbationPercentileF1Tests
{
    /// <summary>
    /// A results folder small enough to count by hand. Probationary length p = floor(0.15 n).
    /// one/a.csv (n 40, p 6, windows 12..21 and 30..34): probation 0, .5, .25, .75, .5, .25 → sorted 0, .25, .25, .5, .5, .75;
    ///   p99: index 0.99 × 5 = 4.95 → .5 + (.75 − .5) × .95 = .7375. Later rows .7 except .8 at 8, 9, 15, 16, 36.
    /// one/b.csv (n 40, p 6, window 20..25): probation all 0 → p99 = 0; later rows 0 except .01 at 22 and .3 at 30.
    /// two/c.csv (n 20, p 3, no window): probation all 1 → p99 = 1; later rows .9 and 1 (never above 1).
    /// </summary>
    private static SyntheticCorpus HandMade(out NabCorpus corpus, out NabDetectorResults results)
    {
        var s = new SyntheticCorpus();
        s.AddFile("one/a.csv", 40, (12, 21), (30, 34));
        s.AddFile("one/b.csv", 40, (20, 25));
        s.AddFile("two/c.csv", 20);

        var a = Enumerable.Repeat(0.7, 40).ToArray();
        double[] probation = [0, 0.5, 0.25, 0.75, 0.5, 0.25];
        probation.CopyTo(a, 0);
        foreach (int row in new[] { 8, 9, 15, 16, 36 })
        {
            a[row] = 0.8;
        }

        var b = new double[40];
        b[22] = 0.01;
        b[30] = 0.3;
        var c = Enumerable.Range(0, 20).Select(i => i < 3 ? 1.0 : i % 2 == 0 ? 0.9 : 1.0).ToArray();

        s.WriteResults("d", "one/a.csv", a);
        s.WriteResults("d", "one/b.csv", b);
        s.WriteResults("d", "two/c.csv", c);
        corpus = NabCorpus.Load(s.Root);
        results = NabDetectorResults.Load(corpus, s.ResultsRoot, "d");
        return s;
    }

    private static (NabDataFile File, double[] Scores)[] Pairs(NabCorpus corpus, NabDetectorResults results) =>
        corpus.Files.Select(f => (f, results.ScoresByFile[f.RelativePath])).ToArray();

    [Fact]
    public void TheHandMadeResultsFolderGivesTheHandCountedThresholdsAndCounts()
    {
        using var folder = HandMade(out var corpus, out var results);
        var files = Pairs(corpus, results);

        var pointwise = F1Evaluator.Evaluate(files, F1ThresholdRule.Parse("p99"), F1Mode.Pointwise);
        Assert.Equal(0.5 + (0.75 - 0.5) * 0.95, pointwise.ThresholdByFile!["one/a.csv"]);
        Assert.Equal(0.0, pointwise.ThresholdByFile["one/b.csv"]);
        Assert.Equal(1.0, pointwise.ThresholdByFile["two/c.csv"]);
        Assert.True(double.IsNaN(pointwise.Threshold));
        Assert.Equal("p99", pointwise.ThresholdLabel);

        // a: TP 15, 16; FP 8, 9, 36; FN 8 of window 1 + 5 of window 2; TN 34 scored − 15 window rows − 3 FP.
        Assert.Equal(new ConfusionCounts(2, 3, 13, 16), pointwise.ByFile["one/a.csv"]);
        // b: score 0 is not above the threshold 0, so only rows 22 (TP) and 30 (FP) are detections.
        Assert.Equal(new ConfusionCounts(1, 1, 5, 27), pointwise.ByFile["one/b.csv"]);
        Assert.Equal(new ConfusionCounts(0, 0, 0, 17), pointwise.ByFile["two/c.csv"]);
        Assert.Equal(new ConfusionCounts(3, 4, 18, 60), pointwise.Total);
        Assert.Equal(3.0 / 14.0, pointwise.Total.F1, 12);   // P 3/7, R 1/7
        Assert.Equal(new ConfusionCounts(3, 4, 18, 43), pointwise.ByCategory["one"]);

        var adjusted = F1Evaluator.Evaluate(files, F1ThresholdRule.P99, F1Mode.PointAdjusted);
        Assert.Equal(new ConfusionCounts(10 + 6, 3 + 1, 5, 60), adjusted.Total);

        var events = F1Evaluator.Evaluate(files, F1ThresholdRule.P99, F1Mode.Event);
        // Windows found: a's first and b's; missed: a's second. FP runs: a {8, 9}, {36}; b {30}.
        Assert.Equal((2L, 3L, 1L), (events.Total.TruePositives, events.Total.FalsePositives, events.Total.FalseNegatives));
    }

    [Fact]
    public void OtherPercentilesAndFixedThresholdsOnTheSameFolder()
    {
        using var folder = HandMade(out var corpus, out var results);
        var files = Pairs(corpus, results);

        // p60 of a: index 3 → exactly .5, so every later .7 and .8 row is a detection.
        var p60 = F1Evaluator.Evaluate(files, F1ThresholdRule.Parse("p60"), F1Mode.Pointwise);
        Assert.Equal(0.5, p60.ThresholdByFile!["one/a.csv"]);
        Assert.Equal(new ConfusionCounts(15, 19, 0, 0), p60.ByFile["one/a.csv"]);

        // A fixed threshold is shared and inclusive (score ≥ 0.8): a's five .8 rows and every scored row of c.
        var fixedRule = F1Evaluator.Evaluate(files, F1ThresholdRule.Parse("0.8"), F1Mode.Pointwise);
        Assert.Null(fixedRule.ThresholdByFile);
        Assert.Equal(0.8, fixedRule.Threshold);
        Assert.Equal("fixed", fixedRule.ThresholdLabel);
        Assert.Equal(new ConfusionCounts(2, 3, 13, 16), fixedRule.ByFile["one/a.csv"]);
        Assert.Equal(new ConfusionCounts(0, 17, 0, 0), fixedRule.ByFile["two/c.csv"]);

        var nab = F1Evaluator.Evaluate(files, F1ThresholdRule.NabStandard, F1Mode.Pointwise, nabStandardThreshold: 0.8);
        Assert.Equal(fixedRule.Total, nab.Total);
        Assert.Equal("nab-standard", nab.ThresholdLabel);
        Assert.Throws<ArgumentException>(() => F1Evaluator.Evaluate(files, F1ThresholdRule.NabStandard, F1Mode.Pointwise));
    }

    [Theory]
    [InlineData("p99", F1ThresholdKind.ProbationPercentile, 99.0)]
    [InlineData("P99.5", F1ThresholdKind.ProbationPercentile, 99.5)]
    [InlineData(" p0 ", F1ThresholdKind.ProbationPercentile, 0.0)]
    [InlineData("p100", F1ThresholdKind.ProbationPercentile, 100.0)]
    [InlineData("nab", F1ThresholdKind.NabStandard, 0.0)]
    [InlineData("NAB", F1ThresholdKind.NabStandard, 0.0)]
    [InlineData("0.5", F1ThresholdKind.Fixed, 0.5)]
    [InlineData("1e-3", F1ThresholdKind.Fixed, 0.001)]
    public void RulesParse(string text, F1ThresholdKind kind, double value)
    {
        var rule = F1ThresholdRule.Parse(text);
        Assert.Equal(new F1ThresholdRule(kind, value), rule);
        Assert.Equal(rule, F1ThresholdRule.Parse(rule.ToString()));
    }

    [Theory]
    [InlineData("p101")]
    [InlineData("p-1")]
    [InlineData("p")]
    [InlineData("pabc")]
    [InlineData("x99")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("")]
    public void OtherTextIsRejectedWithWhatIsAccepted(string text)
    {
        var e = Assert.Throws<FormatException>(() => F1ThresholdRule.Parse(text));
        Assert.Contains("pNN", e.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// Property, on random corpora and percentiles: each file's threshold is the percentile of its probationary scores
    /// only (changing any later score leaves it unchanged); its detections are exactly its scored rows strictly above
    /// it (recounted from explicit 0/1 detections); per-file counts add up; a higher percentile never adds detections.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void ThresholdsUseOnlyProbationaryScoresAndFlagExactlyTheRowsAboveThem(int seed)
    {
        var rng = RandomSource.Create(seed);
        using var s = new SyntheticCorpus();
        s.AddFile("one/a.csv", 60 + rng.NextInt(40), (25, 34), (45, 49));
        s.AddFile("one/b.csv", 40 + rng.NextInt(30), (20, 29));
        s.AddFile("two/c.csv", 20 + rng.NextInt(30));
        var corpus = NabCorpus.Load(s.Root);
        var files = corpus.Files.Select(f => (f, Enumerable.Range(0, f.RowCount).Select(_ => Math.Round(rng.NextDouble(), 1)).ToArray())).ToArray();

        double previousDetections = double.PositiveInfinity;
        foreach (double percent in new[] { 0.0, 12.5, 50.0, 90.0, 99.0, 100.0 })
        {
            foreach (var mode in new[] { F1Mode.Pointwise, F1Mode.PointAdjusted, F1Mode.Event })
            {
                var report = F1Evaluator.EvaluateAtProbationPercentile(files, percent, mode);
                Assert.Equal(report.Total, report.ByFile.Values.Aggregate(ConfusionCounts.Empty, (x, y) => x.Combine(y)));
                foreach (var (file, scores) in files)
                {
                    double threshold = report.ThresholdByFile![file.RelativePath];
                    Assert.Equal(Vigil.Thresholds.Percentile.Of(scores.AsSpan(0, file.ProbationLength), percent), threshold);
                    var flags = scores.Select(v => v > threshold ? 1.0 : 0.0).ToArray();
                    Assert.Equal(F1Evaluator.Count(file.Windows, file.ProbationLength, flags, 0.5, mode), report.ByFile[file.RelativePath]);
                }
            }

            var pointwise = F1Evaluator.EvaluateAtProbationPercentile(files, percent, F1Mode.Pointwise).Total;
            Assert.True(pointwise.TruePositives + pointwise.FalsePositives <= previousDetections);
            previousDetections = pointwise.TruePositives + pointwise.FalsePositives;
        }

        var before = F1Evaluator.EvaluateAtProbationPercentile(files, 99, F1Mode.Pointwise).ThresholdByFile;
        var changed = files.Select(f => (f.f, f.Item2.Select((v, i) => i < f.f.ProbationLength ? v : 1.0 - v).ToArray())).ToArray();
        Assert.Equal(before, F1Evaluator.EvaluateAtProbationPercentile(changed, 99, F1Mode.Pointwise).ThresholdByFile);
    }
}
