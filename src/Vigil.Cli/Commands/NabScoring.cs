using Spectre.Console;
using Vigil.Cli.Rendering;
using Vigil.Evaluation.Nab;

namespace Vigil.Cli.Commands;

/// <summary>The scoring step shared by <c>nab score</c> and <c>nab benchmark</c>.</summary>
public static class NabScoring
{
    /// <summary>Scores every requested detector, writes NAB's output files and prints the reports.</summary>
    /// <param name="context">Console and registry.</param>
    /// <param name="request">What to score.</param>
    /// <param name="defaultToOptimize">Optimise when neither --thresholds nor --optimize was given and the corpus lists no threshold.</param>
    /// <param name="fileGlob">Restrict to files matching this glob (benchmark's --files).</param>
    /// <returns>Each detector's profile results and, when F1 was asked for, its F1 reports (for tracking).</returns>
    public static IReadOnlyList<NabScoredDetector> Execute(CliContext context, NabScoreRequest request, bool defaultToOptimize, string? fileGlob = null)
    {
        if (!Directory.Exists(request.ResultsRoot))
        {
            throw new CliUsageException($"Results folder not found: {request.ResultsRoot}");
        }

        string reportRoot = request.ReportRoot ?? request.ResultsRoot;
        var corpus = NabCorpus.Load(request.NabRoot);
        if (IsInside(request.FinalResultsPath ?? reportRoot, corpus.Root))
        {
            // NAB writes its tables next to the results; here that would overwrite the corpus's published tables,
            // which every parity check is measured against.
            throw new CliUsageException($"Refusing to write score tables into the NAB corpus at {corpus.Root} (the corpus is read in place, never modified); pass --report-dir DIR (and --out FILE.json) outside it.");
        }

        var files = NabSelection.Select(corpus, request.Category, fileGlob);
        bool wholeCorpus = files.Count == corpus.Files.Count;
        var detectors = request.Detectors.Count > 0 ? request.Detectors : DiscoverDetectors(request.ResultsRoot);
        if (detectors.Count == 0)
        {
            throw new CliUsageException($"No detector results under {request.ResultsRoot}: expected folders such as {request.ResultsRoot}/<detector>/<category>/<detector>_<file>.csv.");
        }

        string corpusThresholds = Path.Combine(corpus.Root, "config", "thresholds.json");
        // Read only when a detector needs it: --optimize never does.
        var shipped = new Lazy<IReadOnlyDictionary<string, IReadOnlyDictionary<string, NabThreshold>>?>(
            () => File.Exists(corpusThresholds) ? NabThresholds.Load(corpusThresholds) : null);
        var given = request.ThresholdsFile is null ? null : LoadThresholds(request.ThresholdsFile);

        var entries = new List<(string Detector, IReadOnlyList<NabProfileResult> Results)>();
        var optimized = new Dictionary<string, IReadOnlyDictionary<string, NabThreshold>>();
        var loaded = new Dictionary<string, NabDetectorResults>();
        foreach (string detector in detectors)
        {
            var results = NabDetectorResults.Load(corpus, request.ResultsRoot, detector, files);
            loaded[detector] = results;
            Func<NabProfile, double>? thresholdFor = null;
            bool optimize = request.Optimize;
            if (!optimize)
            {
                var table = given ?? shipped.Value;
                // A port of a NAB entry (context-ose = contextOSE) uses that entry's thresholds when the file has none of its own,
                // except where the benchmark would otherwise optimise them.
                string key = detector;
                if (table is not null && !table.ContainsKey(detector) && (given is not null || !defaultToOptimize)
                    && context.Registry.Contains(detector) && context.Registry.Get(detector).NabName is { } nabName && table.ContainsKey(nabName))
                {
                    key = nabName;
                    context.Error.MarkupLine($"[grey]{Markup.Escape(detector)}: using the thresholds of NAB's '{Markup.Escape(nabName)}' entry[/]");
                }

                if (table is not null && table.TryGetValue(key, out var byProfile))
                {
                    string source = given is null ? corpusThresholds : request.ThresholdsFile!;
                    thresholdFor = profile => byProfile.TryGetValue(profile.Name, out var t)
                        ? t.Threshold
                        : throw new CliUsageException($"{source} has no '{profile.Name}' threshold for '{key}'.");
                }
                else if (given is not null || !defaultToOptimize)
                {
                    string source = given is null ? corpusThresholds : request.ThresholdsFile!;
                    throw new CliUsageException($"No thresholds for '{detector}' in {source}; pass --optimize to choose them with NAB's sweep, or --thresholds FILE.");
                }
                else
                {
                    optimize = true;
                }
            }

            var profileResults = NabEvaluator.Score(corpus, results, optimize ? null : thresholdFor);
            foreach (var result in profileResults.Where(r => r.FilesBelowThreshold.Count > 0))
            {
                context.Error.MarkupLine($"[yellow]warning:[/] {Markup.Escape(detector)}/{Markup.Escape(result.Profile.Name)}: threshold {result.Threshold.ToString("R", System.Globalization.CultureInfo.InvariantCulture)} is at or below every scored row of {result.FilesBelowThreshold.Count} file(s) ({Markup.Escape(string.Join(", ", result.FilesBelowThreshold.Take(3)))}{(result.FilesBelowThreshold.Count > 3 ? ", ..." : "")}); every scored row of those files counts as a detection (NAB's own scorer crashes here, NAB #361).");
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

            entries.Add((detector, profileResults));
        }

        if (wholeCorpus)
        {
            string finalPath = request.FinalResultsPath ?? Path.Combine(reportRoot, "final_results.json");
            NabEvaluator.WriteFinalResults(finalPath, entries);
            if (optimized.Count > 0)
            {
                NabThresholds.Save(Path.Combine(reportRoot, "thresholds.json"), optimized);
            }

            context.Error.MarkupLine($"[grey]wrote {Markup.Escape(finalPath)} and <detector>_<profile>_scores.csv per detector[/]");
        }
        else
        {
            context.Error.MarkupLine($"[yellow]note:[/] scored {files.Count} of {corpus.Files.Count} files; normalised scores cover only these files, so final_results.json is not written.");
        }

        if (request.Metrics.Contains("nab") && !request.Json)
        {
            NabReportRenderer.RenderNab(context.Out, entries, files.Count, corpus.Files.Count);
        }

        var f1ByDetector = new Dictionary<string, IReadOnlyList<Vigil.Evaluation.Metrics.F1Report>>(StringComparer.Ordinal);
        if (request.Metrics.Contains("f1"))
        {
            foreach (var (detector, results) in entries)
            {
                var standard = results.First(r => r.Profile.Name == NabProfile.Standard.Name);
                var rule = request.F1Threshold ?? Vigil.Evaluation.Metrics.F1ThresholdRule.NabStandard;
                var reports = request.Json
                    ? NabReportRenderer.ComputeF1(files, loaded[detector], rule, standard.Threshold)
                    : NabReportRenderer.RenderF1(context.Out, detector, files, loaded[detector], rule, standard.Threshold);
                f1ByDetector[detector] = reports;
                string f1Path = Path.Combine(reportRoot, detector, $"{detector}_f1.csv");
                F1ReportWriter.Write(f1Path, reports);
                context.Error.MarkupLine($"[grey]wrote per-file precision/recall/F1 to {Markup.Escape(f1Path)}[/]");
                f1ByDetector[detector] = reports;
            }
        }

        if (request.Json)
        {
            ScoresJsonWriter.Write(context.Out, entries, request.Metrics.Contains("nab"), f1ByDetector, files.Count, corpus.Files.Count);
        }

        return entries.Select(e => new NabScoredDetector(e.Detector, e.Results, f1ByDetector.GetValueOrDefault(e.Detector))).ToArray();
    }

    private static IReadOnlyDictionary<string, IReadOnlyDictionary<string, NabThreshold>> LoadThresholds(string path)
    {
        if (!File.Exists(path))
        {
            throw new CliUsageException($"Thresholds file not found: {path}");
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
