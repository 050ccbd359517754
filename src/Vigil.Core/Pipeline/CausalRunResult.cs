using Vigil.Thresholds;

namespace Vigil.Pipeline;

/// <summary>The outcome of a <see cref="CausalRun"/> over one series.</summary>
/// <param name="Scores">The final score of every row (calibrated when a calibration was applied).</param>
/// <param name="RawScores">The detector's own scores (bounded form for unbounded detectors when the calibration asks for it, <see cref="CalibrationSpec.BoundRawScores"/>, or, uncalibrated, under <see cref="CausalRunRequest.UnitInterval"/>).</param>
/// <param name="TrainLength">Rows the detector learned on before scoring (the probationary rows).</param>
/// <param name="Calibration">The calibration applied.</param>
/// <param name="Alarms">The alarms, when a threshold rule was asked for.</param>
/// <param name="Calibrator">The calibrator after the last row (to save with a model and continue later), or null without calibration.</param>
public sealed record CausalRunResult(double[] Scores, double[] RawScores, int TrainLength, CalibrationSpec Calibration, AlarmSeries? Alarms, ICausalCalibrator? Calibrator = null);
