namespace Vigil.Detectors.Sarima;

/// <summary>Bounded order selection by AIC (auto-ARIMA style, exhaustive over a small grid).</summary>
/// <remarks>
/// Every (p, q, P, Q) with p ≤ bounds.p, q ≤ bounds.q, P ≤ bounds.P, Q ≤ bounds.Q is fitted (d, D, s and the trend are
/// kept as given); the fit with the lowest AIC wins. Fits that fail (too few points) are skipped. Cost: the product of
/// the order ranges times one fit, so keep the bounds small (e.g. 2, 2, 1, 1 = 36 fits).
/// </remarks>
public static class SarimaOrderSearch
{
    /// <summary>Fits every order up to <paramref name="bounds"/> and returns the fit with the lowest AIC.</summary>
    /// <exception cref="ArgumentException">No order could be fitted.</exception>
    public static SarimaModel FitBestByAic(ReadOnlySpan<double> y, SarimaSpecification bounds, int maxIterations = 200, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(bounds);
        bounds.Validate();
        SarimaModel? best = null;
        for (int p = 0; p <= bounds.ArOrder; p++)
        {
            for (int q = 0; q <= bounds.MaOrder; q++)
            {
                for (int sp = 0; sp <= bounds.EffectiveSeasonalAr; sp++)
                {
                    for (int sq = 0; sq <= bounds.EffectiveSeasonalMa; sq++)
                    {
                        var spec = bounds with { ArOrder = p, MaOrder = q, SeasonalArOrder = sp, SeasonalMaOrder = sq };
                        SarimaModel model;
                        try
                        {
                            model = SarimaModel.Fit(y, spec, maxIterations, ct);
                        }
                        catch (ArgumentException)
                        {
                            continue;
                        }

                        if (double.IsFinite(model.Aic) && (best is null || model.Aic < best.Aic))
                        {
                            best = model;
                        }
                    }
                }
            }
        }

        return best ?? throw new ArgumentException("No SARIMA order up to the bounds could be fitted to the data.");
    }
}
