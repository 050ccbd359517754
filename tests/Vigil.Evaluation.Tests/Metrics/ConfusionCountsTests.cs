using Vigil.Evaluation.Metrics;
using Vigil.Randomness;

namespace Vigil.Evaluation.Tests.Metrics;

public class ConfusionCountsTests
{
    [Fact]
    public void CombineIsAssociativeAndCommutativeWithEmptyAsIdentity()
    {
        var rng = RandomSource.Create(42);
        for (int trial = 0; trial < 200; trial++)
        {
            var a = Random(rng);
            var b = Random(rng);
            var c = Random(rng);
            Assert.Equal(a.Combine(b), b.Combine(a));
            Assert.Equal(a.Combine(b).Combine(c), a.Combine(b.Combine(c)));
            Assert.Equal(a, a.Combine(ConfusionCounts.Empty));
        }
    }

    [Fact]
    public void F1PrecisionAndRecallStayBetweenZeroAndOne()
    {
        var rng = RandomSource.Create(7);
        for (int trial = 0; trial < 500; trial++)
        {
            var c = Random(rng);
            Assert.InRange(c.F1, 0.0, 1.0);
            Assert.InRange(c.Precision, 0.0, 1.0);
            Assert.InRange(c.Recall, 0.0, 1.0);
        }
    }

    [Fact]
    public void NoDetectionsGivePrecisionZeroAndF1Zero()
    {
        var c = new ConfusionCounts(0, 0, 5, 10);
        Assert.Equal((0.0, 0.0, 0.0), (c.Precision, c.Recall, c.F1));
    }

    [Fact]
    public void KnownCountsGiveKnownMetrics()
    {
        var c = new ConfusionCounts(6, 2, 4, 100);
        Assert.Equal(0.75, c.Precision);
        Assert.Equal(0.6, c.Recall);
        Assert.Equal(2 * 0.75 * 0.6 / 1.35, c.F1, 1e-15);
    }

    private static ConfusionCounts Random(IRandomSource rng) =>
        new(rng.NextInt(1000), rng.NextInt(1000), rng.NextInt(1000), rng.NextInt(1000));
}
