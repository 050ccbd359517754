using Vigil.Evaluation.Metrics;
using Vigil.Evaluation.Nab;
using Vigil.Evaluation.Tests.Nab;
using Vigil.Randomness;

namespace Vigil.Evaluation.Tests.Metrics;

public class F1EvaluatorTests
{
    // n = 40 → p = 6; one window of rows 12..21 (10 rows), another of rows 30..34 (5 rows).
    private static readonly AnomalyWindow[] Windows = [new(12, 21), new(30, 34)];

    private static double[] Detections(params int[] rows)
    {
        var scores = new double[40];
        foreach (int r in rows)
        {
            scores[r] = 1.0;
        }

        return scores;
    }

    [Fact]
    public void PointwiseCountsScoredRows()
    {
        var c = F1Evaluator.Count(Windows, 6, Detections(2, 8, 15, 16, 36), 0.5, F1Mode.Pointwise);
        Assert.Equal(new ConfusionCounts(2, 2, 13, 17), c); // Row 2 is probationary.
    }

    [Fact]
    public void PointAdjustmentCountsEveryRowOfADetectedWindow()
    {
        var c = F1Evaluator.Count(Windows, 6, Detections(2, 8, 15, 16, 36), 0.5, F1Mode.PointAdjusted);
        Assert.Equal(new ConfusionCounts(10, 2, 5, 17), c);
    }

    [Fact]
    public void EventModeCountsWindowsAndRunsOfFalseDetections()
    {
        // Runs outside windows: {8, 9}, {11} (a window row ends it), {22, 23}, {36}; 37..39 undetected.
        var c = F1Evaluator.Count(Windows, 6, Detections(8, 9, 11, 15, 22, 23, 36), 0.5, F1Mode.Event);
        Assert.Equal(1, c.TruePositives);
        Assert.Equal(1, c.FalseNegatives);
        Assert.Equal(4, c.FalsePositives);
    }

    [Fact]
    public void ACountFromALabeledSeriesMatchesTheWindowsOverload()
    {
        var series = new TimeSeries("s", Enumerable.Range(0, 40).Select(i => DateTimeOffset.UnixEpoch.AddMinutes(i)).ToArray(), new double[40]);
        var truth = new LabeledSeries(series, Windows, 6);
        var scores = Detections(8, 15);
        Assert.Equal(F1Evaluator.Count(Windows, 6, scores, 0.5, F1Mode.Pointwise), F1Evaluator.Count(truth, scores, 0.5, F1Mode.Pointwise));
        Assert.Throws<ArgumentException>(() => F1Evaluator.Count(truth, new double[39], 0.5, F1Mode.Pointwise));
    }

    [Theory]
    [InlineData(F1Mode.Pointwise)]
    [InlineData(F1Mode.PointAdjusted)]
    [InlineData(F1Mode.Event)]
    [InlineData(F1Mode.Composite)]
    public void TheBestF1ThresholdBeatsOrTiesEveryOtherCandidateAndTiesGoToTheLargerThreshold(F1Mode mode)
    {
        using var corpus = RandomCorpus(11, out var files);
        var best = F1Evaluator.Evaluate(files, null, mode);
        Assert.True(best.BestF1);
        var candidates = files.SelectMany(f => f.Scores.Skip(f.File.ProbationLength)).Distinct().OrderDescending().ToArray();
        double bestF1 = 0, bestThreshold = double.PositiveInfinity;
        foreach (double t in candidates)
        {
            double f1 = F1Evaluator.Evaluate(files, t, mode).Total.F1;
            if (f1 > bestF1)
            {
                (bestF1, bestThreshold) = (f1, t);
            }
        }

        Assert.Equal(bestThreshold, best.Threshold);
        Assert.Equal(bestF1, best.Total.F1);
    }

    [Theory]
    [InlineData(F1Mode.Pointwise)]
    [InlineData(F1Mode.PointAdjusted)]
    [InlineData(F1Mode.Event)]
    [InlineData(F1Mode.Composite)]
    public void PerFileCountsAddUpToCategoriesAndTheCorpusInAnyOrder(F1Mode mode)
    {
        using var corpus = RandomCorpus(5, out var files);
        var report = F1Evaluator.Evaluate(files, 0.5, mode);
        Assert.Equal(report.Total, report.ByFile.Values.Aggregate(ConfusionCounts.Empty, (a, b) => a.Combine(b)));
        Assert.Equal(report.Total, report.ByFile.Values.Reverse().Aggregate(ConfusionCounts.Empty, (a, b) => b.Combine(a)));
        Assert.Equal(report.Total, report.ByCategory.Values.Aggregate(ConfusionCounts.Empty, (a, b) => a.Combine(b)));
        Assert.Equal(2, report.ByCategory.Count);
    }

    [Fact]
    public void RaisingTheThresholdNeverAddsDetectionsAndPointAdjustedRecallIsAtLeastPointwise()
    {
        using var corpus = RandomCorpus(3, out var files);
        ConfusionCounts? previous = null;
        for (double t = 0; t <= 1.0001; t += 0.05)
        {
            var pointwise = F1Evaluator.Evaluate(files, t, F1Mode.Pointwise).Total;
            var adjusted = F1Evaluator.Evaluate(files, t, F1Mode.PointAdjusted).Total;
            Assert.True(adjusted.Recall >= pointwise.Recall);
            Assert.InRange(pointwise.F1, 0, 1);
            if (previous is not null)
            {
                Assert.True(pointwise.TruePositives + pointwise.FalsePositives <= previous.TruePositives + previous.FalsePositives);
            }

            previous = pointwise;
        }
    }

    private static SyntheticCorpus RandomCorpus(int seed, out List<(NabDataFile File, double[] Scores)> files)
    {
        var synthetic = new SyntheticCorpus();
        synthetic.AddFile("one/a.csv", 60, (20, 29), (40, 44));
        synthetic.AddFile("one/b.csv", 50, (30, 39));
        synthetic.AddFile("two/c.csv", 40);
        var corpus = NabCorpus.Load(synthetic.Root);
        var rng = RandomSource.Create(seed);
        files = corpus.Files.Select(f =>
        {
            var scores = new double[f.RowCount];
            for (int i = 0; i < scores.Length; i++)
            {
                // Rounded to tenths so that many rows share a score value.
                scores[i] = Math.Round(rng.NextDouble() * (f.Windows.Any(w => w.Contains(i)) ? 1.0 : 0.8), 1);
            }

            return (f, scores);
        }).ToList();
        return synthetic;
    }
}
