using Vigil.Detectors.Htm;
using System.Globalization;
using Vigil.Testing;
using Vigil.Thresholds;
using Xunit;
using Xunit.Abstractions;

namespace Vigil.Detectors.Tests.Htm;

/// <summary>
/// htm.md §12.3 item 1: fed the shipped raw_score column (parsed, rounded to float) and the values, the
/// R0 likelihood + log transform + spatial rule reproduce the shipped anomaly_score of all 58 NAB files to
/// the 12 significant digits they were written with (tolerance 1e-11 relative, htm.md §12.3: NuPIC's Python 2
/// math.erfc is its own implementation, so a last printed digit may differ; the count of rows printed
/// identically is reported).
/// </summary>
public sealed class PostProcessingParityTests(ITestOutputHelper output)
{
    [NabFact]
    public void ShippedRawScoresReproduceTheShippedAnomalyScoresOfAllFiles()
    {
        var files = ShippedNumentaFile.All();
        Assert.Equal(58, files.Count);
        int matchedFiles = 0;
        long rows = 0;
        long printedDifferently = 0;
        var failures = new List<string>();
        foreach (string path in files)
        {
            var file = ShippedNumentaFile.Load(path);
            var post = new NumentaPostProcessor(new AnomalyLikelihood(file.ProbationLength, twoSided: false));
            int bad = 0;
            int first = -1;
            int digitDiffs = 0;
            for (int i = 0; i < file.Length; i++)
            {
                double score = post.Score(file.Values[i], (float)file.RawScores[i]);
                double printed = Round12(score);
                if (printed != file.AnomalyScores[i])
                {
                    digitDiffs++;
                }

                if (Math.Abs(score - file.AnomalyScores[i]) > 1e-11 * Math.Abs(file.AnomalyScores[i]) + 1e-15)
                {
                    bad++;
                    if (first < 0)
                    {
                        first = i;
                        failures.Add($"{path} row {i}: {printed:R} vs shipped {file.AnomalyScores[i]:R}");
                    }
                }
            }

            rows += file.Length;
            printedDifferently += digitDiffs;
            matchedFiles += bad == 0 ? 1 : 0;
        }

        output.WriteLine($"{matchedFiles} of {files.Count} files within 1e-11; {rows - printedDifferently} of {rows} rows printed identically (%.12g)");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    // As NAB's Python 2 harness wrote scores (%.12g), like NabRunner.RoundToSignificantDigits.
    private static double Round12(double value) =>
        double.Parse(value.ToString("G12", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
}
