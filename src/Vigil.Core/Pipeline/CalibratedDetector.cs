using Vigil.Detection;
using Vigil.Thresholds;

namespace Vigil.Pipeline;

/// <summary>
/// A streaming detector followed by its causal calibration stage, as one streaming detector: what
/// <see cref="CausalRun"/> computes, row by row (for streaming harnesses and the conformance kit's no-look-ahead check).
/// </summary>
/// <remarks>
/// The calibrator's probationary period is the harness's probation (<see cref="Prepare"/>), else
/// <paramref name="probation"/>. Unbounded raw scores enter the calibrator through <see cref="RationalCalibrator"/> when
/// <see cref="CalibrationSpec.BoundRawScores"/> asks for it (always when there is no calibrator), as in
/// <see cref="CausalRun"/>. <see cref="Reset"/> also starts a fresh calibrator. Not thread-safe.
/// </remarks>
/// <param name="inner">The detector (a batch detector goes in through <see cref="BatchAsStreaming"/>).</param>
/// <param name="calibration">The calibration stage.</param>
/// <param name="probation">Probationary rows of the calibrator when no harness context is given.</param>
/// <param name="descriptor">The registry entry to report (a pipeline registered under its own name); null = the inner detector's.</param>
public sealed class CalibratedDetector(IStreamingDetector inner, CalibrationSpec calibration, int probation, DetectorDescriptor? descriptor = null) : IStreamingDetector, ISeriesContextAware
{
    private readonly IStreamingDetector _inner = inner ?? throw new ArgumentNullException(nameof(inner));
    private readonly CalibrationSpec _calibration = calibration ?? throw new ArgumentNullException(nameof(calibration));
    private readonly RationalCalibrator _bound = new();
    private readonly bool _boundRaw = CausalRun.BoundsRawScores(inner.Descriptor, calibration, unitInterval: true);   // null arguments have thrown above
    private int _probation = probation;
    private ICausalCalibrator _calibrator = calibration.Create(probation);

    /// <inheritdoc />
    public DetectorDescriptor Descriptor => descriptor ?? _inner.Descriptor;

    /// <inheritdoc />
    public DetectorOptions Options => _inner.Options;

    /// <inheritdoc />
    public double Step(in Observation x, bool learn = true)
    {
        double raw = _inner.Step(x, learn);
        return _calibrator.Step(x.Value, _boundRaw ? _bound.Calibrate(raw) : raw);
    }

    /// <inheritdoc />
    public void Reset()
    {
        _inner.Reset();
        _calibrator = _calibration.Create(_probation);
    }

    /// <inheritdoc />
    public void Prepare(SeriesContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        _probation = context.ProbationLength;
        _calibrator = _calibration.Create(_probation);
        if (_inner is ISeriesContextAware aware)
        {
            aware.Prepare(context);
        }
    }
}
