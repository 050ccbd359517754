using Vigil.Numerics;

namespace Vigil.Detectors.Tests.Numerics;

// Reference values printed by numpy 1.24.2 (Debian 12 python3-numpy) for
// a = np.array([((i*7919) % 10007) / 997.0 * [1,10,100,1000,10000][i % 5] + 1e-3 * (i % 13) for i in range(n)]):
// repr(float(np.sum(a))), repr(float(np.mean(a))), repr(float(np.std(a))).
public sealed class NumpyStatisticsTests
{
    [Theory]
    [InlineData(5, 21018.355035105316, 4203.671007021063, 6350.466140425264)]
    [InlineData(8, 21644.48537211635, 2705.5606715145436, 5382.085575449325)]
    [InlineData(9, 24964.453251755265, 2773.8281390839184, 5077.951394946125)]
    [InlineData(100, 1226174.3362627884, 12261.743362627883, 25394.53184295602)]
    [InlineData(128, 1358661.8843821464, 10614.545971735519, 22994.437133956526)]
    [InlineData(129, 1361595.696786359, 10555.005401444643, 22915.041294067174)]
    [InlineData(1000, 11248470.037129387, 11248.470037129387, 23799.562281820716)]
    [InlineData(8192, 91258445.24130091, 11139.94692886974, 23517.89027614676)]
    [InlineData(8193, 91259154.77188666, 11138.673840093576, 23516.737284234005)]
    [InlineData(10000, 111388054.65601304, 11138.805465601305, 23528.591198676728)]
    [InlineData(20000, 222500985.38722467, 11125.049269361234, 23491.775817456422)]
    public void SumMeanAndStdEqualNumpyBitForBit(int n, double sum, double mean, double std)
    {
        double[] scale = [1.0, 10.0, 100.0, 1000.0, 10000.0];
        var values = new double[n];
        for (int i = 0; i < n; i++)
        {
            values[i] = (i * 7919 % 10007) / 997.0 * scale[i % 5] + 1e-3 * (i % 13);
        }

        Assert.Equal(sum, NumpyStatistics.Sum(values));
        double actualMean = NumpyStatistics.Mean(values);
        Assert.Equal(mean, actualMean);
        Assert.Equal(std, NumpyStatistics.PopulationStandardDeviation(values, actualMean, new double[n]));
    }

    [Fact]
    public void EmptyInputSumsToZeroAndHasNoMean()
    {
        Assert.Equal(0.0, NumpyStatistics.Sum([]));
        Assert.True(double.IsNaN(NumpyStatistics.Mean([])));
    }

    [Fact]
    public void ScratchSpaceMustHoldTheValues()
    {
        Assert.Throws<ArgumentException>(() => NumpyStatistics.PopulationStandardDeviation([1.0, 2.0], 1.5, new double[1]));
    }
}
