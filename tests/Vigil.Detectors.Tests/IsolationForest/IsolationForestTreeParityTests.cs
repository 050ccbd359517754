using System.Globalization;
using System.Text.Json;
using Vigil.Detectors.IsolationForest;
using Vigil.Numerics;
using Vigil.Testing;
using Xunit.Abstractions;

namespace Vigil.Detectors.Tests.IsolationForest;

/// <summary>
/// Exact parity with scikit-learn 1.2.1 on the cases of <c>Reference/isolation-forest-trees.json</c> (written by
/// <c>Reference/generate_isolation_forest_trees.py</c>; see the README there): the same trees node for node, and the
/// same scores up to the last bits of <c>log</c>/<c>pow</c>.
/// </summary>
[Trait("Category", "Parity")]
public sealed class IsolationForestTreeParityTests(ITestOutputHelper output)
{
    private static readonly Lazy<Dictionary<string, ParityCase>> Fixture = new(Read);

    public static TheoryData<string> CaseNames => ["quantised-permutation", "subset-bootstrap", "tracking-selection", "reservoir", "workload-settings"];

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void TreesAreScikitLearnsNodeForNode(string name)
    {
        var c = Fixture.Value[name];
        double mean = NumpyStatistics.Mean(c.Values);
        double sd = NumpyStatistics.PopulationStandardDeviation(c.Values, mean, new double[c.Values.Length]);
        IsolationForestModel.FitWithTrees(c.Values, mean, sd > 0 ? sd : 1.0, c.Options, default, out var grown);
        Assert.Equal(c.Options.Trees, grown.Length);
        for (int t = 0; t < c.Forest.Length; t++)
        {
            var expected = c.Forest[t];
            var (tree, positions) = grown[t];
            Assert.Equal(expected.Features, positions);
            Assert.Equal(expected.NodeSamples, tree.NodeSamples);
            Assert.Equal(expected.Feature, tree.Feature);
            Assert.Equal(expected.Left, tree.Left);
            Assert.Equal(expected.Right, tree.Right);
            Assert.Equal(expected.Threshold, tree.Threshold);
        }
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void ScoresAreScikitLearnsToRounding(string name)
    {
        var c = Fixture.Value[name];
        var detector = new IsolationForestDetector(c.Options);
        var series = SyntheticSeries.Create(name, c.Values);
        detector.Fit(series);
        var scores = detector.ScoreSamples(series).Scores.Span[(c.Options.Window - 1)..].ToArray();
        Assert.Equal(c.Scores.Length, scores.Length);
        double worst = scores.Zip(c.Scores, (a, b) => Math.Abs(a - b)).Max();
        int identical = scores.Zip(c.Scores).Count(p => p.First == p.Second);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}: max |Δscore| {worst:G3}; {identical} of {scores.Length} bit-identical"));
        Assert.True(worst <= 1e-12, $"max |Δscore| {worst}");
    }

    private static Dictionary<string, ParityCase> Read()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "IsolationForest", "Reference", "isolation-forest-trees.json");
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        var cases = new Dictionary<string, ParityCase>(StringComparer.Ordinal);
        foreach (var c in document.RootElement.GetProperty("cases").EnumerateArray())
        {
            var options = new IsolationForestOptions
            {
                Window = c.GetProperty("window").GetInt32(),
                Trees = c.GetProperty("trees").GetInt32(),
                SampleSize = c.GetProperty("maxSamples").GetInt32(),
                MaxFeatures = c.GetProperty("maxFeatures").GetDouble(),
                Bootstrap = c.GetProperty("bootstrap").GetBoolean(),
                Seed = c.GetProperty("seed").GetInt32(),
            };
            var forest = c.GetProperty("forest").EnumerateArray().Select(t => new ExpectedTree(
                Ints(t, "features"), Ints(t, "feature"), Doubles(t, "threshold"), Ints(t, "left"), Ints(t, "right"), Ints(t, "nodeSamples"))).ToArray();
            cases[c.GetProperty("name").GetString()!] = new ParityCase(options, Doubles(c, "values"), Doubles(c, "scores"), forest);
        }

        return cases;

        static int[] Ints(JsonElement e, string name) => e.GetProperty(name).EnumerateArray().Select(v => v.GetInt32()).ToArray();
        static double[] Doubles(JsonElement e, string name) => e.GetProperty(name).EnumerateArray().Select(v => v.GetDouble()).ToArray();
    }

    private sealed record ParityCase(IsolationForestOptions Options, double[] Values, double[] Scores, ExpectedTree[] Forest);

    private sealed record ExpectedTree(int[] Features, int[] Feature, double[] Threshold, int[] Left, int[] Right, int[] NodeSamples);
}
