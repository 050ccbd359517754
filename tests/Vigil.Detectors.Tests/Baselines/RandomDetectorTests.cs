using Vigil.Detection;
using Vigil.Detectors.Baselines;
using Vigil.Testing;

namespace Vigil.Detectors.Tests.Baselines;

// Reference: python3 -c "import random; random.seed(s); print([repr(random.random()) for _ in range(5)])" (CPython 3.11.2),
// which is what NAB's random detector returns (random.uniform(0, 1) after random.seed(42)).
public sealed class RandomDetectorTests
{
    [Fact]
    public void DefaultSeedIsNabs42()
    {
        Assert.Equal(42, new RandomOptions().Seed);
        Assert.Equal(42, RandomDetector.Descriptor.DefaultOptions().Seed);
    }

    [Theory]
    [InlineData(0, new[] { 0.8444218515250481, 0.7579544029403025, 0.420571580830845, 0.25891675029296335, 0.5112747213686085 })]
    [InlineData(42, new[] { 0.6394267984578837, 0.025010755222666936, 0.27502931836911926, 0.22321073814882275, 0.7364712141640124 })]
    [InlineData(2147483647, new[] { 0.3177580158172969, 0.8173550078299876, 0.1963472909507713, 0.8838810303661516, 0.33226577943173774 })]
    public void ScoresEqualPythonRandomAfterSeeding(int seed, double[] expected)
    {
        var detector = new RandomDetector(new RandomOptions { Seed = seed });
        var scores = StreamingRunner.Run(detector, SyntheticSeries.Constant(5)).Scores.ToArray();
        Assert.Equal(expected, scores);
    }

    [Fact]
    public void ResetReseedsLikeNabDoesPerFile()
    {
        var detector = new RandomDetector(new RandomOptions());
        var first = StreamingRunner.Run(detector, SyntheticSeries.Constant(20)).Scores.ToArray();
        detector.Reset();
        var second = StreamingRunner.Run(detector, SyntheticSeries.Constant(20)).Scores.ToArray();
        Assert.Equal(first, second);
        Assert.Equal(0.6394267984578837, first[0]);
    }
}
