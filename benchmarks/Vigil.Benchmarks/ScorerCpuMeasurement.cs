using System.Diagnostics;
using System.Globalization;
using Vigil.Evaluation.Nab;

namespace Vigil.Benchmarks;

/// <summary>
/// CPU seconds of whole scoring passes in one fresh process: load the corpus once, then N times read a
/// detector's 58 results files, run the threshold sweep and score the three profiles. N = 16 is the
/// published detectors' worth of work (the official scorer: 258–265 CPU-s for the 16 detectors).
/// </summary>
internal static class ScorerCpuMeasurement
{
    private static double Cpu(TimeSpan start)
    {
        using var process = Process.GetCurrentProcess();
        return (process.TotalProcessorTime - start).TotalSeconds;
    }

    public static int Run(string[] args)
    {
        int repeat = args.Length >= 2 && args[0] == "--repeat" ? int.Parse(args[1], CultureInfo.InvariantCulture) : 16;
        var process = Process.GetCurrentProcess();
        var start = process.TotalProcessorTime;
        var wall = Stopwatch.StartNew();

        var corpus = NabCorpus.Load(BenchmarkCorpus.Root());
        string results = Path.Combine(corpus.Root, "results");
        foreach (var file in corpus.Files)
        {
            _ = file.Windows;   // the lazy scan of the data files, timed on its own
        }

        double corpusCpu = Cpu(start);
        var first = NabDetectorResults.Load(corpus, results, "numenta");
        double readCpu = Cpu(start);
        var firstScores = NabEvaluator.Score(corpus, first, null);
        double firstCpu = Cpu(start);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"phases of the first detector: corpus {corpusCpu:F3}, read results {readCpu - corpusCpu:F3}, optimise + score {firstCpu - readCpu:F3} CPU-s"));

        double check = 0;
        for (int i = 1; i < repeat; i++)
        {
            var loaded = NabDetectorResults.Load(corpus, results, "numenta");
            check += NabEvaluator.Score(corpus, loaded, null).Sum(r => r.NormalizedScore);
        }

        process.Refresh();
        double cpu = (process.TotalProcessorTime - start).TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"first detector (corpus load + read + optimise + score 3 profiles): {firstCpu:F3} CPU-s; {repeat} detectors: {cpu:F3} CPU-s, {wall.Elapsed.TotalSeconds:F3} s wall"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"speed-up vs the official scorer (15.5 CPU-s per detector): {15.5 / firstCpu:F0}x for the first detector, {15.5 * repeat / cpu:F0}x for {repeat}"));
        Console.WriteLine(string.Join(" / ", firstScores.Select(r => r.NormalizedScore.ToString("F8", CultureInfo.InvariantCulture))) + (check > 0 ? "" : " "));
        return 0;
    }
}
