using System.Globalization;
using Vigil.Detectors.IsolationForest;
using Vigil.IO;
using Vigil.Testing;
using Xunit.Abstractions;

namespace Vigil.Detectors.Tests.IsolationForest;

/// <summary>
/// Exact parity with scikit-learn 1.2.1 on four NAB files under the peer workload's settings (window 32, 100 trees,
/// ψ = 256, seed 0, whole-file z-normalisation): the sum of every window's score and 100 sampled scores per file,
/// from <c>Reference/isolation-forest-nab.csv</c> (written by <c>Reference/generate_isolation_forest_nab.py</c>).
/// </summary>
[Trait("Category", "Parity")]
public sealed class IsolationForestNabParityTests(ITestOutputHelper output)
{
    private const int Window = 32;

    [NabFact]
    public void ScoresOnNabFilesAreScikitLearns()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "IsolationForest", "Reference", "isolation-forest-nab.csv");
        var rows = File.ReadLines(path).Where(l => !l.StartsWith('#')).Skip(1).Select(l => l.Split(',')).ToArray();
        foreach (var file in rows.GroupBy(r => r[0]))
        {
            var series = CsvSeriesReader.Read(Path.Combine(NabTestCorpus.Root, "data", file.Key), CsvReadOptions.Nab, file.Key);
            var detector = new IsolationForestDetector(new IsolationForestOptions { Window = Window, Trees = 100, SampleSize = 256, Seed = 0 });
            detector.Fit(series);
            var scores = detector.ScoreSamples(series).Scores.Span[(Window - 1)..].ToArray();
            int count = int.Parse(file.Single(r => r[1] == "count")[2], CultureInfo.InvariantCulture);
            double sum = Parse(file.Single(r => r[1] == "sum")[2]);
            Assert.Equal(count, scores.Length);

            double worst = 0;
            foreach (var row in file.Where(r => r[1] is not ("count" or "sum")))
            {
                worst = Math.Max(worst, Math.Abs(scores[int.Parse(row[1], CultureInfo.InvariantCulture)] - Parse(row[2])));
            }

            double ourSum = scores.Sum();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{file.Key}: {count} windows; sum {ourSum:R} vs {sum:R}; max |Δ| of sampled scores {worst:G3}"));
            Assert.True(worst <= 1e-12, $"{file.Key}: max |Δscore| {worst}");
            Assert.True(Math.Abs(ourSum - sum) <= 1e-9, $"{file.Key}: sum of scores {ourSum} vs scikit-learn's {sum}");
        }
    }

    private static double Parse(string text) => double.Parse(text, CultureInfo.InvariantCulture);
}
