namespace Vigil.Detectors.Sarima;

/// <summary>How the SARIMA estimator obtains the gradient of the log-likelihood.</summary>
internal enum SarimaGradientMethod
{
    /// <summary>
    /// Reverse-mode differentiation of the filter (<see cref="KalmanFilterGradient"/>), about three filter passes per
    /// gradient; falls back to <see cref="CentralDifference"/> when the trajectory it keeps would be too large.
    /// </summary>
    Analytic,

    /// <summary>Central differences, 2k + 1 filter passes per gradient; O(states) memory.</summary>
    CentralDifference,
}
