namespace Vigil.Thresholds;

/// <summary>
/// The empirical distribution function of the previous <see cref="Window"/> raw scores: a row's calibrated score is
/// the fraction of those at or below its raw score (0.5 before any history). Causal: a row never enters its own
/// calibration.
/// </summary>
/// <remarks>
/// The streaming form of <see cref="EmpiricalCdfCalibrator"/>: it keeps adapting instead of freezing a training sample.
/// Per row O(window) (sorted insert and removal). Not thread-safe.
/// </remarks>
/// <param name="window">Previous raw scores compared against, at least 1.</param>
public sealed class RollingEcdfCalibrator(int window) : ICausalCalibrator
{
    private readonly RollingHistory _history = new(window);

    /// <summary>Previous raw scores compared against.</summary>
    public int Window => _history.Capacity;

    /// <inheritdoc />
    public double Step(double value, double raw)
    {
        double p = _history.Count == 0 ? 0.5 : (double)_history.CountAtOrBelow(raw) / _history.Count;
        _history.Add(raw);
        return p;
    }

    /// <inheritdoc />
    public void WriteState(BinaryWriter writer) => _history.WriteState(writer);

    /// <inheritdoc />
    public void ReadState(BinaryReader reader) => _history.ReadState(reader);
}
