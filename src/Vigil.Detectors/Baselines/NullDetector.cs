using Vigil.Detection;

namespace Vigil.Detectors.Baselines;

/// <summary>NAB's null detector: the constant score 0.5 on every row.</summary>
/// <remarks>
/// <para>
/// It detects nothing. NAB uses it to normalise scores (the null detector scores 0), so it is the floor any
/// detector must beat. Reference: Numenta Anomaly Benchmark, <c>nab/detectors/null/null_detector.py</c>.
/// </para>
/// <para>Stateless, so thread-safe, although the streaming contract asks for one instance per series.</para>
/// </remarks>
public sealed class NullDetector : DetectorBase<NullOptions>, IStreamingDetector, Vigil.Persistence.IPersistable
{
    /// <summary>The score given to every row.</summary>
    public const double ConstantScore = 0.5;

    /// <summary>Creates the detector.</summary>
    /// <exception cref="Vigil.Validation.OptionsValidationException">The options are invalid.</exception>
    public NullDetector(NullOptions options)
        : base(options, Descriptor)
    {
    }

    /// <summary>Registry entry: <c>null</c>.</summary>
    public static DetectorDescriptor Descriptor { get; } = new(
        Name: "null",
        Kind: DetectorKind.Streaming,
        OptionsType: typeof(NullOptions),
        StateVersion: 1,
        Create: options => new NullDetector((NullOptions)options),
        Restore: (options, _, _) => new NullDetector((NullOptions)options),
        Summary: "NAB's null baseline: the constant score 0.5 on every row.");

    /// <inheritdoc />
    public double Step(in Observation x, bool learn = true) => ConstantScore;

    /// <inheritdoc />
    public void Reset()
    {
        // Nothing to forget.
    }

    /// <summary>Writes nothing: the null detector has no state beyond its options.</summary>
    public void WriteState(BinaryWriter writer)
    {
    }
}
