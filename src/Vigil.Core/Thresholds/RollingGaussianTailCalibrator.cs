using Vigil.Numerics;

namespace Vigil.Thresholds;

/// <summary>
/// The normal distribution function fitted to the previous <see cref="Window"/> raw scores: Φ((x − μ) / σ) (0.5 before
/// any history). Causal: a row never enters its own calibration.
/// </summary>
/// <remarks>
/// The streaming form of <see cref="GaussianTailCalibrator"/>. Mean and variance are kept as running sums over the
/// window (O(1) per row, plus the O(window) sorted bookkeeping the shared history keeps). σ is at least 1e-12. Not thread-safe.
/// </remarks>
/// <param name="window">Previous raw scores the normal is fitted to, at least 2.</param>
public sealed class RollingGaussianTailCalibrator(int window) : ICausalCalibrator
{
    private readonly RollingHistory _history = new(window);

    /// <summary>Previous raw scores the normal is fitted to.</summary>
    public int Window => _history.Capacity;

    /// <inheritdoc />
    public double Step(double value, double raw)
    {
        double p = 0.5;
        if (_history.Count > 0)
        {
            var (mean, sd) = _history.MeanAndStandardDeviation();
            double z = (raw - mean) / Math.Max(sd, 1e-12);
            p = Math.Clamp(0.5 * SpecialFunctions.Erfc(-z / Math.Sqrt(2.0)), 0.0, 1.0);
        }

        _history.Add(raw);
        return p;
    }

    /// <inheritdoc />
    public void WriteState(BinaryWriter writer) => _history.WriteState(writer);

    /// <inheritdoc />
    public void ReadState(BinaryReader reader) => _history.ReadState(reader);
}
