using Vigil.Evaluation.Nab;
using Vigil.IO;

namespace Vigil.Evaluation.Tests.Nab;

/// <summary>Edge cases of nab-scoring.md §12 on small synthetic corpora.</summary>
public class NabEdgeCaseTests
{
    [Fact]
    public void AMissingResultsFileIsOneErrorListingEveryMissingFile()
    {
        using var s = new SyntheticCorpus();
        s.AddFile("cat/a.csv", 40, (12, 21));
        s.AddFile("cat/b.csv", 40, (12, 21));
        s.AddFile("cat/c.csv", 40);
        s.WriteResults("d", "cat/b.csv", new double[40]);
        var corpus = NabCorpus.Load(s.Root);
        var e = Assert.Throws<FileNotFoundException>(() => NabDetectorResults.Load(corpus, s.ResultsRoot, "d"));
        Assert.Contains("d_a.csv", e.Message);
        Assert.Contains("d_c.csv", e.Message);
        Assert.DoesNotContain("d_b.csv", e.Message);
    }

    [Fact]
    public void AResultsFileWithADifferentRowCountIsAnErrorNamingTheFile()
    {
        using var s = new SyntheticCorpus();
        s.AddFile("cat/a.csv", 40, (12, 21));
        string path = s.WriteResults("d", "cat/a.csv", new double[39]);
        var corpus = NabCorpus.Load(s.Root);
        var e = Assert.Throws<SeriesFormatException>(() => NabDetectorResults.Load(corpus, s.ResultsRoot, "d"));
        Assert.Equal(path, e.Path);
        Assert.Contains("39", e.Message);
        Assert.Contains("cat/a.csv", e.Message);
    }

    [Theory]
    [InlineData("NaN")]
    [InlineData("nan")]
    [InlineData("")]
    [InlineData("1.1")]
    [InlineData("2.5")]
    [InlineData("inf")]
    [InlineData("-Infinity")]
    [InlineData("abc")]
    public void AnInvalidScoreIsAnErrorNamingTheFileAndLine(string text)
    {
        using var s = new SyntheticCorpus();
        s.AddFile("cat/a.csv", 40, (12, 21));
        var texts = Enumerable.Repeat("0.25", 40).ToArray();
        texts[17] = text;
        string path = s.WriteResults("d", "cat/a.csv", texts);
        var corpus = NabCorpus.Load(s.Root);
        var e = Assert.Throws<SeriesFormatException>(() => NabResultsFile.ReadScores(path, corpus.Get("cat/a.csv")));
        Assert.Equal(path, e.Path);
        Assert.Equal(19, e.Line); // Header is line 1, row 17 is line 19.
    }

    [Fact]
    public void ScoresSlightlyOutsideZeroToOneAreAccepted()
    {
        using var s = new SyntheticCorpus();
        s.AddFile("cat/a.csv", 40, (12, 21));
        var texts = Enumerable.Repeat("-0.008", 40).ToArray();
        texts[20] = "1.011";
        string path = s.WriteResults("d", "cat/a.csv", texts);
        var scores = NabResultsFile.ReadScores(path, NabCorpus.Load(s.Root).Get("cat/a.csv"));
        Assert.Equal(1.011, scores[20]);
        Assert.Equal(-0.008, scores[0]);
    }

    [Fact]
    public void TheAnomalyScoreColumnIsFoundByName()
    {
        using var s = new SyntheticCorpus();
        s.AddFile("cat/a.csv", 3);
        string path = Path.Combine(s.ResultsRoot, "x.csv");
        Directory.CreateDirectory(s.ResultsRoot);
        File.WriteAllText(path, "timestamp,value,raw,anomaly_score,label\r\nt,1,9,0.25,0\r\nt,1,9,0.5,0\r\nt,1,9,0.75,1\r\n");
        Assert.Equal([0.25, 0.5, 0.75], NabResultsFile.ReadScores(path, NabCorpus.Load(s.Root).Get("cat/a.csv")));
    }

    [Fact]
    public void OnATieTheOptimizerKeepsTheLargerThreshold()
    {
        // Window rows 12..21. Row 12 scores 0.9 (earliest, worth tpW); row 15 scores 0.8 and lies in the same
        // window, so lowering the threshold to 0.8 changes no term: 0.9 and 0.8 tie and 0.9 must win.
        using var s = new SyntheticCorpus();
        s.AddFile("cat/a.csv", 40, (12, 21));
        var scores = new double[40];
        scores[12] = 0.9;
        scores[15] = 0.8;
        s.WriteResults("d", "cat/a.csv", scores);
        var corpus = NabCorpus.Load(s.Root);
        var (threshold, score) = NabThresholdOptimizer.Optimize(corpus, NabDetectorResults.Load(corpus, s.ResultsRoot, "d"), NabProfile.Standard);
        Assert.Equal(0.9, threshold);
        Assert.Equal(1.0, score);
    }

    [Fact]
    public void ScoresOnlyOnProbationaryRowsAreNotCandidateThresholds()
    {
        using var s = new SyntheticCorpus();
        s.AddFile("cat/a.csv", 40, (12, 21));
        var scores = new double[40];
        scores[2] = 0.99;
        scores[12] = 0.9;
        s.WriteResults("d", "cat/a.csv", scores);
        var corpus = NabCorpus.Load(s.Root);
        var (threshold, _) = NabThresholdOptimizer.Optimize(corpus, NabDetectorResults.Load(corpus, s.ResultsRoot, "d"), NabProfile.Standard);
        Assert.Equal(0.9, threshold);
    }

    [Fact]
    public void WindowsAreMappedByRowInFileOrderEvenWhenTimestampsRepeat()
    {
        using var s = new SyntheticCorpus();
        s.AddFile("cat/a.csv", 40, (12, 21));
        string data = Path.Combine(s.Root, "data", "cat", "a.csv");
        var lines = File.ReadAllLines(data).ToList();
        lines.Insert(3, lines[2]); // Repeat row 1's timestamp: every later row moves down by one.
        File.WriteAllText(data, string.Join("\n", lines) + "\n");
        var file = NabCorpus.Load(s.Root).Get("cat/a.csv");
        Assert.Equal(41, file.RowCount);
        Assert.Equal([new AnomalyWindow(13, 22)], file.Windows);
    }

    [Fact]
    public void AWindowBoundaryMatchingNoRowIsAnErrorNamingTheFile()
    {
        using var s = new SyntheticCorpus();
        s.AddFile("cat/a.csv", 40, (12, 45));
        var file = NabCorpus.Load(s.Root).Get("cat/a.csv");
        var e = Assert.Throws<FormatException>(() => file.RowCount);
        Assert.Contains("cat/a.csv", e.Message);
    }

    [Fact]
    public void FilesWhoseEveryScoredRowIsAtOrAboveTheThresholdAreReported()
    {
        // NAB #361: the official scorer crashes on such a file; Vigil detects every scored row and says so.
        using var s = new SyntheticCorpus();
        s.AddFile("cat/a.csv", 40, (12, 21));
        s.AddFile("cat/b.csv", 40, (30, 34));
        var high = new double[40];
        Array.Fill(high, 0.8);
        high[0] = 0.1;   // probationary: does not count
        var mixed = new double[40];
        mixed[31] = 0.9;
        s.WriteResults("d", "cat/a.csv", high);
        s.WriteResults("d", "cat/b.csv", mixed);
        var corpus = NabCorpus.Load(s.Root);
        var results = NabEvaluator.Score(corpus, NabDetectorResults.Load(corpus, s.ResultsRoot, "d"), _ => 0.5);
        Assert.All(results, r => Assert.Equal(["cat/a.csv"], r.FilesBelowThreshold));
        var a = results[0].Files.Single(f => f.File == "cat/a.csv");
        Assert.Equal(40 - 6, a.TruePositives + a.FalsePositives);
    }
}
