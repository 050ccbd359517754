using Vigil.Evaluation.Metrics;
using Vigil.Evaluation.Nab;

namespace Vigil.Reporting;

/// <summary>
/// Scores results folders for a report with the same code as <c>vigil nab score</c>: NAB's exact scorer under every
/// profile, at the corpus' shipped thresholds for detectors it lists and at NAB's swept thresholds otherwise, and
/// precision/recall/F1 (point-wise, point-adjusted, event) at the standard-profile threshold.
/// </summary>
public static class ReportBuilder
{
    /// <summary>Loads the corpus and each detector's results and scores them.</summary>
    /// <exception cref="FileNotFoundException">A detector lacks results for some corpus file (all are listed).</exception>
    /// <exception cref="DirectoryNotFoundException">The corpus or the results folder is missing.</exception>
    /// <exception cref="InvalidDataException">No detector has results, or a requested one has none.</exception>
    public static ReportDocument Build(ReportRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var corpus = NabCorpus.Load(request.NabRoot);
        var available = ResultsDiscovery.Detectors(request.ResultsRoot);
        var detectors = request.Detectors.Count > 0 ? request.Detectors : available;
        if (detectors.Count == 0)
        {
            throw new InvalidDataException($"No detector results under {request.ResultsRoot}: expected folders such as {request.ResultsRoot}/<detector>/<category>/<detector>_<file>.csv.");
        }

        var unknown = detectors.Where(d => !available.Contains(d, StringComparer.Ordinal)).ToArray();
        if (unknown.Length > 0)
        {
            throw new InvalidDataException($"No results under {request.ResultsRoot} for {string.Join(", ", unknown.Select(u => $"'{u}'"))}; found: {(available.Count == 0 ? "none" : string.Join(", ", available))}.");
        }

        var shipped = File.Exists(corpus.ThresholdsPath) ? NabThresholds.Load(corpus.ThresholdsPath) : null;
        var summaries = new DetectorSummary[detectors.Count];
        // Detectors are independent: score them on all cores (each sweep is single-threaded).
        Parallel.For(0, detectors.Count, i =>
        {
            string detector = detectors[i];
            var results = NabDetectorResults.Load(corpus, request.ResultsRoot, detector);
            Func<NabProfile, double>? thresholdFor = null;
            if (shipped is not null && shipped.TryGetValue(detector, out var byProfile)
                && corpus.Profiles.All(p => byProfile.ContainsKey(p.Name)))
            {
                thresholdFor = p => byProfile[p.Name].Threshold;
            }

            var profiles = NabEvaluator.Score(corpus, results, thresholdFor);
            var standard = profiles.FirstOrDefault(p => p.Profile.Name == NabProfile.Standard.Name) ?? profiles[0];
            var pairs = corpus.Files.Select(f => (f, results.ScoresByFile[f.RelativePath])).ToArray();
            var f1 = F1Table.Modes
                .Select(m => F1Evaluator.Evaluate(pairs, standard.Threshold, m))
                .ToArray();
            summaries[i] = new DetectorSummary(detector, profiles, thresholdFor is null, f1, results.ScoresByFile);
        });

        return new ReportDocument(request.Title, corpus, request.ResultsRoot, summaries, corpus.Files, request.Study);
    }
}
