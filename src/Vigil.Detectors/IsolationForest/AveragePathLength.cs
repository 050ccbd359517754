namespace Vigil.Detectors.IsolationForest;

/// <summary>
/// c(n), the average path length of an unsuccessful search in a binary search tree of n points
/// (Liu, Ting &amp; Zhou 2008, eq. 1): the normaliser of isolation path lengths and the correction added at
/// a leaf that still holds n points.
/// </summary>
public static class AveragePathLength
{
    /// <summary>Euler–Mascheroni constant γ.</summary>
    public const double EulerGamma = 0.5772156649015329;

    /// <summary>
    /// c(n) = 2·H(n−1) − 2(n−1)/n with H(i) ≈ ln(i) + γ, as scikit-learn computes it: c(n) = 0 for n ≤ 1 and
    /// c(2) = 1.
    /// </summary>
    public static double Of(int n) => n switch
    {
        <= 1 => 0.0,
        2 => 1.0,
        _ => 2.0 * (Math.Log(n - 1.0) + EulerGamma) - 2.0 * (n - 1.0) / n,
    };
}
