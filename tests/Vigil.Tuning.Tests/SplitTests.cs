using Vigil.Tuning.Splits;

namespace Vigil.Tuning.Tests;

public sealed class SplitTests
{
    [Fact]
    public void MatchesScikitLearnsTimeSeriesSplit()
    {
        // sklearn: TimeSeriesSplit(n_splits=3).split(range(10)) -> train [0..3] test [4,5]; [0..5] [6,7]; [0..7] [8,9]
        Assert.Equal([new SplitFold(4, 4, 6), new SplitFold(6, 6, 8), new SplitFold(8, 8, 10)], new TimeSeriesSplit(3).Folds(10));
        // gap=2: TimeSeriesSplit(n_splits=3, gap=2) -> train [0..1] test [4,5]; [0..3] [6,7]; [0..5] [8,9]
        Assert.Equal([new SplitFold(2, 4, 6), new SplitFold(4, 6, 8), new SplitFold(6, 8, 10)], new TimeSeriesSplit(3, 2).Folds(10));
        // n=11: test_size = 11 // 4 = 2, first test starts at 11 - 6 = 5
        Assert.Equal(new SplitFold(5, 5, 7), new TimeSeriesSplit(3).Folds(11)[0]);
    }

    [Fact]
    public void NoValidationRowEverPrecedesATrainingRow()
    {
        var rng = Vigil.Randomness.RandomSource.Create(7);
        for (int i = 0; i < 500; i++)
        {
            int splits = 1 + rng.NextInt(6), gap = rng.NextInt(20), first = rng.NextInt(100), rows = first + 20 + rng.NextInt(2000);
            IReadOnlyList<SplitFold> folds;
            try
            {
                folds = new TimeSeriesSplit(splits, gap).Folds(first, rows);
            }
            catch (ArgumentException)
            {
                continue;   // too few rows for this draw
            }

            Assert.Equal(splits, folds.Count);
            for (int k = 0; k < folds.Count; k++)
            {
                var f = folds[k];
                Assert.True(f.TrainEnd >= 1 && f.TrainEnd + gap == f.TestStart, $"{f}");
                Assert.True(f.TestStart >= first && f.TestStart < f.TestEnd && f.TestEnd <= rows);
                if (k > 0)
                {
                    Assert.Equal(folds[k - 1].TestEnd, f.TestStart);                 // consecutive blocks
                    Assert.True(f.TrainEnd > folds[k - 1].TrainEnd);                 // expanding window
                }
            }

            Assert.Equal(rows, folds[^1].TestEnd);
        }
    }

    [Fact]
    public void TooFewRowsIsAnError()
    {
        Assert.Throws<ArgumentException>(() => new TimeSeriesSplit(5).Folds(5));
        Assert.Throws<ArgumentException>(() => new TimeSeriesSplit(3, Gap: 8).Folds(10));
        Assert.Throws<ArgumentException>(() => new TimeSeriesSplit(0).Folds(10));
    }
}
