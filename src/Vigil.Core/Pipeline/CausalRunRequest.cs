using Vigil.Detection;
using Vigil.Thresholds;

namespace Vigil.Pipeline;

/// <summary>What <see cref="CausalRun"/> is asked to do with one series.</summary>
/// <param name="Series">The input, in time order.</param>
public sealed record CausalRunRequest(TimeSeries Series)
{
    /// <summary>Rows the detector learns on before it is scored; null = <see cref="Probation.TrainingLengthFor"/> (NAB's 15%, at most 750).</summary>
    public int? TrainLength { get; init; }

    /// <summary>Known lower bound of the values (NAB gives it), else NaN.</summary>
    public double InputMin { get; init; } = double.NaN;

    /// <summary>Known upper bound of the values, else NaN.</summary>
    public double InputMax { get; init; } = double.NaN;

    /// <summary>Whether to tell the detector the series context first; false for a detector continued from a saved state.</summary>
    public bool PrepareDetector { get; init; } = true;

    /// <summary>The calibration; null = the detector options' own (<see cref="DetectorOptions.Calibration"/>).</summary>
    public CalibrationSpec? Calibration { get; init; }

    /// <summary>A calibrator to continue (e.g. restored with a saved model) instead of a fresh one from the spec.</summary>
    public ICausalCalibrator? Calibrator { get; init; }

    /// <summary>
    /// Scores must lie in [0, 1] (NAB): without calibration, unbounded raw scores are mapped through
    /// <see cref="RationalCalibrator"/>. (Calibrators receive that bounded form only when
    /// <see cref="CalibrationSpec.BoundRawScores"/> is set.)
    /// </summary>
    public bool UnitInterval { get; init; }

    /// <summary>
    /// Batch detectors: the training rows carry the first model's in-sample scores instead of 0. They depend on later
    /// training rows, so use this only where training rows are never evaluated (NAB's probation).
    /// </summary>
    public bool ScoreTrainingRows { get; init; }

    /// <summary>Alarms to compute (thresholder fitted on the training rows' scores, applied after them); <see cref="ThresholdRule.None"/> for none.</summary>
    public ThresholdRule Threshold { get; init; } = ThresholdRule.None;
}
