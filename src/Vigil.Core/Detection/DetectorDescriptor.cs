namespace Vigil.Detection;

/// <summary>A registry entry: how to name, configure and create a detector.</summary>
/// <param name="Name">Kebab-case registry name, stable forever (e.g. <c>windowed-gaussian</c>).</param>
/// <param name="Kind">Native protocol.</param>
/// <param name="OptionsType">The <see cref="DetectorOptions"/> record type; must have a parameterless constructor.</param>
/// <param name="StateVersion">Version of the persisted state layout.</param>
/// <param name="Create">Creates a detector from validated options.</param>
/// <param name="Restore">Restores a detector from persisted state (options, reader, stored state version); null when the detector has no persistable state.</param>
/// <param name="Summary">One line for listings: what the detector does.</param>
public sealed record DetectorDescriptor(
    string Name,
    DetectorKind Kind,
    Type OptionsType,
    int StateVersion,
    Func<DetectorOptions, IAnomalyDetector> Create,
    Func<DetectorOptions, BinaryReader, int, IAnomalyDetector>? Restore,
    string Summary)
{
    /// <summary>
    /// Whether scores are unbounded (e.g. reconstruction errors) rather than in [0, 1]. Harnesses that need
    /// probabilities (NAB) map them through a fixed monotone <see cref="Vigil.Thresholds.RationalCalibrator"/>.
    /// </summary>
    public bool UnboundedScores { get; init; }

    /// <summary>
    /// The name of the NAB entry this detector reproduces (e.g. <c>contextOSE</c>), under which NAB's
    /// <c>config/thresholds.json</c> and <c>results/</c> list it; null when it reproduces none. Scoring falls back
    /// to that entry's thresholds when a thresholds file has none under <see cref="Name"/>.
    /// </summary>
    public string? NabName { get; init; }

    /// <summary>The options record with every default.</summary>
    public DetectorOptions DefaultOptions() => (DetectorOptions)Activator.CreateInstance(OptionsType)!;
}
