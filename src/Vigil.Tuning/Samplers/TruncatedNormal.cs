using Vigil.Numerics;
using Vigil.Randomness;

namespace Vigil.Tuning.Samplers;

/// <summary>The normal distribution truncated to an interval: log density and inverse-CDF sampling.</summary>
internal static class TruncatedNormal
{
    private const double LogSqrt2Pi = 0.91893853320467274178;

    /// <summary>Standard normal CDF.</summary>
    public static double Cdf(double z) => 0.5 * SpecialFunctions.Erfc(-z / Math.Sqrt(2.0));

    /// <summary>Log density at <paramref name="x"/> of N(mu, sigma) truncated to [low, high].</summary>
    public static double LogPdf(double x, double mu, double sigma, double low, double high)
    {
        double z = (x - mu) / sigma;
        double mass = Cdf((high - mu) / sigma) - Cdf((low - mu) / sigma);
        return (-0.5 * z * z) - LogSqrt2Pi - Math.Log(sigma) - Math.Log(Math.Max(mass, 1e-300));
    }

    /// <summary>A draw of N(mu, sigma) truncated to [low, high], by inverting the CDF.</summary>
    public static double Sample(double mu, double sigma, double low, double high, IRandomSource rng)
    {
        double a = Cdf((low - mu) / sigma), b = Cdf((high - mu) / sigma);
        double u = a + (rng.NextDouble() * (b - a));
        double x = mu + (sigma * InverseCdf(Math.Clamp(u, 1e-300, 1 - 1e-16)));
        return Math.Clamp(x, low, high);
    }

    /// <summary>
    /// Standard normal quantile: Acklam's rational approximation (relative error below 1.2e-9), refined by one
    /// Halley step on the exact CDF.
    /// </summary>
    public static double InverseCdf(double p)
    {
        const double pLow = 0.02425;
        double x;
        if (p < pLow)
        {
            double q = Math.Sqrt(-2 * Math.Log(p));
            x = (((((-7.784894002430293e-03 * q) - 3.223964580411365e-01) * q - 2.400758277161838e+00) * q - 2.549732539343734e+00) * q + 4.374664141464968e+00) * q + 2.938163982698783e+00;
            x /= ((((7.784695709041462e-03 * q) + 3.224671290700398e-01) * q + 2.445134137142996e+00) * q + 3.754408661907416e+00) * q + 1;
        }
        else if (p <= 1 - pLow)
        {
            double q = p - 0.5, r = q * q;
            x = (((((-3.969683028665376e+01 * r) + 2.209460984245205e+02) * r - 2.759285104469687e+02) * r + 1.383577518672690e+02) * r - 3.066479806614716e+01) * r + 2.506628277459239e+00;
            x = x * q / ((((((-5.447609879822406e+01 * r) + 1.615858368580409e+02) * r - 1.556989798598866e+02) * r + 6.680131188771972e+01) * r - 1.328068155288572e+01) * r + 1);
        }
        else
        {
            double q = Math.Sqrt(-2 * Math.Log(1 - p));
            x = -((((((-7.784894002430293e-03 * q) - 3.223964580411365e-01) * q - 2.400758277161838e+00) * q - 2.549732539343734e+00) * q + 4.374664141464968e+00) * q + 2.938163982698783e+00);
            x /= ((((7.784695709041462e-03 * q) + 3.224671290700398e-01) * q + 2.445134137142996e+00) * q + 3.754408661907416e+00) * q + 1;
        }

        double e = Cdf(x) - p;
        double u = e * Math.Sqrt(2 * Math.PI) * Math.Exp(x * x / 2);
        return x - (u / (1 + (x * u / 2)));
    }
}
