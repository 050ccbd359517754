namespace Vigil.Thresholds;

/// <summary>
/// An online calibration stage: maps each raw score into [0, 1] from the scores before it, so a detector followed by
/// it stays causal. Unlike <see cref="IScoreCalibrator"/> it needs no separate fit: it learns as the stream goes.
/// </summary>
/// <remarks>Implementations keep per-series state: one instance per series, not thread-safe.</remarks>
public interface ICausalCalibrator
{
    /// <summary>The calibrated score, in [0, 1], of a row with metric <paramref name="value"/> and raw score <paramref name="raw"/>; then absorbs the row.</summary>
    double Step(double value, double raw);

    /// <summary>Writes the calibrator's state (explicit fields, little-endian).</summary>
    void WriteState(BinaryWriter writer);

    /// <summary>Reads state written by <see cref="WriteState"/> into a calibrator built from the same spec.</summary>
    void ReadState(BinaryReader reader);
}
