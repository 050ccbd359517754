using Vigil.Thresholds;

namespace Vigil.Pipeline;

/// <summary>The calibrator a <see cref="CalibrationSpec"/> describes: the rise of the raw scores, their EWMA, the calibrator, the log transform.</summary>
/// <remarks>Causal row by row; one instance per series; not thread-safe.</remarks>
internal sealed class CalibrationStage : ICausalCalibrator
{
    private readonly CalibrationSpec _spec;
    private readonly ICausalCalibrator? _inner;
    private readonly ScoreRise? _rise;
    private double _smoothed = double.NaN;

    public CalibrationStage(CalibrationSpec spec, int probation)
    {
        _spec = spec;
        _rise = spec.RiseWindow > 0 ? new ScoreRise(spec.RiseWindow) : null;
        _inner = spec.Method switch
        {
            CalibrationMethod.None => null,
            CalibrationMethod.Likelihood => new LikelihoodCalibrator(
                new AnomalyLikelihood(probation, spec.HistoricWindow, spec.ReestimationPeriod, spec.TwoSided, spec.AveragingWindow), spec.LogScale),
            CalibrationMethod.Ecdf => new RollingEcdfCalibrator(spec.HistoricWindow),
            CalibrationMethod.GaussianTail => new RollingGaussianTailCalibrator(spec.HistoricWindow),
            _ => throw new ArgumentOutOfRangeException(nameof(spec), spec.Method, "Unknown calibration method."),
        };
    }

    public double Step(double value, double raw)
    {
        if (_rise is not null)
        {
            raw = _rise.Step(raw);
        }

        if (_spec.SmoothingAlpha < 1.0)
        {
            _smoothed = double.IsNaN(_smoothed) ? raw : (_spec.SmoothingAlpha * raw) + ((1.0 - _spec.SmoothingAlpha) * _smoothed);
            raw = _smoothed;
        }

        if (_inner is null)
        {
            return raw;
        }

        double p = _inner.Step(value, raw);
        // The likelihood applies its own log transform (it is part of NAB's detector); the others get it here.
        return _spec.LogScale && _spec.Method != CalibrationMethod.Likelihood ? Math.Clamp(LikelihoodCalibrator.LogTransform(p), 0.0, 1.0) : p;
    }

    public void WriteState(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(_smoothed);
        _inner?.WriteState(writer);
        _rise?.WriteState(writer);   // last, and only with a rise, so states saved before the rise existed read as they were
    }

    public void ReadState(BinaryReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        _smoothed = reader.ReadDouble();
        _inner?.ReadState(reader);
        _rise?.ReadState(reader);
    }
}
