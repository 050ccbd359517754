using Vigil.Detection;

namespace Vigil.Thresholds;

/// <summary>A streaming detector whose every score passes through a calibrator (which must already be fitted or need no fit).</summary>
/// <param name="inner">The detector.</param>
/// <param name="calibrator">The monotone map into [0, 1].</param>
/// <remarks>Forwards <see cref="ISeriesContextAware.Prepare"/> when the inner detector accepts it. Not thread-safe.</remarks>
public sealed class CalibratedStreaming(IStreamingDetector inner, IScoreCalibrator calibrator) : IStreamingDetector, ISeriesContextAware
{
    private readonly IStreamingDetector _inner = inner ?? throw new ArgumentNullException(nameof(inner));
    private readonly IScoreCalibrator _calibrator = calibrator ?? throw new ArgumentNullException(nameof(calibrator));

    /// <inheritdoc />
    public DetectorDescriptor Descriptor => _inner.Descriptor;

    /// <inheritdoc />
    public DetectorOptions Options => _inner.Options;

    /// <inheritdoc />
    public double Step(in Observation x, bool learn = true) => _calibrator.Calibrate(_inner.Step(x, learn));

    /// <inheritdoc />
    public void Reset() => _inner.Reset();

    /// <inheritdoc />
    public void Prepare(SeriesContext context)
    {
        if (_inner is ISeriesContextAware aware)
        {
            aware.Prepare(context);
        }
    }
}
