using Vigil.Detectors.Htm;
using Xunit;

namespace Vigil.Detectors.Tests.Htm;

/// <summary>htm.md §12.2: the TM's first learning cells on speed_7578, and basic sequence learning.</summary>
public sealed class BacktrackingTemporalMemoryTests
{
    [Fact]
    public void FirstRowPicksTheShippedLearningCells()
    {
        var tm = new BacktrackingTemporalMemory(new HtmTemporalMemoryParameters(), HtmVariant.R0);
        int[] active = [37, 47, 99, 153, 168, 217, 264, 285, 333, 493, 561, 768, 799, 814, 815, 875, 949, 961, 970, 1039, 1093, 1107, 1117, 1197, 1219, 1312, 1347, 1403, 1502, 1508, 1639, 1661, 1749, 1864, 1963, 1964, 1975, 1992, 2025, 2042];
        Assert.Equal(1f, tm.RawAnomaly(active));
        tm.Compute(active);
        Assert.Equal([1197, 1510, 3172, 4897, 5377, 6945, 8470, 9138, 10686, 15804], tm.LearningCells[..10].ToArray());
    }

    [Theory]
    [InlineData(HtmVariant.R0)]
    [InlineData(HtmVariant.R1)]
    public void ARepeatedSequenceBecomesPredicted(HtmVariant variant)
    {
        var tm = new BacktrackingTemporalMemory(new HtmTemporalMemoryParameters(), variant);
        int[][] patterns = [.. Enumerable.Range(0, 4).Select(p => Enumerable.Range(0, 40).Select(i => (p * 40) + i).ToArray())];
        float last = 1f;
        for (int rep = 0; rep < 60; rep++)
        {
            foreach (var p in patterns)
            {
                last = tm.RawAnomaly(p);
                tm.Compute(p);
            }
        }

        Assert.Equal(0f, last);
        Assert.True(tm.SegmentCount > 0);
    }
}
