namespace Vigil.Pipeline;

/// <summary>The causal calibration stage between a detector's raw scores and its thresholder.</summary>
public enum CalibrationMethod
{
    /// <summary>Raw scores as the detector gives them.</summary>
    None,

    /// <summary>NAB's anomaly likelihood of the raw scores (<see cref="Vigil.Thresholds.LikelihoodCalibrator"/>).</summary>
    Likelihood,

    /// <summary>Empirical distribution function of the previous raw scores (<see cref="Vigil.Thresholds.RollingEcdfCalibrator"/>).</summary>
    Ecdf,

    /// <summary>Normal distribution function fitted to the previous raw scores (<see cref="Vigil.Thresholds.RollingGaussianTailCalibrator"/>).</summary>
    GaussianTail,
}
