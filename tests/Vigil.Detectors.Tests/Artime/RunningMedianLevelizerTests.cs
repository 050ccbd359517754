using Vigil.Detectors.Artime;
using Xunit;

namespace Vigil.Detectors.Tests.Artime;

public sealed class RunningMedianLevelizerTests
{
    [Fact]
    public void MedianFollowsTheHandWorkedSequence()
    {
        var levelizer = new RunningMedianLevelizer(80);

        // 10: the first value sets the median. 20: one above, ⌊2/2⌋ = 1 is not below 1, it stays.
        Assert.Equal(10, levelizer.Add(10));
        Assert.Equal(10, levelizer.Add(20));

        // 30: two above > ⌊3/2⌋, so it moves up to the next occupied bin (20), now one below and one above.
        Assert.Equal(20, levelizer.Add(30));
        Assert.Equal((1, 1), (levelizer.BelowMedian, levelizer.AboveMedian));

        // 0: two below, not more than ⌊4/2⌋; 0 again: three below > 2, back down to 10 (the true median of 10,20,30,0,0).
        Assert.Equal(20, levelizer.Add(0));
        Assert.Equal(10, levelizer.Add(0));
        Assert.Equal((2, 2), (levelizer.BelowMedian, levelizer.AboveMedian));
    }

    [Fact]
    public void MedianMovesOneOccupiedBinPerValue()
    {
        var levelizer = new RunningMedianLevelizer(80);
        levelizer.Add(0);
        levelizer.Add(40);
        levelizer.Add(60);     // moves to 40
        levelizer.Add(80);
        Assert.Equal(60, levelizer.Add(80));   // three of five above 40 > ⌊5/2⌋: up one occupied bin, to 60
        Assert.Equal(5, levelizer.Count);
    }

    [Fact]
    public void RepeatedLevelsAreNeitherBelowNorAbove()
    {
        var levelizer = new RunningMedianLevelizer(10);
        for (int k = 0; k < 5; k++)
        {
            Assert.Equal(3, levelizer.Add(3));
        }

        Assert.Equal((0, 0), (levelizer.BelowMedian, levelizer.AboveMedian));
    }

    [Fact]
    public void LevelsOutsideTheRangeAreRejected()
    {
        var levelizer = new RunningMedianLevelizer(80);
        Assert.Throws<ArgumentOutOfRangeException>(() => levelizer.Add(81));
        Assert.Throws<ArgumentOutOfRangeException>(() => levelizer.Add(-1));
    }
}
