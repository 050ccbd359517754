namespace Vigil.Detectors.Decomposition;

/// <summary>What a <see cref="DecompositionModel"/> contains and its priors (Prophet's defaults unless stated).</summary>
/// <param name="Changepoints">Potential trend changepoints, placed evenly in time over the first <paramref name="ChangepointRange"/> of the data.</param>
/// <param name="ChangepointRange">Fraction of the history that may hold changepoints (0, 1].</param>
/// <param name="ChangepointPriorScale">Scale τ of the Laplace prior on rate changes; smaller = stiffer trend.</param>
/// <param name="SeasonalityPriorScale">Standard deviation of the normal prior on Fourier coefficients.</param>
/// <param name="HolidayPriorScale">Standard deviation of the normal prior on holiday effects.</param>
/// <param name="Seasonalities">(period in days, Fourier order) pairs.</param>
/// <param name="Holidays">Dates (UTC days) each given their own additive effect on that whole day.</param>
/// <param name="MaxIterations">L-BFGS iteration cap.</param>
public sealed record DecompositionSettings(
    int Changepoints = 25,
    double ChangepointRange = 0.8,
    double ChangepointPriorScale = 0.05,
    double SeasonalityPriorScale = 10.0,
    double HolidayPriorScale = 10.0,
    IReadOnlyList<(double PeriodDays, int Order)>? Seasonalities = null,
    IReadOnlyList<DateOnly>? Holidays = null,
    int MaxIterations = 500);
