using Vigil.Evaluation.Nab;

namespace Vigil.Evaluation.Tests.Nab;

public sealed class DescendingRadixSortTests
{
    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 2)]
    [InlineData(1000, 3)]
    [InlineData(50_000, 4)]
    public void OrdersLikeAStableDescendingComparisonSort(int n, int seed)
    {
        var random = new Random(seed);
        double[] pool = [0.0, -0.0, 1.0, 0.5, -3.25, 1e-300, -1e-300, double.Epsilon, 1.0999999, 0.30000000000000004, 0.3];
        var values = new double[n];
        for (int i = 0; i < n; i++)
        {
            // Half the values repeat from a small pool (ties, signed zeros, subnormals), half are spread widely.
            values[i] = random.Next(2) == 0 ? pool[random.Next(pool.Length)] : (random.NextDouble() - 0.3) * Math.Pow(10, random.Next(-20, 20));
        }

        var order = new int[n];
        var sorted = new double[n];
        DescendingRadixSort.Sort(values, order, sorted);

        // Reference: LINQ's OrderByDescending is a stable sort, with -0.0 == 0.0 as the radix sort treats them.
        int[] expected = Enumerable.Range(0, n).OrderByDescending(i => values[i] + 0.0).ToArray();
        Assert.Equal(expected, order);
        for (int j = 0; j < n; j++)
        {
            Assert.Equal(values[order[j]] + 0.0, sorted[j]);
            Assert.False(double.IsNegative(sorted[j]) && sorted[j] == 0, "-0.0 must come out as 0.0");
        }
    }

    [Fact]
    public void ShortOutputsAreRejected()
    {
        Assert.Throws<ArgumentException>(() => DescendingRadixSort.Sort([1.0, 2.0], new int[1], new double[2]));
    }
}
