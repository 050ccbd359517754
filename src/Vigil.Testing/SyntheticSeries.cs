using Vigil.Randomness;

namespace Vigil.Testing;

/// <summary>
/// Deterministic synthetic series for tests: the same arguments always give the same values, on every
/// machine, because noise comes from <see cref="RandomSource.Create"/>.
/// </summary>
/// <remarks>Timestamps start at 2020-01-01T00:00Z and advance by <see cref="Interval"/>. Thread-safe.</remarks>
public static class SyntheticSeries
{
    /// <summary>The spacing of generated timestamps.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(5);

    /// <summary>The first generated timestamp.</summary>
    public static readonly DateTimeOffset Start = new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>A sine wave plus Gaussian noise.</summary>
    /// <param name="length">Number of points (≥ 0).</param>
    /// <param name="seed">Seed of the noise.</param>
    /// <param name="period">Points per cycle.</param>
    /// <param name="amplitude">Peak of the sine.</param>
    /// <param name="noise">Standard deviation of the noise.</param>
    public static TimeSeries SineWithNoise(int length, int seed = 1, double period = 50, double amplitude = 1.0, double noise = 0.1)
    {
        var rng = RandomSource.Create(seed);
        var values = new double[length];
        for (int i = 0; i < length; i++)
        {
            values[i] = amplitude * Math.Sin(2 * Math.PI * i / period) + noise * NextGaussian(rng);
        }

        return Create($"sine-with-noise-{seed}", values);
    }

    /// <summary>Noisy sine with a single spike of <paramref name="height"/> added at index <paramref name="at"/>.</summary>
    public static TimeSeries Spike(int length, int at, double height = 10.0, int seed = 2)
    {
        var values = SineWithNoise(length, seed).Values.ToArray();
        if (at >= 0 && at < length)
        {
            values[at] += height;
        }

        return Create($"spike-{seed}", values);
    }

    /// <summary>Gaussian noise whose level jumps by <paramref name="height"/> from index <paramref name="at"/> on.</summary>
    public static TimeSeries StepChange(int length, int at, double height = 5.0, int seed = 3, double noise = 0.1)
    {
        var rng = RandomSource.Create(seed);
        var values = new double[length];
        for (int i = 0; i < length; i++)
        {
            values[i] = (i >= at ? height : 0.0) + noise * NextGaussian(rng);
        }

        return Create($"step-change-{seed}", values);
    }

    /// <summary>The same value at every point.</summary>
    public static TimeSeries Constant(int length, double value = 3.0)
    {
        var values = new double[length];
        Array.Fill(values, value);
        return Create("constant", values);
    }

    /// <summary>A Gaussian random walk starting at 0.</summary>
    public static TimeSeries RandomWalk(int length, int seed = 4, double stepSize = 1.0)
    {
        var rng = RandomSource.Create(seed);
        var values = new double[length];
        double level = 0.0;
        for (int i = 0; i < length; i++)
        {
            level += stepSize * NextGaussian(rng);
            values[i] = level;
        }

        return Create($"random-walk-{seed}", values);
    }

    /// <summary>A series of <paramref name="values"/> with the standard timestamps.</summary>
    public static TimeSeries Create(string id, ReadOnlySpan<double> values)
    {
        var timestamps = new DateTimeOffset[values.Length];
        for (int i = 0; i < timestamps.Length; i++)
        {
            timestamps[i] = Start + (Interval * i);
        }

        return new TimeSeries(id, timestamps, values);
    }

    // Box-Muller; 1 - u keeps the logarithm's argument in (0, 1].
    private static double NextGaussian(IRandomSource rng)
    {
        double u = 1.0 - rng.NextDouble();
        double v = rng.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u)) * Math.Cos(2.0 * Math.PI * v);
    }
}
