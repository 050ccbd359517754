using System.Globalization;
using System.Text.Json;
using Vigil.Testing;

namespace Vigil.Cli.Tests.Commands;

public sealed class NabCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("vigil-nab-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static double Final(string path, string detector, string profile)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        return doc.RootElement.GetProperty(detector).GetProperty(profile).GetDouble();
    }

    [Fact]
    public void MissingCorpusIsAUsageErrorThatSaysHowToProvideIt()
    {
        var result = new CliRunner().Run("nab", "run", "-d", "null", "--out", _dir);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("VIGIL_NAB_DIR", result.Error, StringComparison.Ordinal);
        Assert.Contains("--nab-root", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void CorpusFolderWithoutNabLayoutIsAUsageError()
    {
        var result = new CliRunner().WithEnvironment("VIGIL_NAB_DIR", _dir).Run("nab", "run", "-d", "null", "--out", _dir);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("data/", result.Error, StringComparison.Ordinal);
    }

    [NabFact]
    public void RunWritesOneResultsFilePerDataFileWithTheSameRowsAndWindowLabels()
    {
        string results = Path.Combine(_dir, "results");
        var run = new CliRunner().WithEnvironment("VIGIL_NAB_DIR", NabTestCorpus.Root).Run("nab", "run", "-d", "null", "--out", results, "--category", "realAdExchange", "--parallel", "2");
        Assert.True(run.ExitCode == 0, run.ToString());
        var written = Directory.GetFiles(Path.Combine(results, "null", "realAdExchange"), "*.csv").Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(6, written.Length);
        Assert.Equal("null_exchange-2_cpc_results.csv", Path.GetFileName(written[0]));

        var data = File.ReadAllLines(Path.Combine(NabTestCorpus.Root, "data", "realAdExchange", "exchange-2_cpc_results.csv"));
        var lines = File.ReadAllLines(written[0]);
        Assert.Equal("timestamp,value,anomaly_score,label", lines[0]);
        Assert.Equal(data.Length, lines.Length);
        for (int i = 1; i < lines.Length; i++)
        {
            var fields = lines[i].Split(',');
            var source = data[i].Split(',');
            Assert.Equal(source[0], fields[0]);
            Assert.Equal(double.Parse(source[1], CultureInfo.InvariantCulture), double.Parse(fields[1], CultureInfo.InvariantCulture));
            Assert.Equal("0.5", fields[2]);
        }

        // Appendix A: exchange-2_cpc_results has one window, rows 244..406 (163 rows).
        Assert.Equal(163, lines.Skip(1).Count(l => l.EndsWith(",1", StringComparison.Ordinal)));
        Assert.EndsWith(",1", lines[1 + 244]);
        Assert.EndsWith(",0", lines[1 + 243]);
    }

    [NabFact]
    public void ScoringTheShippedNumentaResultsReproducesFinalResults()
    {
        string report = Path.Combine(_dir, "report");
        var result = new CliRunner().Run("nab", "score", "--nab-root", NabTestCorpus.Root, "--results", Path.Combine(NabTestCorpus.Root, "results"),
            "--detectors", "numenta", "--report-dir", report);
        Assert.True(result.ExitCode == 0, result.ToString());
        string final = Path.Combine(report, "final_results.json");
        Assert.Equal(70.10105611943965, Final(final, "numenta", "standard"), 1e-9);
        Assert.Equal(63.11684160219828, Final(final, "numenta", "reward_low_FP_rate"), 1e-9);
        Assert.Equal(74.3202443095115, Final(final, "numenta", "reward_low_FN_rate"), 1e-9);
        Assert.True(File.Exists(Path.Combine(report, "numenta", "numenta_standard_scores.csv")));
        Assert.Contains("70.10", result.Out, StringComparison.Ordinal);
    }

    [NabFact]
    public void APortOfANabEntryIsScoredWithThatEntrysThresholds()
    {
        // context-ose reproduces NAB's contextOSE rows, so its results are the shipped ones under its own name;
        // thresholds.json lists them under "contextOSE", which the descriptor names as its NAB entry.
        string results = Path.Combine(_dir, "results");
        string shipped = Path.Combine(NabTestCorpus.Root, "results", "contextOSE");
        foreach (string file in Directory.GetFiles(shipped, "contextOSE_*.csv", SearchOption.AllDirectories))
        {
            string category = Path.GetFileName(Path.GetDirectoryName(file)!);
            string target = Path.Combine(results, "context-ose", category);
            Directory.CreateDirectory(target);
            File.Copy(file, Path.Combine(target, "context-ose_" + Path.GetFileName(file)["contextOSE_".Length..]));
        }

        string report = Path.Combine(_dir, "report");
        var result = new CliRunner().Run("nab", "score", "--nab-root", NabTestCorpus.Root, "--results", results, "--detectors", "context-ose",
            "--thresholds", Path.Combine(NabTestCorpus.Root, "config", "thresholds.json"), "--report-dir", report);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("contextOSE", result.Error, StringComparison.Ordinal);
        string final = Path.Combine(report, "final_results.json");
        Assert.Equal(69.89956896844447, Final(final, "context-ose", "standard"), 1e-9);
        Assert.Equal(66.9771391904834, Final(final, "context-ose", "reward_low_FP_rate"), 1e-9);
        Assert.Equal(73.18167250415388, Final(final, "context-ose", "reward_low_FN_rate"), 1e-9);
    }

    [NabFact]
    public void OptimizeChoosesTheSweepThresholdsOfAppendixC()
    {
        string report = Path.Combine(_dir, "report");
        var result = new CliRunner().Run("nab", "score", "--nab-root", NabTestCorpus.Root, "--results", Path.Combine(NabTestCorpus.Root, "results"),
            "--detectors", "numenta", "--optimize", "--report-dir", report);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(63.20918500, Final(Path.Combine(report, "final_results.json"), "numenta", "reward_low_FP_rate"), 1e-8);
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(report, "thresholds.json")));
        foreach (string profile in new[] { "standard", "reward_low_FP_rate", "reward_low_FN_rate" })
        {
            Assert.Equal(0.543099145074, doc.RootElement.GetProperty("numenta").GetProperty(profile).GetProperty("threshold").GetDouble(), 1e-12);
        }
    }

    [NabFact]
    public void WindowedGaussianBenchmarkReproducesThePublishedNabScores()
    {
        string results = Path.Combine(_dir, "results");
        var result = new CliRunner().Run("nab", "benchmark", "-d", "windowed-gaussian", "--nab-root", NabTestCorpus.Root, "--out", results, "--metrics", "nab");
        Assert.True(result.ExitCode == 0, result.ToString());
        string final = Path.Combine(results, "final_results.json");
        // NAB's published windowedGaussian row (nab-scoring.md Appendix B/C): 39.65 / 20.87 / 47.41.
        Assert.Equal(39.65, Final(final, "windowed-gaussian", "standard"), 0.005);
        Assert.Equal(20.87, Final(final, "windowed-gaussian", "reward_low_FP_rate"), 0.005);
        Assert.Equal(47.41, Final(final, "windowed-gaussian", "reward_low_FN_rate"), 0.005);
    }

    [NabFact]
    public void RandomBenchmarkReproducesNabsRandomDetectorAfterReoptimisation()
    {
        // Python's Mersenne Twister seeded with 42 per file, scores written with 12 significant digits:
        // nab-scoring.md Appendix C gives the sweep of NAB's own random results.
        string results = Path.Combine(_dir, "results");
        var result = new CliRunner().Run("nab", "benchmark", "-d", "random", "--nab-root", NabTestCorpus.Root, "--out", results, "--metrics", "nab");
        Assert.True(result.ExitCode == 0, result.ToString());
        string final = Path.Combine(results, "final_results.json");
        Assert.Equal(17.65543970, Final(final, "random", "standard"), 5e-9);
        Assert.Equal(7.48003494, Final(final, "random", "reward_low_FP_rate"), 5e-9);
        Assert.Equal(27.57489083, Final(final, "random", "reward_low_FN_rate"), 5e-9);
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(results, "thresholds.json")));
        Assert.Equal(0.998405097835, doc.RootElement.GetProperty("random").GetProperty("standard").GetProperty("threshold").GetDouble());
        Assert.Equal(0.999595043934, doc.RootElement.GetProperty("random").GetProperty("reward_low_FP_rate").GetProperty("threshold").GetDouble());
    }

    [NabFact]
    public void ScoringWithMissingResultsFilesListsThem()
    {
        string results = Path.Combine(_dir, "results");
        Assert.Equal(0, new CliRunner().Run("nab", "run", "-d", "null", "--nab-root", NabTestCorpus.Root, "--out", results, "--category", "realAdExchange").ExitCode);
        var result = new CliRunner().Run("nab", "score", "--nab-root", NabTestCorpus.Root, "--results", results, "--optimize");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("null_nyc_taxi.csv", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(results, "final_results.json")));

        var category = new CliRunner().Run("nab", "score", "--nab-root", NabTestCorpus.Root, "--results", results, "--optimize", "--category", "realAdExchange", "--metrics", "nab,f1");
        Assert.True(category.ExitCode == 0, category.ToString());
        Assert.Contains("6 of 58 files", category.Out, StringComparison.Ordinal);
        Assert.Contains("F1 by category", category.Out, StringComparison.Ordinal);
        var f1 = File.ReadAllLines(Path.Combine(results, "null", "null_f1.csv"));
        Assert.Equal("mode,threshold_kind,threshold,scope,name,tp,fp,fn,tn,precision,recall,f1", f1[0]);
        Assert.Contains(f1, l => l.StartsWith("Event,best-f1,", StringComparison.Ordinal) && l.Contains(",file,realAdExchange/exchange-2_cpc_results.csv,", StringComparison.Ordinal));
    }

    [NabFact]
    public void ScoringTheCorpusResultsWithoutAReportDirIsRefusedAndWritesNothing()
    {
        string results = Path.Combine(NabTestCorpus.Root, "results");
        string table = Path.Combine(results, "numenta", "numenta_standard_scores.csv");
        var before = File.GetLastWriteTimeUtc(table);
        var result = new CliRunner().Run("nab", "score", "--nab-root", NabTestCorpus.Root, "--results", results, "--detectors", "numenta");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--report-dir", result.Error, StringComparison.Ordinal);
        Assert.Equal(before, File.GetLastWriteTimeUtc(table));
        Assert.False(File.Exists(Path.Combine(results, "final_results.json")));
    }

    [NabFact]
    public void ThresholdChoicesThatCannotWorkAreUsageErrors()
    {
        string results = Path.Combine(NabTestCorpus.Root, "results");
        var both = new CliRunner().Run("nab", "score", "--nab-root", NabTestCorpus.Root, "--results", results, "--optimize", "--thresholds", "x.json");
        Assert.Equal(2, both.ExitCode);

        var unknownCategory = new CliRunner().Run("nab", "score", "--nab-root", NabTestCorpus.Root, "--results", results, "--category", "realNope", "--report-dir", _dir);
        Assert.Equal(2, unknownCategory.ExitCode);
        Assert.Contains("realTraffic", unknownCategory.Error, StringComparison.Ordinal);

        var badMetric = new CliRunner().Run("nab", "score", "--nab-root", NabTestCorpus.Root, "--results", results, "--metrics", "auc", "--report-dir", _dir);
        Assert.Equal(2, badMetric.ExitCode);

        var badF1Threshold = new CliRunner().Run("nab", "score", "--nab-root", NabTestCorpus.Root, "--results", results, "--metrics", "f1", "--f1-threshold", "q99", "--report-dir", _dir);
        Assert.Equal(2, badF1Threshold.ExitCode);
        Assert.Contains("pNN", badF1Threshold.Error, StringComparison.Ordinal);
    }

    [NabFact]
    public void F1AtThePerFileProbationPercentileIsPrintedBesideBestF1AndWrittenToTheCsv()
    {
        string results = Path.Combine(_dir, "results");
        Assert.Equal(0, new CliRunner().Run("nab", "run", "-d", "null", "--nab-root", NabTestCorpus.Root, "--out", results, "--category", "realAdExchange").ExitCode);
        var score = new CliRunner().Run("nab", "score", "--nab-root", NabTestCorpus.Root, "--results", results, "--optimize", "--category", "realAdExchange", "--metrics", "f1", "--f1-threshold", "p99");
        Assert.True(score.ExitCode == 0, score.ToString());
        Assert.Contains("p99 per file", score.Out, StringComparison.Ordinal);
        Assert.Contains("per-file p99", score.Out, StringComparison.Ordinal);

        // null scores 0.5 everywhere: each file's p99 is 0.5 and no row is above it.
        var f1 = File.ReadAllLines(Path.Combine(results, "null", "null_f1.csv"));
        Assert.Contains("Pointwise,p99,,corpus,all,0,0,", f1[1], StringComparison.Ordinal);
        Assert.Contains(f1, l => l.StartsWith("Event,p99,0.5,file,realAdExchange/exchange-2_cpc_results.csv,0,0,1,", StringComparison.Ordinal));
        Assert.Contains(f1, l => l.StartsWith("Event,best-f1,", StringComparison.Ordinal));

        var fixedThreshold = new CliRunner().Run("nab", "score", "--nab-root", NabTestCorpus.Root, "--results", results, "--optimize", "--category", "realAdExchange", "--metrics", "f1", "--f1-threshold", "0.5");
        Assert.True(fixedThreshold.ExitCode == 0, fixedThreshold.ToString());
        Assert.Contains("0.5 (fixed)", fixedThreshold.Out, StringComparison.Ordinal);
        Assert.StartsWith("Pointwise,fixed,0.5,corpus,all,", File.ReadAllLines(Path.Combine(results, "null", "null_f1.csv"))[1], StringComparison.Ordinal);
    }
}
