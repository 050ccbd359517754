using System.Globalization;
using Vigil.Evaluation.Metrics;

namespace Vigil.Evaluation.Nab;

/// <summary>
/// The scoring step shared by <c>nab score</c>, <c>nab benchmark</c> and <c>compare</c>: which thresholds each detector
/// is scored at (a given file, the corpus' shipped table, or NAB's sweep), NAB's three profiles, precision/recall/F1,
/// and NAB's output files. Returns a report model; rendering is the caller's.
/// </summary>
public static class NabScoringRun
{
    /// <summary>Scores every requested detector and writes NAB's output files (for the whole corpus only).</summary>
    /// <exception cref="NabScoringException">Missing results, missing thresholds, or an output folder inside the corpus.</exception>
    public static NabScoringReport Execute(NabScoringRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!Directory.Exists(request.ResultsRoot))
        {
            throw new NabScoringException($"Results folder not found: {request.ResultsRoot}");
        }

        string reportRoot = request.ReportRoot ?? request.ResultsRoot;
        var corpus = NabCorpus.Load(request.NabRoot);
        if (IsInside(request.FinalResultsPath ?? reportRoot, corpus.Root))
        {
            // NAB writes its tables next to the results; here that would overwrite the corpus's published tables,
            // which every parity check is measured against.
            throw new NabScoringException($"Refusing to write score tables into the NAB corpus at {corpus.Root} (the corpus is read in place, never modified); pass --report-dir DIR (and --out FILE.json) outside it.");
        }

        var files = NabFileSelection.Select(corpus, request.Category, request.FileGlob);
        bool wholeCorpus = files.Count == corpus.Files.Count;
        var detectors = request.Detectors.Count > 0 ? request.Detectors : DiscoverDetectors(request.ResultsRoot);
        if (detectors.Count == 0)
        {
            throw new NabScoringException($"No detector results under {request.ResultsRoot}: expected folders such as {request.ResultsRoot}/<detector>/<category>/<detector>_<file>.csv.");
        }

        string corpusThresholds = Path.Combine(corpus.Root, "config", "thresholds.json");
        // Read only when a detector needs it: --optimize never does.
        var shipped = new Lazy<IReadOnlyDictionary<string, IReadOnlyDictionary<string, NabThreshold>>?>(
            () => File.Exists(corpusThresholds) ? NabThresholds.Load(corpusThresholds) : null);
        var given = request.ThresholdsFile is null ? null : LoadThresholds(request.ThresholdsFile);

        var entries = new List<NabScoringEntry>();
        var warnings = new List<string>();
        var written = new List<string>();
        var optimized = new Dictionary<string, IReadOnlyDictionary<string, NabThreshold>>();
        foreach (string detector in detectors)
        {
            request.Cancellation.ThrowIfCancellationRequested();
            var results = NabDetectorResults.Load(corpus, request.ResultsRoot, detector, files, request.Cancellation);
            var (optimize, thresholdFor) = ThresholdSource(request, detector, given, shipped, corpusThresholds, written);
            var profileResults = NabEvaluator.Score(corpus, results, optimize ? null : thresholdFor, request.Cancellation);
            foreach (var result in profileResults.Where(r => r.FilesBelowThreshold.Count > 0))
            {
                warnings.Add($"{detector}/{result.Profile.Name}: threshold {result.Threshold.ToString("R", CultureInfo.InvariantCulture)} is at or below every scored row of {result.FilesBelowThreshold.Count} file(s) ({string.Join(", ", result.FilesBelowThreshold.Take(3))}{(result.FilesBelowThreshold.Count > 3 ? ", ..." : "")}); every scored row of those files counts as a detection (NAB's own scorer crashes here, NAB #361).");
            }

            if (wholeCorpus)
            {
                foreach (var result in profileResults)
                {
                    NabEvaluator.WriteScoresCsv(reportRoot, detector, result);
                }
            }

            if (optimize)
            {
                optimized[detector] = profileResults.ToDictionary(r => r.Profile.Name, r => new NabThreshold(r.Threshold, r.RawScore));
            }

            IReadOnlyList<F1Report>? f1 = null;
            if (request.Metrics.Contains("f1"))
            {
                var standard = profileResults.First(r => r.Profile.Name == NabProfile.Standard.Name);
                f1 = F1Table.Compute(files, results, request.F1Threshold ?? F1ThresholdRule.NabStandard, standard.Threshold);
                string f1Path = Path.Combine(reportRoot, detector, $"{detector}_f1.csv");
                F1ReportWriter.Write(f1Path, f1);
                written.Add($"wrote per-file precision/recall/F1 to {f1Path}");
            }

            entries.Add(new NabScoringEntry(detector, profileResults, f1));
        }

        request.Cancellation.ThrowIfCancellationRequested();
        if (wholeCorpus)
        {
            string finalPath = request.FinalResultsPath ?? Path.Combine(reportRoot, "final_results.json");
            NabEvaluator.WriteFinalResults(finalPath, entries.Select(e => (e.Detector, e.Results)));
            if (optimized.Count > 0)
            {
                NabThresholds.Save(Path.Combine(reportRoot, "thresholds.json"), optimized);
            }

            written.Insert(0, $"wrote {finalPath} and <detector>_<profile>_scores.csv per detector");
        }

        return new NabScoringReport(files, corpus.Files.Count, entries, warnings, written);
    }

    /// <summary>
    /// The threshold-source policy: a given thresholds file, else the corpus' shipped table when it lists the detector,
    /// else NAB's sweep when the request allows it by default; <see cref="NabScoringRequest.Optimize"/> always sweeps.
    /// </summary>
    private static (bool Optimize, Func<NabProfile, double>? ThresholdFor) ThresholdSource(
        NabScoringRequest request,
        string detector,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, NabThreshold>>? given,
        Lazy<IReadOnlyDictionary<string, IReadOnlyDictionary<string, NabThreshold>>?> shipped,
        string corpusThresholds,
        List<string> notes)
    {
        if (request.Optimize)
        {
            return (true, null);
        }

        var table = given ?? shipped.Value;
        string source = given is null ? corpusThresholds : request.ThresholdsFile!;
        string key = detector;
        if (table is not null && !table.ContainsKey(detector) && (given is not null || !request.DefaultToOptimize)
            && request.NabNames.TryGetValue(detector, out var nabName) && table.ContainsKey(nabName))
        {
            key = nabName;
            notes.Add($"{detector}: using the thresholds of NAB's '{nabName}' entry");
        }

        if (table is not null && table.TryGetValue(key, out var byProfile))
        {
            return (false, profile => byProfile.TryGetValue(profile.Name, out var t)
                ? t.Threshold
                : throw new NabScoringException($"{source} has no '{profile.Name}' threshold for '{key}'."));
        }

        if (given is not null || !request.DefaultToOptimize)
        {
            throw new NabScoringException($"No thresholds for '{detector}' in {source}; pass --optimize to choose them with NAB's sweep, or --thresholds FILE.");
        }

        return (true, null);
    }

    private static IReadOnlyDictionary<string, IReadOnlyDictionary<string, NabThreshold>> LoadThresholds(string path)
    {
        if (!File.Exists(path))
        {
            throw new NabScoringException($"Thresholds file not found: {path}");
        }

        return NabThresholds.Load(path);
    }

    private static bool IsInside(string path, string root)
    {
        string full = Path.GetFullPath(path).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        string prefix = Path.GetFullPath(root).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        return full.StartsWith(prefix, StringComparison.Ordinal);
    }

    private static IReadOnlyList<string> DiscoverDetectors(string resultsRoot) =>
        Directory.GetDirectories(resultsRoot)
            .Where(d => Directory.EnumerateFiles(d, "*.csv", SearchOption.AllDirectories).Any(f => !f.EndsWith("_scores.csv", StringComparison.Ordinal)))
            .Select(d => Path.GetFileName(d)!)
            .Order(StringComparer.Ordinal)
            .ToArray();
}
