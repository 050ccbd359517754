using Vigil.Randomness;

namespace Vigil.Detectors.Tests.Randomness;

// Reference values printed by NumPy 1.24.2 (Debian 12, /usr/bin/python3 -I), e.g.
// python3 -c "import numpy as np; bg = np.random.RandomState(0)._bit_generator; print(bg.random_raw(3))"
public sealed class NumpyRandomStateTests
{
    [Theory]
    [InlineData(0u, new uint[] { 2357136044, 2546248239, 3071714933 }, 3043451800u)]
    [InlineData(1u, new uint[] { 1791095845, 4282876139, 3093770124 }, 548926898u)]
    [InlineData(12345u, new uint[] { 3992670690, 3823185381, 1358822685 }, 47030557u)]
    public void RawWordsAreNumpysMt19937(uint seed, uint[] first, uint thousandth)
    {
        // RandomState(seed)._bit_generator.random_raw(1000): [:3] and [999].
        var random = new NumpyRandomState(seed);
        var words = new uint[1000];
        for (int i = 0; i < words.Length; i++)
        {
            words[i] = random.NextUInt32();
        }

        Assert.Equal(first, words[..3]);
        Assert.Equal(thousandth, words[999]);
    }

    [Theory]
    [InlineData(0u, new[] { 0, 0, 1, 0, 835, 1537364731 })]
    [InlineData(7u, new[] { 0, 1, 0, 9, 502, 1882953283 })]
    public void RandIntIsNumpysMaskedSampler(uint seed, int[] expected)
    {
        // rs = RandomState(seed); [rs.randint(h) for h in [1, 2, 3, 10, 1000, 2**31-1]]: randint(1) draws nothing.
        var random = new NumpyRandomState(seed);
        int[] highs = [1, 2, 3, 10, 1000, int.MaxValue];
        Assert.Equal(expected, highs.Select(h => random.RandInt(0, h)).ToArray());
    }

    [Theory]
    [InlineData(0u, new[] { 0, 100, 441365315 })]
    [InlineData(7u, new[] { -1, 103, 2053951699 })]
    public void RandIntWithALowerBound(uint seed, int[] expected)
    {
        // [rs.randint(l, h) for l, h in [(-5, 5), (100, 117), (0, 2**31-1)]]
        var random = new NumpyRandomState(seed);
        Assert.Equal(expected, new[] { random.RandInt(-5, 5), random.RandInt(100, 117), random.RandInt(0, int.MaxValue) });
    }

    [Fact]
    public void ArrayRandIntEqualsRepeatedScalarCalls()
    {
        // RandomState(0).randint(2**31-1, size=4): BaseBagging's per-tree seeds for random_state=0.
        var random = new NumpyRandomState(0);
        Assert.Equal(new[] { 209652396, 398764591, 924231285, 1478610112 }, Enumerable.Range(0, 4).Select(_ => random.RandInt(0, int.MaxValue)).ToArray());
    }

    [Theory]
    [InlineData(0u, new[] { 0.5488135039273248, 0.7151893663724195, 0.6027633760716439 })]
    [InlineData(7u, new[] { 0.07630828937395717, 0.7799187922401146, 0.4384092314408935 })]
    public void NextDoubleIsRandomSampleAndUniform(uint seed, double[] expected)
    {
        // RandomState(seed).random_sample(3); uniform(size=2) prints the same first two values.
        var random = new NumpyRandomState(seed);
        Assert.Equal(expected, new[] { random.NextDouble(), random.NextDouble(), random.NextDouble() });
    }

    [Theory]
    [InlineData(0u, new[] { 2, 8, 4, 9, 1, 6, 7, 3, 0, 5 })]
    [InlineData(7u, new[] { 8, 5, 0, 2, 1, 9, 7, 3, 6, 4 })]
    public void PermutationIsNumpysLegacyShuffle(uint seed, int[] expected)
    {
        Assert.Equal(expected, new NumpyRandomState(seed).Permutation(10));
    }

    [Theory]
    [InlineData(0u, new[] { 993, 859, 298, 553, 672 })]
    [InlineData(7u, new[] { 778, 334, 271, 802, 216 })]
    public void LongPermutationsCrossTheTwisterBoundary(uint seed, int[] expected)
    {
        // permutation(1000)[:5]: about 1400 words, so the state is regenerated at least twice.
        Assert.Equal(expected, new NumpyRandomState(seed).Permutation(1000)[..5]);
    }

    [Theory]
    [InlineData(1000, 5)]
    [InlineData(1000, 1000)]
    [InlineData(7, 0)]
    public void PermutationPrefixDrawsAsTheWholePermutation(int n, int k)
    {
        var whole = new NumpyRandomState(9);
        var prefixOnly = new NumpyRandomState(9);
        var prefix = new int[k];
        prefixOnly.PermutationPrefix(n, prefix, new int[n]);
        Assert.Equal(whole.Permutation(n)[..k], prefix);
        Assert.Equal(whole.NextUInt32(), prefixOnly.NextUInt32());
    }

    [Fact]
    public void ShuffleInPlace()
    {
        // x = np.arange(6); RandomState(4).shuffle(x)
        int[] values = [0, 1, 2, 3, 4, 5];
        new NumpyRandomState(4).Shuffle(values);
        Assert.Equal(new[] { 4, 5, 3, 0, 1, 2 }, values);
    }

    [Fact]
    public void AnEmptyRangeIsRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new NumpyRandomState(0).RandInt(3, 3));
    }
}
