using BenchmarkDotNet.Attributes;
using Vigil.Detectors.IsolationForest;
using Vigil.Testing;

namespace Vigil.Benchmarks;

/// <summary>Isolation Forest fit and score on a synthetic series (100 trees, 256 samples, windows of 32).</summary>
[MemoryDiagnoser]
public class IsolationForestBenchmarks
{
    private TimeSeries _series = null!;
    private IsolationForestDetector _fitted = null!;

    /// <summary>Series length (NAB files hold 1k–22k points).</summary>
    [Params(4_000, 22_000)]
    public int Length { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _series = SyntheticSeries.SineWithNoise(Length);
        _fitted = new IsolationForestDetector(new IsolationForestOptions());
        _fitted.Fit(_series);
    }

    /// <summary>Grow the forest on every window of the series.</summary>
    [Benchmark]
    public int Fit()
    {
        var detector = new IsolationForestDetector(new IsolationForestOptions());
        detector.Fit(_series);
        return detector.TreeCount;
    }

    /// <summary>Score every window of the series.</summary>
    [Benchmark]
    public double Score() => _fitted.ScoreSamples(_series).Scores.Span[^1];
}
