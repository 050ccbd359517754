using System.Globalization;
using System.Runtime.CompilerServices;
using Vigil.IO;

namespace Vigil.Evaluation.Nab;

/// <summary>
/// NAB's scoring and normalisation steps (nab-scoring.md §9–§11): scores a detector's results under every
/// profile of the corpus and writes the <c>&lt;detector&gt;_&lt;profile&gt;_scores.csv</c> tables and
/// <c>final_results.json</c>.
/// </summary>
public static class NabEvaluator
{
    /// <summary>
    /// Scores <paramref name="results"/> under each profile of <paramref name="corpus"/>, with the threshold from
    /// <paramref name="thresholdFor"/> or, when it is null, the optimised threshold of §8.
    /// </summary>
    /// <remarks>
    /// Normalisation (§10) uses the files in <paramref name="results"/>: null = <c>-fnW</c> × their windows with a
    /// scored row, perfect = <c>tpW</c> × all their windows. For the full corpus these are NAB's values
    /// (−116 / −116 / −232 and 116).
    /// </remarks>
    /// <param name="corpus">The corpus the results belong to.</param>
    /// <param name="results">One detector's scores per file.</param>
    /// <param name="thresholdFor">Each profile's threshold, or null to optimise it.</param>
    /// <param name="ct">Cancels between profiles (each profile's sweep takes well under a second).</param>
    public static IReadOnlyList<NabProfileResult> Score(NabCorpus corpus, NabDetectorResults results, Func<NabProfile, double>? thresholdFor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        ArgumentNullException.ThrowIfNull(results);
        var paths = results.ScoresByFile.Keys.Order(StringComparer.Ordinal).ToArray();
        var files = new NabDataFile[paths.Length];
        int windows = 0, scoredWindows = 0;
        for (int i = 0; i < paths.Length; i++)
        {
            files[i] = corpus.Get(paths[i]);
            var fileWindows = files[i].Windows;
            for (int k = 0; k < fileWindows.Count; k++)
            {
                var w = fileWindows[k];
                windows++;
                if (w.LastRow >= files[i].ProbationLength)
                {
                    scoredWindows++;
                }
            }
        }

        var output = new List<NabProfileResult>(corpus.Profiles.Count);
        foreach (var profile in corpus.Profiles)
        {
            ct.ThrowIfCancellationRequested();
            var scorer = corpus.ScorerFor(profile);
            double threshold = thresholdFor is null
                ? NabThresholdOptimizer.Optimize(corpus, results, scorer).Threshold
                : thresholdFor(profile);
            var fileScores = new NabFileScore[files.Length];
            var allDetected = new List<string>();
            double raw = 0;
            for (int i = 0; i < files.Length; i++)
            {
                var scores = results.ScoresByFile[paths[i]];
                fileScores[i] = scorer.ScoreFile(files[i], scores, threshold);
                raw += fileScores[i].Score;
                if (files[i].ProbationLength < scores.Length && MinimumFrom(scores, files[i].ProbationLength) >= threshold)
                {
                    allDetected.Add(paths[i]);
                }
            }

            double nullScore = -profile.FnWeight * scoredWindows;
            double perfect = profile.TpWeight * windows;
            double normalized = perfect - nullScore == 0 ? double.NaN : 100 * (raw - nullScore) / (perfect - nullScore);
            output.Add(new NabProfileResult(profile, threshold, thresholdFor is null, raw, nullScore, perfect, normalized, fileScores)
            {
                FilesBelowThreshold = allDetected,
            });
        }

        return output;
    }

    // Hot loop of a short scoring process: compiled optimised at once, not run unoptimised while tiering waits.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static double MinimumFrom(double[] scores, int start)
    {
        double min = double.PositiveInfinity;
        for (int i = start; i < scores.Length; i++)
        {
            min = Math.Min(min, scores[i]);
        }

        return min;
    }

    /// <summary>The path of the scores table of <paramref name="detector"/> and <paramref name="profile"/>.</summary>
    public static string ScoresCsvPath(string resultsRoot, string detector, NabProfile profile) =>
        Path.Combine(resultsRoot, detector, $"{detector}_{profile.Name}_scores.csv");

    /// <summary>
    /// Writes <c>results/&lt;detector&gt;/&lt;detector&gt;_&lt;profile&gt;_scores.csv</c> atomically: header
    /// <c>Detector,Profile,File,Threshold,Score,TP,TN,FP,FN,Total_Count</c>, one line per file sorted by file, then a
    /// <c>Totals</c> line of sums. <c>Total_Count</c> is <c>n - p</c> (the current NAB scorer's meaning).
    /// </summary>
    public static void WriteScoresCsv(string resultsRoot, string detector, NabProfileResult r)
    {
        ArgumentNullException.ThrowIfNull(resultsRoot);
        ArgumentException.ThrowIfNullOrWhiteSpace(detector);
        ArgumentNullException.ThrowIfNull(r);
        var lines = r.Files.OrderBy(f => f.File, StringComparer.Ordinal).ToArray();
        AtomicFile.WriteText(ScoresCsvPath(resultsRoot, detector, r.Profile), writer =>
        {
            writer.Write("Detector,Profile,File,Threshold,Score,TP,TN,FP,FN,Total_Count\n");
            double score = 0;
            long tp = 0, tn = 0, fp = 0, fn = 0, total = 0;
            foreach (var f in lines)
            {
                writer.Write(string.Create(CultureInfo.InvariantCulture,
                    $"{detector},{r.Profile.Name},{f.File},{NabText.Format(f.Threshold)},{NabText.Format(f.Score)},{f.TruePositives},{f.TrueNegatives},{f.FalsePositives},{f.FalseNegatives},{f.TotalCount}\n"));
                score += f.Score;
                tp += f.TruePositives;
                tn += f.TrueNegatives;
                fp += f.FalsePositives;
                fn += f.FalseNegatives;
                total += f.TotalCount;
            }

            writer.Write(string.Create(CultureInfo.InvariantCulture, $"Totals,,,,{NabText.Format(score)},{tp},{tn},{fp},{fn},{total}\n"));
        });
    }

    /// <summary>
    /// Writes <c>final_results.json</c> (<c>{ detector: { profile: normalized } }</c>, keys sorted, 4-space
    /// indentation) atomically, keeping the entries of detectors and profiles not in <paramref name="entries"/>.
    /// </summary>
    /// <exception cref="FormatException">The existing file is not a valid final-results object.</exception>
    /// <exception cref="ArgumentException">A normalized score is NaN or infinite.</exception>
    public static void WriteFinalResults(string path, IEnumerable<(string Detector, IReadOnlyList<NabProfileResult> Results)> entries)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(entries);
        using var exclusive = FileLock.Acquire(path);   // read, merge and replace as one step: concurrent scorers each keep their detectors
        var data = File.Exists(path) ? ReadFinalResultsBoxed(path) : new(StringComparer.Ordinal);
        foreach (var (detector, results) in entries)
        {
            if (!data.TryGetValue(detector, out var profiles))
            {
                data[detector] = profiles = new Dictionary<string, StrongBox<double>>(StringComparer.Ordinal);
            }

            foreach (var result in results)
            {
                profiles[result.Profile.Name] = new StrongBox<double>(result.NormalizedScore);
            }
        }

        NabJson.WriteNested(path, data, static (writer, value) => NabJson.WriteNumber(writer, value.Value));
    }

    /// <summary>Reads a <c>final_results.json</c> file.</summary>
    /// <exception cref="FormatException">A value is not a finite number.</exception>
    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>> ReadFinalResults(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return ReadFinalResultsBoxed(path).ToDictionary(
            e => e.Key,
            e => (IReadOnlyDictionary<string, double>)e.Value.ToDictionary(p => p.Key, p => p.Value.Value, StringComparer.Ordinal),
            StringComparer.Ordinal);
    }

    // Boxed values keep the dictionaries free of value-type instantiations (see NabJson.WriteNested).
    private static Dictionary<string, Dictionary<string, StrongBox<double>>> ReadFinalResultsBoxed(string path)
    {
        using var document = NabJson.Parse(path);
        var data = new Dictionary<string, Dictionary<string, StrongBox<double>>>(StringComparer.Ordinal);
        if (document.RootElement.ValueKind != System.Text.Json.JsonValueKind.Object)
        {
            throw new FormatException($"{path}: expected a JSON object of detectors.");
        }

        foreach (var detector in document.RootElement.EnumerateObject())
        {
            if (detector.Value.ValueKind != System.Text.Json.JsonValueKind.Object)
            {
                throw new FormatException($"{path}: entry '{detector.Name}' must be an object of profiles.");
            }

            var profiles = new Dictionary<string, StrongBox<double>>(StringComparer.Ordinal);
            foreach (var profile in detector.Value.EnumerateObject())
            {
                profiles[profile.Name] = new StrongBox<double>(NabJson.Number(path, detector.Value, profile.Name, $"entry '{detector.Name}'"));
            }

            data[detector.Name] = profiles;
        }

        return data;
    }
}
