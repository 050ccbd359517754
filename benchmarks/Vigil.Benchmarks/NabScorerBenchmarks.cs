using BenchmarkDotNet.Attributes;
using Vigil.Evaluation.Nab;

namespace Vigil.Benchmarks;

/// <summary>
/// NAB scoring of the published numenta results: all three profiles with threshold optimisation, as
/// `vigil nab score --optimize` does. The official Python scorer needs about 15.5 CPU-seconds for this.
/// </summary>
[MemoryDiagnoser]
public class NabScorerBenchmarks
{
    private NabCorpus _corpus = null!;
    private string _results = null!;
    private NabDetectorResults _loaded = null!;

    [GlobalSetup]
    public void Setup()
    {
        string root = BenchmarkCorpus.Root();
        _corpus = NabCorpus.Load(root);
        _results = Path.Combine(root, "results");
        _loaded = NabDetectorResults.Load(_corpus, _results, "numenta");
    }

    /// <summary>Reads the 58 results files, optimises and scores the three profiles.</summary>
    [Benchmark]
    public double LoadOptimizeAndScore()
    {
        var results = NabDetectorResults.Load(_corpus, _results, "numenta");
        return NabEvaluator.Score(_corpus, results, null).Sum(r => r.NormalizedScore);
    }

    /// <summary>Optimise and score only (results already in memory).</summary>
    [Benchmark]
    public double OptimizeAndScore() => NabEvaluator.Score(_corpus, _loaded, null).Sum(r => r.NormalizedScore);

    /// <summary>Score with the shipped thresholds (no sweep).</summary>
    [Benchmark]
    public double ScoreWithShippedThresholds()
    {
        var shipped = NabThresholds.Load(Path.Combine(_corpus.Root, "config", "thresholds.json"))["numenta"];
        return NabEvaluator.Score(_corpus, _loaded, p => shipped[p.Name].Threshold).Sum(r => r.NormalizedScore);
    }
}
