using Vigil.Numerics;

namespace Vigil.Detectors.Sarima;

/// <summary>Maps a one-step-ahead forecast error to an anomaly score in [0, 1].</summary>
public static class SarimaSurprise
{
    /// <summary>
    /// erf(|e| / (√F · scale · √2)) = 1 − P(|Z| ≥ |e|/(√F·scale)) for standard normal Z: the two-sided Gaussian tail
    /// complement of the standardised error. Monotone in e²/F; 0 for a perfect forecast, → 1 for large surprises.
    /// A non-finite error scores 1; an infinite variance (no forecast yet) scores 0.
    /// </summary>
    public static double Score(double error, double variance, double scale = 1.0)
    {
        if (double.IsPositiveInfinity(variance))
        {
            return 0.0;
        }

        if (!double.IsFinite(error) || !(variance > 0) || !double.IsFinite(variance))
        {
            return 1.0;
        }

        double z = Math.Abs(error) / (Math.Sqrt(variance) * scale);
        double score = 1.0 - SpecialFunctions.Erfc(z / Math.Sqrt(2.0));
        return double.IsFinite(score) ? Math.Clamp(score, 0.0, 1.0) : 1.0;
    }
}
