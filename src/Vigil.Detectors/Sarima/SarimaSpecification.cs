namespace Vigil.Detectors.Sarima;

/// <summary>The orders of a SARIMA(p,d,q)(P,D,Q,s) model with an optional trend.</summary>
/// <param name="ArOrder">p, non-seasonal AR order (≥ 0).</param>
/// <param name="Differences">d, non-seasonal differences (≥ 0).</param>
/// <param name="MaOrder">q, non-seasonal MA order (≥ 0).</param>
/// <param name="SeasonalArOrder">P, seasonal AR order (≥ 0; ignored when <paramref name="Period"/> &lt; 2).</param>
/// <param name="SeasonalDifferences">D, seasonal differences (≥ 0; ignored when <paramref name="Period"/> &lt; 2).</param>
/// <param name="SeasonalMaOrder">Q, seasonal MA order (≥ 0; ignored when <paramref name="Period"/> &lt; 2).</param>
/// <param name="Period">s, the seasonal period in observations; 0 or 1 means no seasonal part.</param>
/// <param name="Trend">Deterministic term of the differenced series.</param>
public sealed record SarimaSpecification(
    int ArOrder,
    int Differences,
    int MaOrder,
    int SeasonalArOrder = 0,
    int SeasonalDifferences = 0,
    int SeasonalMaOrder = 0,
    int Period = 0,
    SarimaTrend Trend = SarimaTrend.None)
{
    /// <summary>Whether the model has a seasonal part (period ≥ 2).</summary>
    public bool IsSeasonal => Period >= 2;

    /// <summary>P if seasonal, else 0.</summary>
    public int EffectiveSeasonalAr => IsSeasonal ? SeasonalArOrder : 0;

    /// <summary>Q if seasonal, else 0.</summary>
    public int EffectiveSeasonalMa => IsSeasonal ? SeasonalMaOrder : 0;

    /// <summary>D if seasonal, else 0.</summary>
    public int EffectiveSeasonalDifferences => IsSeasonal ? SeasonalDifferences : 0;

    /// <summary>Degree of the reduced AR polynomial, p + P·s.</summary>
    public int ReducedArDegree => ArOrder + EffectiveSeasonalAr * Math.Max(Period, 1);

    /// <summary>Degree of the reduced MA polynomial, q + Q·s.</summary>
    public int ReducedMaDegree => MaOrder + EffectiveSeasonalMa * Math.Max(Period, 1);

    /// <summary>Observations consumed by differencing, d + D·s.</summary>
    public int DifferencingLength => Differences + EffectiveSeasonalDifferences * Math.Max(Period, 1);

    /// <summary>States of the ARMA part's Harvey form, max(p + P·s, q + Q·s + 1).</summary>
    public int States => Math.Max(ReducedArDegree, ReducedMaDegree + 1);

    /// <summary>Number of trend coefficients (0, 1 or 2).</summary>
    public int TrendCount => Trend switch { SarimaTrend.Constant => 1, SarimaTrend.Linear => 2, _ => 0 };

    /// <summary>Number of estimated parameters including σ² (the k of AIC/BIC).</summary>
    public int ParameterCount => TrendCount + ArOrder + MaOrder + EffectiveSeasonalAr + EffectiveSeasonalMa + 1;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> when an order is negative.</summary>
    public void Validate()
    {
        if (ArOrder < 0 || Differences < 0 || MaOrder < 0 || SeasonalArOrder < 0 || SeasonalDifferences < 0 || SeasonalMaOrder < 0 || Period < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(SarimaSpecification), this, "SARIMA orders and the period must be non-negative.");
        }
    }

    /// <summary>Parameter names in statsmodels' order: trend, ar.L*, ma.L*, ar.S.L*, ma.S.L*, sigma2.</summary>
    public IReadOnlyList<string> ParameterNames()
    {
        var names = new List<string>();
        if (TrendCount >= 1)
        {
            names.Add("mean");
        }

        if (TrendCount == 2)
        {
            names.Add("drift");
        }

        for (int i = 1; i <= ArOrder; i++)
        {
            names.Add($"ar.L{i}");
        }

        for (int i = 1; i <= MaOrder; i++)
        {
            names.Add($"ma.L{i}");
        }

        for (int i = 1; i <= EffectiveSeasonalAr; i++)
        {
            names.Add($"ar.S.L{i * Period}");
        }

        for (int i = 1; i <= EffectiveSeasonalMa; i++)
        {
            names.Add($"ma.S.L{i * Period}");
        }

        names.Add("sigma2");
        return names;
    }
}
