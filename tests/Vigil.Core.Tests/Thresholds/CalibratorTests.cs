using Vigil.Randomness;
using Vigil.Thresholds;

namespace Vigil.Core.Tests.Thresholds;

public sealed class CalibratorTests
{
    public static TheoryData<string> Calibrators() => new() { "min-max", "empirical-cdf", "gaussian-tail" };

    private static IScoreCalibrator Create(string name) => name switch
    {
        "min-max" => new MinMaxCalibrator(),
        "empirical-cdf" => new EmpiricalCdfCalibrator(),
        _ => new GaussianTailCalibrator(),
    };

    private static ScoreSeries Noise(int n, int seed)
    {
        var rng = RandomSource.Create(seed);
        return new ScoreSeries(Enumerable.Range(0, n).Select(_ => rng.NextDouble() * 10 - 2).ToArray(), 0);
    }

    [Theory]
    [MemberData(nameof(Calibrators))]
    public void CalibratorsAreMonotoneAndMapIntoTheUnitInterval(string name)
    {
        for (int seed = 0; seed < 20; seed++)
        {
            var calibrator = Create(name);
            calibrator.Fit(Noise(50 + seed, seed));
            var probes = Noise(200, seed + 1000).Scores.ToArray().Concat([-1e9, 1e9, 0.0]).Order().ToArray();
            double previous = double.NegativeInfinity;
            foreach (double x in probes)
            {
                double c = calibrator.Calibrate(x);
                Assert.InRange(c, 0.0, 1.0);
                Assert.True(c >= previous, $"{name} (seed {seed}) is not monotone at {x}: {c} < {previous}");
                previous = c;
            }
        }
    }

    [Fact]
    public void EmpiricalCdfGivesTheFractionAtOrBelow()
    {
        var calibrator = new EmpiricalCdfCalibrator();
        calibrator.Fit(new ScoreSeries(new double[] { 99, 1, 2, 3 }, WarmupLength: 1));
        Assert.Equal(0.0, calibrator.Calibrate(0.5));
        Assert.Equal(2.0 / 3.0, calibrator.Calibrate(2.0), 12);
        Assert.Equal(1.0, calibrator.Calibrate(3.5));
    }

    [Fact]
    public void CalibratingASeriesKeepsItsWarmup()
    {
        var calibrator = new MinMaxCalibrator();
        var raw = new ScoreSeries(new double[] { 100, 0, 5, 10 }, WarmupLength: 1);
        calibrator.Fit(raw);
        var calibrated = calibrator.Calibrate(raw);
        Assert.Equal(1, calibrated.WarmupLength);
        Assert.Equal([0.0, 0.0, 0.5, 1.0], calibrated.Scores.ToArray());
    }

    [Fact]
    public void GaussianTailIsOneHalfAtTheMean()
    {
        var calibrator = new GaussianTailCalibrator();
        calibrator.Fit(new ScoreSeries(new double[] { 1, 2, 3 }, 0));
        Assert.Equal(0.5, calibrator.Calibrate(2.0), 12);
        Assert.True(calibrator.Calibrate(2.0 + 3 * Math.Sqrt(2.0 / 3.0)) > 0.998);
    }
}
