using Vigil.Evaluation.Nab;

namespace Vigil.Evaluation.Tests.Nab;

public class NabScorerTests
{
    private static readonly AnomalyWindow[] ExampleWindows = [new(12, 21), new(30, 34)];

    [Theory]
    [InlineData(-1.0, 0.9866142981514305)]
    [InlineData(-0.8, 0.9640275800758169)]
    [InlineData(-0.5, 0.8482836399575131)]
    [InlineData(-0.4, 0.7615941559557646)]
    [InlineData(0.0, 0.0)]
    [InlineData(0.5, -0.8482836399575129)]
    [InlineData(1.0, -0.9866142981514303)]
    [InlineData(3.0, -0.9999993881955461)]
    [InlineData(3.0000001, -1.0)]
    [InlineData(100.0, -1.0)]
    public void ScaledSigmoidEqualsTheSpecificationTableBitForBit(double y, double expected) =>
        Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(NabScorer.ScaledSigmoid(y)));

    [Fact]
    public void ScaledSigmoidOfOneThirdEqualsTheSpecificationTableBitForBit() =>
        Assert.Equal(-0.6822617902381697, NabScorer.ScaledSigmoid(1.0 / 3.0));

    [Fact]
    public void TheFirstRowOfAWindowIsWorthExactlyTheTruePositiveWeight()
    {
        var values = new NabScorer(NabProfile.Standard).PotentialValues(40, ExampleWindows);
        Assert.Equal(1.0, values[12]);
        Assert.Equal(1.0, values[30]);
    }

    [Fact]
    public void PotentialValuesOfTheWorkedExampleMatchSection14()
    {
        var v = new NabScorer(NabProfile.Standard).PotentialValues(40, ExampleWindows);
        Assert.Equal(-0.11, v[3]);
        Assert.Equal(-0.11, v[8]);
        Assert.Equal(0.9771068409226045, v[14], 1e-15);
        Assert.Equal(0.7719269398210883, v[18], 1e-15);
        Assert.Equal(0.24824154977542992, v[21], 1e-15);
        Assert.Equal(-0.07504879692619866, v[24], 1e-15);
        Assert.Equal(0.46838684390227814, v[34], 1e-15);
        Assert.Equal(-0.09331120039532642, v[36], 1e-15);
        Assert.Equal(-0.10957611837406796, v[39], 1e-15);
    }

    [Fact]
    public void RowsFarAfterAWindowCostExactlyTheFalsePositiveWeight()
    {
        var v = new NabScorer(NabProfile.RewardLowFp).PotentialValues(100, [new AnomalyWindow(10, 14)]);
        Assert.Equal(-0.22, v[14 + 13]); // y = 13/4 > 3
        Assert.True(v[15] > -0.22 && v[15] < 0);
    }

    [Fact]
    public void AWindowOfWidthOneGivesTheFullFalsePositiveCostAfterItInsteadOfDividingByZero()
    {
        var v = new NabScorer(NabProfile.Standard).PotentialValues(10, [new AnomalyWindow(3, 3)]);
        Assert.Equal(1.0, v[3]);
        Assert.Equal(-0.11, v[4]);
    }

    [Fact]
    public void TheWorkedExampleScoresMinus0Point3012531564AtThreshold0Point5WithItsCounts()
    {
        var score = new NabScorer(NabProfile.Standard).ScoreFile("example.csv", ExampleWindows, ExampleScores(), 0.5);
        Assert.Equal(-0.3012531564, score.Score, 1e-10);
        Assert.Equal((2, 13, 3, 16, 34), (score.TruePositives, score.FalseNegatives, score.FalsePositives, score.TrueNegatives, score.TotalCount));
    }

    [Theory]
    [InlineData(1.1, -2.0)]
    [InlineData(0.95, -0.2280730602)]
    [InlineData(0.8, -0.3031218571)]
    [InlineData(0.7, -0.0979419560)]
    [InlineData(0.6, -0.2079419560)]
    [InlineData(0.55, -0.3012531564)]
    [InlineData(0.1, 0.2012105179)]
    public void TheWorkedExampleScoresMatchTheSweepTableAtEveryCandidate(double threshold, double expected) =>
        Assert.Equal(expected, new NabScorer(NabProfile.Standard).ScoreFile("example.csv", ExampleWindows, ExampleScores(), threshold).Score, 1e-10);

    [Fact]
    public void TheOptimizerPicksThreshold0Point1ForTheWorkedExample()
    {
        using var corpus = new SyntheticCorpus();
        corpus.AddFile("cat/example.csv", 40, (12, 21), (30, 34));
        corpus.WriteResults("d", "cat/example.csv", ExampleScores());
        var nab = NabCorpus.Load(corpus.Root);
        var results = NabDetectorResults.Load(nab, corpus.ResultsRoot, "d");
        var (threshold, score) = NabThresholdOptimizer.Optimize(nab, results, NabProfile.Standard);
        Assert.Equal(0.1, threshold);
        Assert.Equal(0.2012105179, score, 1e-10);
    }

    [Fact]
    public void DetectionsInTheProbationaryPeriodAreIgnored()
    {
        var scorer = new NabScorer(NabProfile.Standard);
        var quiet = new double[40];
        var loudEarly = new double[40];
        for (int i = 0; i < 6; i++)
        {
            loudEarly[i] = 1.0;
        }

        var a = scorer.ScoreFile("x.csv", ExampleWindows, quiet, 0.5);
        var b = scorer.ScoreFile("x.csv", ExampleWindows, loudEarly, 0.5);
        Assert.Equal(a, b);
        Assert.Equal(0, b.FalsePositives);
    }

    [Fact]
    public void AThresholdBelowEveryScoreDetectsEveryScoredRow()
    {
        var scores = ExampleScores();
        var score = new NabScorer(NabProfile.Standard).ScoreFile("x.csv", ExampleWindows, scores, 0.05);
        Assert.Equal(34, score.TruePositives + score.FalsePositives);
        Assert.Equal(0.2012105179, score.Score, 1e-10);
    }

    [Fact]
    public void AThresholdEqualToAScoreDetectsThatRow()
    {
        var score = new NabScorer(NabProfile.Standard).ScoreFile("x.csv", ExampleWindows, ExampleScores(), 0.95);
        Assert.Equal(1, score.TruePositives);
    }

    internal static double[] ExampleScores()
    {
        var scores = new double[40];
        Array.Fill(scores, 0.1);
        scores[3] = 0.9;
        scores[8] = 0.6;
        scores[14] = 0.7;
        scores[18] = 0.95;
        scores[24] = 0.8;
        scores[36] = 0.55;
        return scores;
    }
}
