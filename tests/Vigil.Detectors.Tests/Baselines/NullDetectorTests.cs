using Vigil.Detection;
using Vigil.Detectors.Baselines;
using Vigil.Testing;

namespace Vigil.Detectors.Tests.Baselines;

public sealed class NullDetectorTests
{
    [Fact]
    public void EveryRowScoresOneHalf()
    {
        var scores = StreamingRunner.Run(new NullDetector(new NullOptions()), SyntheticSeries.Spike(100, at: 50)).Scores.ToArray();
        Assert.All(scores, s => Assert.Equal(0.5, s));
    }
}
