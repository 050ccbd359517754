using Vigil.Detectors.IsolationForest;
using Vigil.Randomness;

namespace Vigil.Detectors.Tests.IsolationForest;

// sklearn.utils.random.sample_without_replacement(n, k, random_state=np.random.RandomState(3)), scikit-learn 1.2.1.
public sealed class BaggingDrawsTests
{
    [Fact]
    public void PermutationMethodBetweenOnePercentAndNinetyNine()
    {
        var drawn = Draw(593, 64);
        Assert.Equal(new[] { 349, 402, 37, 345, 340, 375, 134, 268 }, drawn[..8]);
        Assert.Equal(new[] { 67, 244, 101, 112, 322 }, drawn[^5..]);
    }

    [Fact]
    public void TrackingSelectionBelowOnePercent()
    {
        Assert.Equal(new[] { 1898, 1688, 1667, 968, 2304, 789, 2707, 1738, 2923, 1705, 2965, 1143, 2528, 1684, 1964, 2653 }, Draw(2997, 16));
    }

    [Fact]
    public void ReservoirSamplingFromNinetyNinePercent()
    {
        // Only position 24 differs from 0..99 (it holds 100).
        var expected = Enumerable.Range(0, 100).ToArray();
        expected[24] = 100;
        Assert.Equal(expected, Draw(101, 100));
    }

    [Fact]
    public void AllOfThePopulationDrawsNothing()
    {
        var random = new NumpyRandomState(3);
        var all = new int[8];
        BaggingDraws.SampleWithoutReplacement(8, all, random, new int[8]);
        Assert.Equal(Enumerable.Range(0, 8).ToArray(), all);
        Assert.Equal(new NumpyRandomState(3).NextUInt32(), random.NextUInt32());
    }

    [Fact]
    public void BootstrapIsArrayRandInt()
    {
        // np.random.RandomState(3).randint(0, 50, 6)
        var rows = new int[6];
        BaggingDraws.WithReplacement(50, rows, new NumpyRandomState(3));
        Assert.Equal(new[] { 42, 24, 3, 8, 0, 21 }, rows);
    }

    private static int[] Draw(int population, int count)
    {
        var result = new int[count];
        BaggingDraws.SampleWithoutReplacement(population, result, new NumpyRandomState(3), new int[population]);
        return result;
    }
}
