namespace Vigil.Reporting;

/// <summary>
/// NAB's published v1.1 scoreboard, shown beside Vigil's own rows so a reader can place a detector at a glance.
/// </summary>
/// <remarks>
/// Source: the Numenta Anomaly Benchmark repository (numenta/NAB), <c>results/final_results.json</c> of v1.1, whose
/// figures NAB's README scoreboard prints rounded to one decimal (e.g. ARTime 74.9 / 65.1 / 80.4, CAD OSE 69.9 / 67.0 /
/// 73.2, Numenta HTM 70.1 / 63.1 / 74.3). The same figures are reproduced by Vigil's scorer from the shipped results and
/// thresholds (docs: nab-scoring.md, Appendix B). Bayesian changepoint is absent from final_results.json; its row is
/// the official scorer's output with the shipped thresholds. Copied as facts, two decimals.
/// </remarks>
public static class PublishedNabScoreboard
{
    /// <summary>Where the figures come from, as the report cites it.</summary>
    public const string Citation = "NAB v1.1 scoreboard (numenta/NAB: README and results/final_results.json)";

    /// <summary>The rows, best standard score first, from the perfect detector down to the null detector.</summary>
    public static IReadOnlyList<PublishedNabScore> Rows { get; } =
    [
        new("perfect", 100.00, 100.00, 100.00),
        new("ARTime", 74.85, 65.15, 80.36),
        new("numenta", 70.10, 63.12, 74.32, "Numenta HTM (NuPIC)"),
        new("contextOSE", 69.90, 66.98, 73.18, "CAD OSE"),
        new("htmjava", 65.55, 53.26, 70.42),
        new("numentaTM", 64.55, 56.67, 69.19),
        new("earthgeckoSkyline", 58.20, 46.20, 63.80),
        new("knncad", 57.99, 43.41, 64.81),
        new("relativeEntropy", 54.64, 47.60, 58.84),
        new("randomCutForest", 51.72, 38.36, 59.75),
        new("twitterADVec", 47.06, 33.61, 53.50),
        new("windowedGaussian", 39.65, 20.87, 47.41),
        new("skyline", 35.69, 27.08, 44.48, "Etsy Skyline"),
        new("bayesChangePt", 17.71, 3.21, 32.26, "not in final_results.json: official scorer, shipped thresholds"),
        new("random", 16.83, 5.76, 25.88),
        new("expose", 16.44, 3.19, 26.92),
        new("null", 0.00, 0.00, 0.00),
    ];
}
