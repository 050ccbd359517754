namespace Vigil.Detectors.Sarima;

/// <summary>Deterministic part of a SARIMA model, a regression on the differenced series.</summary>
public enum SarimaTrend
{
    /// <summary>No deterministic term: the differenced series has mean zero.</summary>
    None,

    /// <summary>A constant mean μ of the differenced series.</summary>
    Constant,

    /// <summary>A mean μ + δ·t of the differenced series (t = 0, 1, … from the start of the fitted data).</summary>
    Linear,
}
