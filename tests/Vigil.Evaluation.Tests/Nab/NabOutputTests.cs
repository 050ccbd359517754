using System.Text.Json;
using Vigil.Evaluation.Nab;

namespace Vigil.Evaluation.Tests.Nab;

public class NabOutputTests
{
    private static NabProfileResult ExampleResult()
    {
        var files = new[]
        {
            new NabFileScore("cat/b.csv", 0.5, -0.25, 1, 10, 2, 3, 16),
            new NabFileScore("cat/a.csv", 0.5, 0.75, 2, 20, 1, 1, 24),
        };
        return new NabProfileResult(NabProfile.Standard, 0.5, false, 0.5, -2, 2, 62.5, files);
    }

    [Fact]
    public void TheScoresCsvHasTheNabHeaderSortedFileLinesAndATotalsLine()
    {
        string root = Path.Combine(Path.GetTempPath(), "vigil-out-" + Guid.NewGuid().ToString("N"));
        try
        {
            NabEvaluator.WriteScoresCsv(root, "det", ExampleResult());
            var lines = File.ReadAllLines(Path.Combine(root, "det", "det_standard_scores.csv"));
            Assert.Equal(
            [
                "Detector,Profile,File,Threshold,Score,TP,TN,FP,FN,Total_Count",
                "det,standard,cat/a.csv,0.5,0.75,2,20,1,1,24",
                "det,standard,cat/b.csv,0.5,-0.25,1,10,2,3,16",
                "Totals,,,,0.5,3,30,3,4,40",
            ], lines);
        }
        finally
        {
            Directory.Delete(root, true);
        }
    }

    [Fact]
    public void FinalResultsMergeKeepsOtherDetectorsAndSortsKeysWithFourSpaceIndent()
    {
        string path = Path.Combine(Path.GetTempPath(), "vigil-final-" + Guid.NewGuid().ToString("N") + ".json");
        try
        {
            File.WriteAllText(path, """{ "zeta": { "standard": 1.5 }, "alpha": { "standard": 2.0, "reward_low_FN_rate": 3.25 } }""");
            NabEvaluator.WriteFinalResults(path, [("mid", [ExampleResult()]), ("alpha", [ExampleResult()])]);
            string text = File.ReadAllText(path);
            Assert.Equal(
                "{\n    \"alpha\": {\n        \"reward_low_FN_rate\": 3.25,\n        \"standard\": 62.5\n    },\n" +
                "    \"mid\": {\n        \"standard\": 62.5\n    },\n    \"zeta\": {\n        \"standard\": 1.5\n    }\n}\n",
                text);
            Assert.Equal(1.5, NabEvaluator.ReadFinalResults(path)["zeta"]["standard"]);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void AFailingFinalResultsWriteLeavesTheOldFileIntact()
    {
        string path = Path.Combine(Path.GetTempPath(), "vigil-final-" + Guid.NewGuid().ToString("N") + ".json");
        try
        {
            const string Old = """{ "alpha": { "standard": 2.0 } }""";
            File.WriteAllText(path, Old);
            var broken = ExampleResult() with { NormalizedScore = double.NaN };
            Assert.Throws<ArgumentException>(() => NabEvaluator.WriteFinalResults(path, [("beta", [broken])]));
            Assert.Equal(Old, File.ReadAllText(path));
            Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(path)!, "." + Path.GetFileName(path) + ".*.tmp"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void ThresholdsSaveMergesWithExistingEntriesAndReadsBack()
    {
        string path = Path.Combine(Path.GetTempPath(), "vigil-thr-" + Guid.NewGuid().ToString("N") + ".json");
        try
        {
            File.WriteAllText(path, """{ "old": { "standard": { "score": -1.5, "threshold": 0.25 } } }""");
            NabThresholds.Save(path, "new", new Dictionary<string, NabThreshold> { ["standard"] = new(0.5421876907348634, 46.634450197137596) });
            var loaded = NabThresholds.Load(path);
            Assert.Equal(new NabThreshold(0.25, -1.5), loaded["old"]["standard"]);
            Assert.Equal(new NabThreshold(0.5421876907348634, 46.634450197137596), loaded["new"]["standard"]);
            string text = File.ReadAllText(path);
            Assert.StartsWith("{\n    \"new\": {\n        \"standard\": {\n            \"score\": 46.634450197137596,\n            \"threshold\": 0.5421876907348634\n", text);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void ResultsFilesRoundTripThroughWriteAndReadScores()
    {
        using var s = new SyntheticCorpus();
        s.AddFile("cat/a.csv", 40, (12, 21));
        var file = NabCorpus.Load(s.Root).Get("cat/a.csv");
        var scores = NabScorerTests.ExampleScores();
        scores[5] = 1.0 / 3.0;
        string path = NabResultsFile.PathFor(s.ResultsRoot, "det", file);
        NabResultsFile.Write(path, file.LoadSeries(), scores, file);
        Assert.Equal(scores, NabResultsFile.ReadScores(path, file));
        var lines = File.ReadAllLines(path);
        Assert.Equal("timestamp,value,anomaly_score,label", lines[0]);
        Assert.Equal("2020-01-01 00:00:00,0,0.1,0", lines[1]);
        Assert.EndsWith(",1", lines[13]);
        Assert.EndsWith("results/det/cat/det_a.csv", path.Replace('\\', '/'));
    }

    [Fact]
    public void FinalResultsIsValidJsonWithRoundTripValues()
    {
        string path = Path.Combine(Path.GetTempPath(), "vigil-final-" + Guid.NewGuid().ToString("N") + ".json");
        try
        {
            NabEvaluator.WriteFinalResults(path, [("d", [ExampleResult() with { NormalizedScore = 70.10105611943965 }])]);
            using var doc = JsonDocument.Parse(File.ReadAllText(path));
            Assert.Equal(70.10105611943965, doc.RootElement.GetProperty("d").GetProperty("standard").GetDouble());
        }
        finally
        {
            File.Delete(path);
        }
    }
}
