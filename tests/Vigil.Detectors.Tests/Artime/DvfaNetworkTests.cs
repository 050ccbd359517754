using Vigil.Detectors.Artime;
using Xunit;

namespace Vigil.Detectors.Tests.Artime;

public sealed class DvfaNetworkTests
{
    [Fact]
    public void FirstSampleCreatesACategoryOfOnes()
    {
        var art = new DvfaNetwork(1) { RhoLb = 0.5, RhoUb = 0.5 };
        Assert.Equal(1, art.Train([0.3]));
        Assert.Equal((1, 1, 0.0), (art.CategoryCount, art.ClusterCount, art.LastSimilarity));
    }

    [Fact]
    public void HandWorkedSequence()
    {
        var art = new DvfaNetwork(1) { RhoLb = 0.5, RhoUb = 0.5 };
        art.Train([0.3]);

        // x = [0.3, 0.7] against the ones category: |min|₁/|w|₁ = 1/2, energy (0.3 + 0.7)/(1 + 1) = 1/2,
        // M = (1/2)³·(1/2)² = 1/32 < ρ_lb: a new cluster, label −1.
        Assert.Equal(-1, art.Train([0.3]));
        Assert.Equal(1.0 / 32, art.LastSimilarity);
        Assert.Equal(0.5, art.LastEnergySimilarity);
        Assert.Equal((2, 2), (art.CategoryCount, art.ClusterCount));

        // The same sample again matches its own category perfectly (M = 1 ≥ ρ_ub): it learns, label 2.
        Assert.Equal(2, art.Train([0.3]));
        Assert.Equal(1.0, art.LastSimilarity);
        Assert.Equal(2, art.CategoryCount);

        // x = [0.5, 0.5] against w = [0.3, 0.7]: min = [0.3, 0.5], fs = 0.8, es = 0.8, M = 0.8³·0.8² = 0.32768.
        art.RhoUb = 0.99;
        art.RhoLb = 0.5;
        Assert.Equal(-1, art.Train([0.5], frozen: true));    // below ρ_lb: would start a cluster; frozen adds nothing
        Assert.Equal(2, art.CategoryCount);
        Assert.Equal(0.8 * 0.8 * 0.8 * (0.8 * 0.8), art.LastSimilarity, 15);

        art.RhoLb = 0.3;                                      // now above ρ_lb, below ρ_ub: a new category in cluster 2
        Assert.Equal(2, art.Train([0.5]));
        Assert.Equal((3, 2), (art.CategoryCount, art.ClusterCount));
    }

    [Fact]
    public void FastCommitShrinksTheWeightsToTheFuzzyAnd()
    {
        var art = new DvfaNetwork(1) { RhoLb = 0.0, RhoUb = 0.0 };
        art.Train([0.3]);

        // ρ_ub = 0: the ones category resonates and learns min([0.4, 0.6], [1, 1]) = [0.4, 0.6]; then [0.4] matches it exactly.
        Assert.Equal(1, art.Train([0.4]));
        art.RhoUb = 0.999;
        art.RhoLb = 0.999;
        Assert.Equal(1, art.Train([0.4]));
        Assert.Equal(1.0, art.LastSimilarity);
        Assert.Equal(1, art.CategoryCount);
    }

    [Fact]
    public void NotLearningChangesNothing()
    {
        var art = new DvfaNetwork(2) { RhoLb = 0.9, RhoUb = 0.95 };
        art.Train([0.1, 0.2]);
        Assert.Equal(-1, art.Train([0.9, 0.8], learning: false));
        Assert.Equal(1, art.CategoryCount);
        Assert.True(art.LastSimilarity > 0);
    }

    [Fact]
    public void StateRoundTrips()
    {
        var art = new DvfaNetwork(2) { RhoLb = 0.4, RhoUb = 0.8 };
        foreach (double v in new[] { 0.1, 0.5, 0.9, 0.5, 0.12 })
        {
            art.Train([v, 1 - v]);
        }

        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            art.WriteState(writer);
        }

        buffer.Position = 0;
        var copy = new DvfaNetwork(2);
        copy.ReadState(new BinaryReader(buffer));
        Assert.Equal((art.CategoryCount, art.ClusterCount, art.RhoLb, art.RhoUb), (copy.CategoryCount, copy.ClusterCount, copy.RhoLb, copy.RhoUb));
        Assert.Equal(art.Train([0.7, 0.2]), copy.Train([0.7, 0.2]));
        Assert.Equal(art.LastSimilarity, copy.LastSimilarity);
    }
}
