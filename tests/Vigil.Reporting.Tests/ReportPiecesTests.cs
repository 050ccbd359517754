using System.IO.Compression;
using System.Text.Json;
using Vigil.Evaluation.Nab;
using Vigil.Testing;

namespace Vigil.Reporting.Tests;

/// <summary>The report's pieces without a browser: detections, the compressed per-file block, the study view.</summary>
public sealed class ReportPiecesTests
{
    [Fact]
    public void DetectionsAreScoredRowsAtOrAboveTheThresholdMarkedByWindow()
    {
        double[] scores = [0.9, 0.1, 0.5, 0.7, 0.2, 0.8, 0.6];
        var hits = FilePayloadEncoder.Detections(scores, probationLength: 2, [new AnomalyWindow(3, 4)], threshold: 0.6);

        // Row 0 is probationary; 2 is below; 3 is in the window; 5 and 6 (at the threshold) are outside.
        Assert.Equal([(3, true), (5, false), (6, false)], hits);
    }

    [Fact]
    public void BestSoFarFollowsTheStudyDirectionAndSkipsUnfinishedTrials()
    {
        var empty = new Dictionary<string, object>();
        TrialRecord[] trials =
        [
            new(2, "complete", 5.0, empty), new(0, "complete", 3.0, empty), new(1, "pruned", null, empty), new(3, "complete", 4.0, empty),
        ];

        Assert.Equal([(0, 3.0, 3.0), (2, 5.0, 5.0), (3, 4.0, 5.0)], new StudyView("s", true, "score", trials).BestSoFar());
        Assert.Equal([(0, 3.0, 3.0), (2, 5.0, 3.0), (3, 4.0, 3.0)], new StudyView("s", false, "loss", trials).BestSoFar());
    }

    [Fact]
    public void StudyJsonReadsTrialsAndNamesABadTrial()
    {
        string folder = Directory.CreateTempSubdirectory("vigil-study-").FullName;
        string good = Path.Combine(folder, "study.json");
        File.WriteAllText(good, """
            {"name": "wg", "direction": "maximize", "objective": "NAB standard",
             "trials": [{"number": 0, "state": "complete", "value": 30.5, "params": {"windowSize": 120, "kind": "a"},
                         "started": "2026-01-01T00:00:00Z", "finished": "2026-01-01T00:00:09Z"},
                        {"number": 1, "state": "failed", "value": null, "params": {}}]}
            """);
        var study = StudyJson.Load(good);
        Assert.Equal(("wg", true, 2), (study.Name, study.Maximize, study.Trials.Count));
        Assert.Equal(120.0, study.Trials[0].Parameters["windowSize"]);
        Assert.Equal("a", study.Trials[0].Parameters["kind"]);
        Assert.Equal(TimeSpan.FromSeconds(9), study.Trials[0].Finished - study.Trials[0].Started);

        string bad = Path.Combine(folder, "bad.json");
        File.WriteAllText(bad, """{"trials": [{"number": 0, "state": "complete"}, {"state": "complete"}]}""");
        var error = Assert.Throws<InvalidDataException>(() => StudyJson.Load(bad));
        Assert.Contains("trials[1]", error.Message, StringComparison.Ordinal);
    }

    [NabFact]
    public void FileBlockDecodesToTheSeriesWindowsAndDetections()
    {
        var corpus = NabCorpus.Load(NabTestCorpus.Root);
        var file = corpus.Get("realKnownCause/nyc_taxi.csv");
        var series = file.LoadSeries();
        var numenta = NabDetectorResults.Load(corpus, corpus.ResultsRoot, "numenta", [file]).ScoresByFile[file.RelativePath];
        byte[] block = FilePayloadEncoder.Encode(file, series, [("numenta", numenta, 0.5421876907348634)]);

        using var gzip = new GZipStream(new MemoryStream(block), CompressionMode.Decompress);
        using var doc = JsonDocument.Parse(gzip);
        var root = doc.RootElement;
        Assert.Equal(file.RowCount, root.GetProperty("v").GetArrayLength());
        Assert.Equal(file.RowCount - 1, root.GetProperty("dt").GetArrayLength());
        Assert.Equal(series.Timestamps.Span[^1].ToUnixTimeSeconds(), root.GetProperty("t0").GetInt64() + root.GetProperty("dt").EnumerateArray().Sum(d => d.GetInt64()));
        Assert.Equal(file.ProbationLength, root.GetProperty("p").GetInt32());
        Assert.Equal(file.Windows.Select(w => new[] { w.FirstRow, w.LastRow }), root.GetProperty("w").EnumerateArray().Select(w => w.EnumerateArray().Select(x => x.GetInt32()).ToArray()));
        var hits = root.GetProperty("d")[0].GetProperty("hits").EnumerateArray().Select(h => (h[0].GetInt32(), h[1].GetInt32() == 1)).ToArray();
        Assert.Equal(FilePayloadEncoder.Detections(numenta, file.ProbationLength, file.Windows, 0.5421876907348634), hits);
        Assert.Contains(hits, h => h.Item2);
        Assert.Contains(hits, h => !h.Item2);
    }
}
