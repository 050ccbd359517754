using System.Text.Json;
using Vigil.Detection;
using Vigil.Detectors;
using Vigil.Evaluation.Nab;

namespace Vigil.Evaluation.Tests.Nab;

/// <summary>Issue 12 items 5, 6, 9 and 21: concurrent merges, --resume, validation of every file first, cancellation.</summary>
public sealed class NabRunHardeningTests
{
    private static readonly DetectorRegistry Registry = new DetectorRegistry().AddBuiltInDetectors();

    private static (SyntheticCorpus Synthetic, NabCorpus Corpus) Corpus(int rows = 60)
    {
        var s = new SyntheticCorpus();
        s.AddFile("cat/a.csv", rows, (12, 21));
        s.AddFile("cat/b.csv", rows, (30, 40));
        s.AddFile("dog/c.csv", rows);
        return (s, NabCorpus.Load(s.Root));
    }

    private static JsonElement Options(string json) => JsonDocument.Parse(json).RootElement.Clone();

    // ---- item 6: --resume

    [Fact]
    public void ResumeSkipsCompleteFilesOfTheSameRunAndRedoesTheRest()
    {
        var (s, corpus) = Corpus();
        using var _ = s;
        var runner = new NabRunner(Registry);
        var options = Options("""{ "window": 20 }""");
        var first = runner.Run("moving-zscore", options, corpus.Files, s.ResultsRoot, parallelism: 1);
        Assert.All(first, r => Assert.False(r.Skipped));

        // One results file cut short (as by a crash of an older, non-atomic writer): only it is run again.
        string damaged = first[1].ResultsPath;
        File.WriteAllLines(damaged, File.ReadAllLines(damaged)[..10]);
        var stamps = first.ToDictionary(r => r.ResultsPath, r => File.GetLastWriteTimeUtc(r.ResultsPath));
        Thread.Sleep(20);

        var resumed = runner.Run("moving-zscore", options, corpus.Files, s.ResultsRoot, parallelism: 1, resume: true);

        Assert.Equal([true, false, true], resumed.Select(r => r.Skipped));
        Assert.Equal(first[0].Scores, resumed[0].Scores);   // read back from the complete file
        Assert.Equal(first[1].Scores, resumed[1].Scores);   // recomputed
        Assert.Equal(stamps[first[0].ResultsPath], File.GetLastWriteTimeUtc(first[0].ResultsPath));
        Assert.Equal(61, File.ReadAllLines(damaged).Length);
    }

    [Fact]
    public void ResumeRunsEverythingAgainWhenTheOptionsDiffer()
    {
        var (s, corpus) = Corpus();
        using var _ = s;
        var runner = new NabRunner(Registry);
        runner.Run("moving-zscore", Options("""{ "window": 20 }"""), corpus.Files, s.ResultsRoot, parallelism: 1);

        var other = runner.Run("moving-zscore", Options("""{ "window": 30 }"""), corpus.Files, s.ResultsRoot, parallelism: 1, resume: true);

        Assert.All(other, r => Assert.False(r.Skipped));
        var again = runner.Run("moving-zscore", Options("""{ "window": 30 }"""), corpus.Files, s.ResultsRoot, parallelism: 1, resume: true);
        Assert.All(again, r => Assert.True(r.Skipped));
    }

    [Fact]
    public void WithoutResumeEveryFileIsRunAgain()
    {
        var (s, corpus) = Corpus();
        using var _ = s;
        var runner = new NabRunner(Registry);
        runner.Run("null", null, corpus.Files, s.ResultsRoot, parallelism: 1);
        Assert.All(runner.Run("null", null, corpus.Files, s.ResultsRoot, parallelism: 1), r => Assert.False(r.Skipped));
    }

    // ---- item 9: every file validated first, every problem listed

    [Fact]
    public void TwoBadFilesAreBothListedAndNothingIsWritten()
    {
        var (s, _) = Corpus();
        using var __ = s;
        File.AppendAllText(Path.Combine(s.Root, "data", "cat", "b.csv"), "2030-01-01 00:00:00,not-a-number\n");
        File.WriteAllText(Path.Combine(s.Root, "data", "dog", "c.csv"), "time,val\n2020-01-01 00:00:00,1\n");
        var corpus = NabCorpus.Load(s.Root);

        var error = Assert.Throws<NabCorpusValidationException>(() => new NabRunner(Registry).Run("null", null, corpus.Files, s.ResultsRoot, parallelism: 1));

        Assert.Equal(2, error.Problems.Count);
        Assert.Contains("b.csv:62", error.Problems[0], StringComparison.Ordinal);
        Assert.Contains("c.csv:1", error.Problems[1], StringComparison.Ordinal);
        Assert.Contains("2 data file(s) cannot be read", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(s.ResultsRoot, "null")));
    }

    // ---- item 21: cancellation

    [Fact]
    public void ACancelledRunStopsAndLeavesOnlyCompleteFiles()
    {
        var (s, corpus) = Corpus(rows: 5000);
        using var _ = s;
        using var cancel = new CancellationTokenSource();
        var progress = new CancelOnFirstReport(cancel);

        Assert.ThrowsAny<OperationCanceledException>(() =>
            new NabRunner(Registry).Run("moving-zscore", null, corpus.Files, s.ResultsRoot, parallelism: 1, progress: progress, ct: cancel.Token));

        string folder = Path.Combine(s.ResultsRoot, "moving-zscore");
        var written = Directory.Exists(folder) ? Directory.GetFiles(folder, "*", SearchOption.AllDirectories) : [];
        Assert.DoesNotContain(written, f => f.EndsWith(".tmp", StringComparison.Ordinal));
        Assert.True(written.Count(f => f.EndsWith(".csv", StringComparison.Ordinal)) < corpus.Files.Count);
        foreach (string csv in written.Where(f => f.EndsWith(".csv", StringComparison.Ordinal)))
        {
            var file = corpus.Files.Single(f => NabResultsFile.PathFor(s.ResultsRoot, "moving-zscore", f) == csv);
            Assert.Equal(file.RowCount, NabResultsFile.ReadScores(csv, file).Length);
        }
    }

    private sealed class CancelOnFirstReport(CancellationTokenSource source) : IProgress<NabRunProgress>
    {
        public void Report(NabRunProgress value) => source.Cancel();
    }

    // ---- item 5: concurrent merges into one final_results.json / thresholds.json

    [Fact]
    public void ConcurrentMergesKeepEveryDetector()
    {
        string dir = Directory.CreateTempSubdirectory("vigil-merge-").FullName;
        try
        {
            string final = Path.Combine(dir, "final_results.json");
            string thresholds = Path.Combine(dir, "thresholds.json");
            var result = new NabProfileResult(NabProfile.Standard, 0.5, true, 1, -2, 2, 75, []);
            const int Detectors = 12;
            Parallel.For(0, Detectors, new ParallelOptions { MaxDegreeOfParallelism = Detectors }, d =>
            {
                NabEvaluator.WriteFinalResults(final, [($"det{d}", [result])]);
                NabThresholds.Save(thresholds, $"det{d}", new Dictionary<string, NabThreshold> { ["standard"] = new(0.5, 1) });
            });

            Assert.Equal(Detectors, NabEvaluator.ReadFinalResults(final).Count);
            Assert.Equal(Detectors, NabThresholds.Load(thresholds).Count);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
