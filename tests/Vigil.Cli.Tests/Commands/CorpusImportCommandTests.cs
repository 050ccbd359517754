using System.Globalization;
using System.Text.Json;
using Vigil.Evaluation.Corpora;
using Vigil.Evaluation.Metrics;
using Vigil.Evaluation.Nab;
using Vigil.Testing;

namespace Vigil.Cli.Tests.Commands;

/// <summary>
/// <c>vigil corpus import</c>: NAB files exported as <c>timestamp,value,label</c> (or as series plus a windows JSON) and
/// imported back give a corpus on which NAB's published numenta scores score exactly as on the original.
/// </summary>
public sealed class CorpusImportCommandTests
{
    private static readonly string[] Files =
    [
        "realKnownCause/nyc_taxi.csv",                          // five windows
        "realKnownCause/ec2_request_latency_system_failure.csv", // repeated timestamps (a DST artefact) outside its windows
        "realKnownCause/machine_temperature_system_failure.csv",
    ];

    [NabFact]
    public void LabelledCsvRoundTripScoresLikeTheOriginal()
    {
        var original = NabCorpus.Load(NabTestCorpus.Root);
        string folder = Directory.CreateTempSubdirectory("vigil-import-").FullName;
        var inputs = Files.Select(f => ExportLabelled(original.Get(f), folder)).ToArray();
        string corpus = Path.Combine(folder, "corpus");

        var result = new CliRunner().Run(["corpus", "import", "--format", "labelled-csv", "--input", .. inputs, "--category", "realKnownCause", "--out", corpus]);

        Assert.True(result.ExitCode == 0, result.ToString());
        AssertScoresLikeOriginal(original, NabCorpus.Load(corpus));
    }

    [NabFact]
    public void WindowsJsonRoundTripScoresLikeTheOriginal()
    {
        var original = NabCorpus.Load(NabTestCorpus.Root);
        string folder = Directory.CreateTempSubdirectory("vigil-import-").FullName;
        var inputs = new List<string>();
        var labels = new Dictionary<string, string[][]>();
        foreach (string relative in Files)
        {
            var file = original.Get(relative);
            string path = Path.Combine(folder, file.Name + ".csv");
            File.Copy(file.DataPath, path);
            inputs.Add(path);
            var series = file.LoadSeries();
            labels[file.Name + ".csv"] = file.Windows.Select(w => new[] { Time(series, w.FirstRow), Time(series, w.LastRow) }).ToArray();
        }

        string labelsPath = Path.Combine(folder, "windows.json");
        File.WriteAllText(labelsPath, JsonSerializer.Serialize(labels));
        string corpus = Path.Combine(folder, "corpus");

        var result = new CliRunner().Run(["corpus", "import", "--format", "windows-json", "--input", .. inputs, "--labels", labelsPath, "--category", "realKnownCause", "--out", corpus]);

        Assert.True(result.ExitCode == 0, result.ToString());
        AssertScoresLikeOriginal(original, NabCorpus.Load(corpus));
    }

    [NabFact]
    public void NabWindowRuleRebuildsTheShippedWindowsFromThePointLabels()
    {
        // nab-scoring.md §1: the shipped windows come from combined_labels.json by this rule, except one file whose
        // label rows were overridden by hand.
        var corpus = NabCorpus.Load(NabTestCorpus.Root);
        using var labels = JsonDocument.Parse(File.ReadAllText(Path.Combine(corpus.Root, "labels", "combined_labels.json")));
        var mismatches = new List<string>();
        foreach (var file in corpus.Files)
        {
            var series = file.LoadSeries();
            var rowOf = new Dictionary<DateTimeOffset, int>();
            for (int i = series.Length - 1; i >= 0; i--)
            {
                rowOf[series.Timestamps.Span[i]] = i;
            }

            var rows = labels.RootElement.GetProperty(file.RelativePath).EnumerateArray()
                .Select(e => rowOf[DateTimeOffset.Parse(e.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal)]).ToArray();
            var rebuilt = NabWindowRule.Windows(file.RowCount, rows, file.ProbationLength);
            if (!rebuilt.SequenceEqual(file.Windows))
            {
                mismatches.Add(file.RelativePath);
            }
        }

        Assert.Equal(["realAWSCloudwatch/iio_us-east-1_i-a2eb1cd9_NetworkIn.csv"], mismatches);
    }

    [Fact]
    public void ImportIntoANonEmptyFolderIsAUsageErrorThatWritesNothing()
    {
        string folder = Directory.CreateTempSubdirectory("vigil-import-").FullName;
        string input = Path.Combine(folder, "a.csv");
        File.WriteAllLines(input, ["timestamp,value,label", "2024-01-01 00:00:00,1,0", "2024-01-01 00:05:00,2,1"]);
        string corpus = Path.Combine(folder, "corpus");
        Directory.CreateDirectory(corpus);
        File.WriteAllText(Path.Combine(corpus, "keep.txt"), "x");

        var result = new CliRunner().Run("corpus", "import", "--format", "labelled-csv", "--input", input, "--out", corpus);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("not empty", result.Error, StringComparison.Ordinal);
        Assert.Equal(["keep.txt"], Directory.GetFileSystemEntries(corpus).Select(Path.GetFileName));
    }

    [Fact]
    public void ABadLabelNamesTheFileAndLine()
    {
        string folder = Directory.CreateTempSubdirectory("vigil-import-").FullName;
        string input = Path.Combine(folder, "a.csv");
        File.WriteAllLines(input, ["timestamp,value,label", "2024-01-01 00:00:00,1,0", "2024-01-01 00:05:00,2,yes"]);
        string corpus = Path.Combine(folder, "corpus");

        var result = new CliRunner().Run("corpus", "import", "--format", "labelled-csv", "--input", input, "--out", corpus);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("a.csv", result.Error, StringComparison.Ordinal);
        Assert.Contains("3", result.Error, StringComparison.Ordinal);
        Assert.Contains("label 'yes'", result.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(corpus));
    }

    private static string ExportLabelled(NabDataFile file, string folder)
    {
        var series = file.LoadSeries();
        string path = Path.Combine(folder, file.Name + ".csv");
        using var writer = new StreamWriter(path);
        writer.WriteLine("timestamp,value,label");
        for (int i = 0; i < series.Length; i++)
        {
            int label = file.Windows.Any(w => w.Contains(i)) ? 1 : 0;
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{Time(series, i)},{series.Values.Span[i]:R},{label}"));
        }

        return path;
    }

    private static string Time(TimeSeries series, int row) =>
        series.Timestamps.Span[row].UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    private static void AssertScoresLikeOriginal(NabCorpus original, NabCorpus imported)
    {
        var numenta = NabDetectorResults.Load(original, original.ResultsRoot, "numenta", Files.Select(original.Get));
        var thresholds = NabThresholds.Load(original.ThresholdsPath)["numenta"];
        Assert.Equal(Files.Order(StringComparer.Ordinal), imported.Files.Select(f => f.RelativePath));
        foreach (string relative in Files)
        {
            var before = original.Get(relative);
            var after = imported.Get(relative);
            var scores = numenta.ScoresByFile[relative];
            Assert.Equal(before.RowCount, after.RowCount);
            Assert.Equal(before.Windows, after.Windows);
            foreach (var profile in NabProfile.Defaults)
            {
                double threshold = thresholds[profile.Name].Threshold;
                Assert.Equal(new NabScorer(profile).ScoreFile(before, scores, threshold), new NabScorer(profile).ScoreFile(after, scores, threshold));
            }

            foreach (var mode in new[] { F1Mode.Pointwise, F1Mode.PointAdjusted, F1Mode.Event })
            {
                Assert.Equal(F1Evaluator.Count(before.Windows, before.ProbationLength, scores, 0.5, mode), F1Evaluator.Count(after.Windows, after.ProbationLength, scores, 0.5, mode));
            }
        }

        // And through the whole pipeline: the imported corpus' normalised scores equal the original's for these files.
        var importedResults = NabDetectorResults.FromScores(imported, "numenta", numenta.ScoresByFile);
        var a = NabEvaluator.Score(original, numenta, p => thresholds[p.Name].Threshold);
        var b = NabEvaluator.Score(imported, importedResults, p => thresholds[p.Name].Threshold);
        Assert.Equal(a.Select(r => r.NormalizedScore), b.Select(r => r.NormalizedScore));
    }
}
