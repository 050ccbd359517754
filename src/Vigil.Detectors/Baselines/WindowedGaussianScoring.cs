namespace Vigil.Detectors.Baselines;

/// <summary>How <see cref="WindowedGaussianDetector"/> turns a value and the window's Gaussian into a score.</summary>
public enum WindowedGaussianScoring
{
    /// <summary>
    /// One minus the two-sided Gaussian tail probability, <c>1 − ½·erfc(|z|/√2)</c>: values far from the mean on
    /// either side score near 1. This is the rule of the windowed Gaussian detector whose results NAB
    /// publishes (39.65 / 20.87 / 47.41), used with a window of 6400 and a step of 100.
    /// </summary>
    TailComplement,

    /// <summary>
    /// NuPIC 0.5's <c>normalProbability</c> as NAB's current detector code calls it: <c>½·erfc(z/1.4142)</c> above
    /// the mean and one minus the mirrored tail below it, so only drops far below the mean score near 1.
    /// </summary>
    NupicTail,
}
