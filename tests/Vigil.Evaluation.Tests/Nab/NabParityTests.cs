using Vigil.Testing;
using System.Globalization;
using Vigil.Evaluation.Nab;
using Xunit.Abstractions;

namespace Vigil.Evaluation.Tests.Nab;

/// <summary>Parity with the official NAB v1.1 scorer on the shipped numenta results (nab-scoring.md Appendices B and C).</summary>
[Trait("Category", "Parity")]
public class NabParityTests(ITestOutputHelper output)
{
    [NabFact]
    public void ShippedThresholdsReproduceTheNormalizedScoresAndRawTotalsOfNumenta()
    {

        var corpus = NabCorpusFixture.Corpus;
        var thresholds = NabThresholds.Load(corpus.ThresholdsPath)["numenta"];
        var results = NabEvaluator.Score(corpus, NabCorpusFixture.Numenta, p => thresholds[p.Name].Threshold);
        var expected = new Dictionary<string, (double Threshold, double Raw, int Tp, int Fp, double Normalized)>
        {
            ["standard"] = (0.5421876907348634, 46.6344501971, 240, 153, 70.10105611943965),
            ["reward_low_FP_rate"] = (0.5751955032348636, 30.4310725171, 223, 128, 63.11684160219828),
            ["reward_low_FN_rate"] = (0.5421876907348634, 26.6344501971, 240, 153, 74.3202443095115),
        };
        Assert.Equal(3, results.Count);
        foreach (var r in results)
        {
            var e = expected[r.Profile.Name];
            output.WriteLine($"{r.Profile.Name}: raw {r.RawScore:R}, normalized {r.NormalizedScore:R}");
            Assert.Equal(e.Threshold, r.Threshold);
            Assert.False(r.Optimized);
            Assert.Equal(e.Normalized, r.NormalizedScore, 1e-9);
            Assert.Equal(e.Raw, r.RawScore, 1e-9);
            Assert.Equal(e.Tp, r.Files.Sum(f => f.TruePositives));
            Assert.Equal(e.Fp, r.Files.Sum(f => f.FalsePositives));
            Assert.Equal(-r.Profile.FnWeight * 116, r.NullScore);
            Assert.Equal(116 * r.Profile.TpWeight, r.PerfectScore);
        }
    }

    [NabTheory]
    [InlineData("standard")]
    [InlineData("reward_low_FP_rate")]
    [InlineData("reward_low_FN_rate")]
    public void EveryFileScoreAndCountEqualsTheShippedScoresTable(string profileName)
    {

        var corpus = NabCorpusFixture.Corpus;
        var profile = corpus.Profiles.Single(p => p.Name == profileName);
        double threshold = NabThresholds.Load(corpus.ThresholdsPath)["numenta"][profileName].Threshold;
        var scorer = new NabScorer(profile);
        var lines = File.ReadAllLines(Path.Combine(corpus.ResultsRoot, "numenta", $"numenta_{profileName}_scores.csv"));
        Assert.Equal("Detector,Profile,File,Threshold,Score,TP,TN,FP,FN,Total_Count", lines[0]);
        int files = 0;
        foreach (string line in lines.Skip(1).Where(l => !l.StartsWith("Totals", StringComparison.Ordinal)))
        {
            string[] c = line.Split(',');
            var file = corpus.Get(c[2]);
            var actual = scorer.ScoreFile(file, NabCorpusFixture.Numenta.ScoresByFile[file.RelativePath], threshold);
            Assert.Equal(double.Parse(c[4], CultureInfo.InvariantCulture), actual.Score, 1e-9);
            Assert.Equal(
                (int.Parse(c[5]), int.Parse(c[6]), int.Parse(c[7]), int.Parse(c[8])),
                (actual.TruePositives, actual.TrueNegatives, actual.FalsePositives, actual.FalseNegatives));

            // The shipped Total_Count is n (older scorer); ours is n - p and the four counts add up to it.
            Assert.Equal(int.Parse(c[9]), file.RowCount);
            Assert.Equal(file.RowCount - file.ProbationLength, actual.TotalCount);
            Assert.Equal(actual.TotalCount, actual.TruePositives + actual.TrueNegatives + actual.FalsePositives + actual.FalseNegatives);
            files++;
        }

        Assert.Equal(58, files);
    }

    [NabTheory]
    [InlineData("realKnownCause/nyc_taxi.csv")]
    [InlineData("realKnownCause/machine_temperature_system_failure.csv")]
    [InlineData("realTweets/Twitter_volume_CVS.csv")]
    [InlineData("artificialNoAnomaly/art_daily_small_noise.csv")]
    [InlineData("realAdExchange/exchange-4_cpm_results.csv")]
    public void PerRowValuesEqualTheShippedSColumnsOfEveryProfile(string relativePath)
    {
        // The shipped S(t)_<profile> columns come from an older scorer: they hold each row's actual contribution
        // at the shipped threshold (window term on the window's first row, each false positive's potential value
        // on its row, 0 elsewhere) rather than the potential value of every row. They are printed with 12
        // significant digits on values below 2.2 in magnitude, so 1e-9 is a safe tolerance.

        var corpus = NabCorpusFixture.Corpus;
        var file = corpus.Get(relativePath);
        var scores = NabCorpusFixture.Numenta.ScoresByFile[relativePath];
        var thresholds = NabThresholds.Load(corpus.ThresholdsPath)["numenta"];
        var lines = File.ReadAllLines(NabResultsFile.PathFor(corpus.ResultsRoot, "numenta", file));
        string[] header = lines[0].Split(',');
        int nonZero = 0;
        foreach (var profile in corpus.Profiles)
        {
            var scorer = new NabScorer(profile);
            int column = Array.IndexOf(header, $"S(t)_{profile.Name}");
            Assert.True(column >= 0, $"no S(t)_{profile.Name} column");
            double threshold = thresholds[profile.Name].Threshold;
            var contributions = scorer.Contributions(file, scores, threshold);
            var potentials = scorer.PotentialValues(file);
            for (int i = 0; i < file.RowCount; i++)
            {
                double shipped = double.Parse(lines[i + 1].Split(',')[column], CultureInfo.InvariantCulture);
                Assert.True(Math.Abs(shipped - contributions[i]) <= 1e-9, $"{relativePath} row {i} {profile.Name}: shipped {shipped}, ours {contributions[i]}");

                // A false positive's contribution is its potential value.
                if (i >= file.ProbationLength && scores[i] >= threshold && !file.Windows.Any(w => w.Contains(i)))
                {
                    Assert.Equal(shipped, potentials[i], 1e-9);
                }

                nonZero += shipped != 0 ? 1 : 0;
            }

            Assert.Equal(scorer.ScoreFile(file, scores, threshold).Score, contributions.Sum(), 1e-12);
        }

        Assert.True(nonZero > 0);
    }

    [NabFact]
    public void TheSweepFindsNumentasThresholdsAndCorpusScoresOfAppendixC()
    {

        var corpus = NabCorpusFixture.Corpus;
        var expected = new Dictionary<string, (double Score, double Normalized)>
        {
            ["standard"] = (46.634450197137596, 70.10105612),
            ["reward_low_FP_rate"] = (30.645309205798327, 63.20918500),
            ["reward_low_FN_rate"] = (26.634450197137596, 74.32024431),
        };
        foreach (var profile in corpus.Profiles)
        {
            var (threshold, score) = NabThresholdOptimizer.Optimize(corpus, NabCorpusFixture.Numenta, profile);
            Assert.Equal(0.543099145074, threshold, 1e-12);
            Assert.Equal(expected[profile.Name].Score, score, 1e-9);
        }

        var results = NabEvaluator.Score(corpus, NabCorpusFixture.Numenta, thresholdFor: null);
        foreach (var r in results)
        {
            Assert.True(r.Optimized);
            Assert.Equal(0.543099145074, r.Threshold, 1e-12);
            Assert.Equal(expected[r.Profile.Name].Score, r.RawScore, 1e-9);
            Assert.Equal(expected[r.Profile.Name].Normalized, r.NormalizedScore, 5e-9); // Appendix C prints 8 decimals.
        }
    }

    [NabFact]
    public void TheNullDetectorNormalizesToExactlyZeroAndThePerfectDetectorToExactly100()
    {

        var corpus = NabCorpusFixture.Corpus;
        var nullScores = corpus.Files.Select(f => KeyValuePair.Create(f.RelativePath, Enumerable.Repeat(0.5, f.RowCount).ToArray()));
        var perfectScores = corpus.Files.Select(f =>
        {
            var s = new double[f.RowCount];
            foreach (var w in f.Windows)
            {
                s[w.FirstRow] = 1.0;
            }

            return KeyValuePair.Create(f.RelativePath, s);
        });
        var nullResults = NabEvaluator.Score(corpus, NabDetectorResults.FromScores(corpus, "null", nullScores), _ => 0.6250000000000001);
        var perfectResults = NabEvaluator.Score(corpus, NabDetectorResults.FromScores(corpus, "perfect", perfectScores), _ => 0.75);
        var nullOptimized = NabEvaluator.Score(corpus, NabDetectorResults.FromScores(corpus, "null", nullScores), null);
        Assert.All(nullResults, r => Assert.Equal(0.0, r.NormalizedScore));
        Assert.All(nullOptimized, r => Assert.Equal((1.1, 0.0), (r.Threshold, r.NormalizedScore)));
        Assert.All(perfectResults, r => Assert.Equal(100.0, r.NormalizedScore));
    }
}
