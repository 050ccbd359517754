using Vigil.Detection;
using Vigil.Randomness;

namespace Vigil.Detectors.Baselines;

/// <summary>
/// NAB's random detector: each row's score is the next <c>random.random()</c> of Python's Mersenne Twister
/// seeded with <see cref="DetectorOptions.Seed"/> at the start of the series.
/// </summary>
/// <remarks>
/// <para>
/// It detects nothing; it is the baseline that shows what chance alone scores. NAB's detector calls
/// <c>random.seed(42)</c> in <c>initialize()</c> and returns <c>random.uniform(0, 1)</c>, which equals
/// <c>random.random()</c>; <see cref="MersenneTwister"/> reproduces that sequence bit for bit, so the scores equal
/// NAB's published ones. Reference: Numenta Anomaly Benchmark, <c>nab/detectors/random/random_detector.py</c>.
/// </para>
/// <para>Not thread-safe: one instance per series.</para>
/// </remarks>
public sealed class RandomDetector : DetectorBase<RandomOptions>, IStreamingDetector, Vigil.Persistence.IPersistable
{
    private MersenneTwister _random;
    private long _draws;

    /// <summary>Creates the detector, seeded for the first series.</summary>
    /// <exception cref="Vigil.Validation.OptionsValidationException">The options are invalid.</exception>
    public RandomDetector(RandomOptions options)
        : base(options, Descriptor)
    {
        _random = new MersenneTwister(options.Seed);
    }

    /// <summary>Registry entry: <c>random</c>.</summary>
    public static DetectorDescriptor Descriptor { get; } = new(
        Name: "random",
        Kind: DetectorKind.Streaming,
        OptionsType: typeof(RandomOptions),
        StateVersion: 1,
        Create: options => new RandomDetector((RandomOptions)options),
        Restore: (options, reader, _) => Restore((RandomOptions)options, reader),
        Summary: "NAB's random baseline: uniform scores in [0, 1) from Python's Mersenne Twister (seed 42).");

    /// <summary>The next uniform value in [0, 1); the observation and <paramref name="learn"/> are ignored.</summary>
    public double Step(in Observation x, bool learn = true)
    {
        _draws++;
        return _random.NextDouble();
    }

    /// <summary>Reseeds the generator, as NAB does at the start of every file.</summary>
    public void Reset()
    {
        _random = new MersenneTwister(Options.Seed);
        _draws = 0;
    }

    /// <summary>Writes how many scores were drawn since the seed: the generator's whole state, given the options.</summary>
    public void WriteState(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(_draws);
    }

    private static RandomDetector Restore(RandomOptions options, BinaryReader reader)
    {
        long draws = reader.ReadInt64();
        if (draws < 0)
        {
            throw new InvalidDataException($"random state is corrupt ({draws} draws).");
        }

        var detector = new RandomDetector(options);
        for (long i = 0; i < draws; i++)
        {
            detector.Step(default);
        }

        return detector;
    }
}
