using Vigil.Detectors.IsolationForest;

namespace Vigil.Detectors.Tests.IsolationForest;

public sealed class TreeRandomTests
{
    [Theory]
    [InlineData(0u, 270369u)]          // a zero state is replaced by DEFAULT_SEED = 1
    [InlineData(1u, 270369u)]
    [InlineData(2u, 540738u)]
    [InlineData(12345u, 1189442682u)]
    [InlineData(2147483646u, 1015870u)]
    [InlineData(4294967295u, 253983u)]
    public void NextIsScikitLearnsOurRandR(uint state, uint expected)
    {
        // sklearn.utils._random._our_rand_r_py(state), scikit-learn 1.2.1.
        var random = new TreeRandom(state);
        Assert.Equal(expected, random.Next());
    }

    [Fact]
    public void TheStateKeepsAllThirtyTwoBitsWhileOutputsAreReducedModulo2To31()
    {
        var random = new TreeRandom(12345);
        uint output = random.Next();
        Assert.Equal(output, random.State % (TreeRandom.RandRMax + 1));
        Assert.True(random.State > TreeRandom.RandRMax);
    }

    [Fact]
    public void IntegerAndUniformDrawsFollowScikitLearnsFormulas()
    {
        // rand_int(lo, hi) = lo + r % (hi − lo); rand_uniform(lo, hi) = (hi − lo)·r / RAND_R_MAX + lo.
        var a = new TreeRandom(12345);
        var b = new TreeRandom(12345);
        Assert.Equal(3 + (int)(1189442682u % 7), a.NextInt(3, 10));
        Assert.Equal((2.5 - -1.0) * 1189442682u / 2147483647.0 + -1.0, b.NextUniform(-1.0, 2.5));
    }
}
