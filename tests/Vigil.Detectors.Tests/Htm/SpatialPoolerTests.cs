using Vigil.Detectors.Htm;
using Xunit;

namespace Vigil.Detectors.Tests.Htm;

/// <summary>htm.md §5.3 initialisation vectors and §12.2 first active columns.</summary>
public sealed class SpatialPoolerTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void InitialisationMatchesNupic(bool r1)
    {
        var sp = new SpatialPooler(connectedEpsilon: r1);
        Assert.Equal(363, sp.PotentialSize);
        Assert.Equal([191, 189, 176, 165, 175, 169, 194, 191, 177, 183], Enumerable.Range(0, 10).Select(sp.ConnectedCount).ToArray());
        Assert.Equal(370_835, Enumerable.Range(0, 2048).Sum(sp.ConnectedCount));
        Assert.Equal([0, 1, 2, 3, 4, 5, 6, 8, 9, 10], sp.Potential(0)[..10].ToArray());
        float[] expected = [0.97355f, 0.92624f, 0.13618f, 0.04262f, 0.0334f, 0.97951f, 0.42296f, 0.82374f, 0.73398f, 0.04964f];
        Assert.Equal(expected, sp.Potential(0)[..10].ToArray().Select(i => sp.Permanence(0, i)).ToArray());
    }

    [Fact]
    public void FirstRowOfSpeed7578ActivatesTheShippedColumns()
    {
        var sp = new SpatialPooler(connectedEpsilon: false);
        int[] input = [.. Enumerable.Range(16, 21), 95, 120, 134, 148, 154, 173, 174, 203, 225, 272, 289, 319, 336, 354, 366, 368, 370, 385, 387, 400, 415];
        var active = new int[40];
        sp.Compute(input, active);
        Assert.Equal(
            [37, 47, 99, 153, 168, 217, 264, 285, 333, 493, 561, 768, 799, 814, 815, 875, 949, 961, 970, 1039, 1093, 1107, 1117, 1197, 1219, 1312, 1347, 1403, 1502, 1508, 1639, 1661, 1749, 1864, 1963, 1964, 1975, 1992, 2025, 2042],
            active);
    }
}
