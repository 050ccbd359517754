using System.Diagnostics;
using System.Globalization;
using Vigil.Detectors.IsolationForest;
using Vigil.Evaluation.Metrics;
using Vigil.Evaluation.Nab;

namespace Vigil.Benchmarks;

/// <summary>
/// <c>iforest-workload</c>: the workload of <c>bench/peers/iforest_sklearn.py</c>, in Vigil. Per NAB file (58): z-normalise
/// with the file's own mean and population deviation, windows of 32 with stride 1, 100 trees of 256 samples fitted on
/// all windows, then every window scored; a window's score goes to its last point. ROC-AUC per labelled file (52) and
/// its mean, as the peer computes them. This uses whole-file statistics: an offline comparison, not a causal NAB run.
/// </summary>
/// <remarks>
/// Options: <c>--repeat N</c> (timed passes; the best is reported), <c>--trees N</c> (default 100), <c>--serial</c> (one file at a time; the default
/// runs files in parallel), <c>--sklearn-scores DIR</c> (per-file score files written by
/// <c>iforest_sklearn_scores.py</c>: prints the per-file Spearman correlation of the scores with sklearn's, its
/// minimum and median, and how many scores are bit-identical).
/// Loading and parsing the CSVs is timed separately, as the peer's <c>load_prep_s</c> is.
/// </remarks>
internal static class IsolationForestWorkload
{
    private const int Window = 32;

    public static int Run(string[] args)
    {
        int repeat = 3;
        bool serial = false;
        string? sklearnDir = null;
        int trees = 100;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--repeat": repeat = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--serial": serial = true; break;
                case "--trees": trees = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--sklearn-scores": sklearnDir = args[++i]; break;
                default: throw new ArgumentException($"Unknown argument '{args[i]}'. Usage: iforest-workload [--repeat N] [--serial] [--trees N] [--sklearn-scores DIR]");
            }
        }

        var load = Stopwatch.StartNew();
        var corpus = NabCorpus.Load(BenchmarkCorpus.Root());
        var files = corpus.Files.OrderBy(f => f.RelativePath, StringComparer.Ordinal).ToArray();
        var series = files.Select(f => f.LoadLabeled()).ToArray();
        double loadSeconds = load.Elapsed.TotalSeconds;
        long points = series.Sum(s => (long)s.Series.Length);
        long windows = series.Sum(s => (long)Math.Max(0, s.Series.Length - Window + 1));

        var options = new IsolationForestOptions { Trees = trees, SampleSize = 256, Window = Window, Seed = 0 };
        double[][] scores = new double[files.Length][];
        double best = double.PositiveInfinity, bestFit = 0, bestScore = 0;
        for (int r = 0; r < repeat; r++)
        {
            var fitTicks = new long[files.Length];
            var scoreTicks = new long[files.Length];
            var wall = Stopwatch.StartNew();
            void RunFile(int i)
            {
                long t0 = Stopwatch.GetTimestamp();
                var detector = new IsolationForestDetector(options);
                detector.Fit(series[i].Series);
                long t1 = Stopwatch.GetTimestamp();
                scores[i] = detector.ScoreSamples(series[i].Series).Scores.ToArray();
                fitTicks[i] = t1 - t0;
                scoreTicks[i] = Stopwatch.GetTimestamp() - t1;
            }

            if (serial)
            {
                for (int i = 0; i < files.Length; i++)
                {
                    RunFile(i);
                }
            }
            else
            {
                // Longest files first, so a long file does not start last.
                var order = Enumerable.Range(0, files.Length).OrderByDescending(i => series[i].Series.Length).ToArray();
                Parallel.ForEach(order, RunFile);
            }

            double seconds = wall.Elapsed.TotalSeconds;
            if (seconds < best)
            {
                best = seconds;
                bestFit = fitTicks.Sum() / (double)Stopwatch.Frequency;
                bestScore = scoreTicks.Sum() / (double)Stopwatch.Frequency;
            }
        }

        var aucs = new List<(string File, double Auc)>();
        for (int i = 0; i < files.Length; i++)
        {
            var labels = series[i].RowLabels().AsSpan(Window - 1);
            double auc = RankStatistics.RocAuc(scores[i].AsSpan(Window - 1), labels);
            if (!double.IsNaN(auc))
            {
                aucs.Add((files[i].RelativePath, auc));
            }
        }

        var inv = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(inv, $"iforest-workload: {files.Length} files, {points} points, {windows} windows, window {Window}, {trees} trees x 256 samples, {(serial ? "files serial" : $"files in parallel on {Environment.ProcessorCount} cores")}"));
        Console.WriteLine(string.Create(inv, $"load+parse {loadSeconds:F3} s; fit+score wall {best:F3} s (best of {repeat}); summed per-file fit {bestFit:F3} s, score {bestScore:F3} s"));
        Console.WriteLine(string.Create(inv, $"files with anomalies {aucs.Count}; mean ROC-AUC {aucs.Average(a => a.Auc):F5}; nyc_taxi {aucs.FirstOrDefault(a => a.File == "realKnownCause/nyc_taxi.csv").Auc:F5}"));

        if (sklearnDir is not null)
        {
            var rhos = new List<(string File, double Rho)>();
            double worst = 0;
            long identical = 0, compared = 0;
            string worstFile = "";
            for (int i = 0; i < files.Length; i++)
            {
                string path = Path.Combine(sklearnDir, files[i].RelativePath.Replace('/', '_') + ".txt");
                var reference = File.ReadAllLines(path).Where(l => l.Length > 0).Select(l => double.Parse(l, inv)).ToArray();
                var ours = scores[i].AsSpan(Window - 1);
                if (reference.Length != ours.Length)
                {
                    throw new InvalidDataException($"{path}: {reference.Length} scores, expected {ours.Length}.");
                }

                for (int k = 0; k < ours.Length; k++)
                {
                    double delta = Math.Abs(ours[k] - reference[k]);
                    identical += delta == 0 ? 1 : 0;
                    if (delta > worst)
                    {
                        worst = delta;
                        worstFile = files[i].RelativePath;
                    }
                }

                compared += ours.Length;
                rhos.Add((files[i].RelativePath, RankStatistics.Spearman(ours, reference)));
            }

            // Spearman is undefined (NaN) on a file whose scores are all equal on both sides (a constant series).
            var finite = rhos.Where(r => !double.IsNaN(r.Rho)).ToList();
            var worstRhos = finite.OrderBy(r => r.Rho).Take(5);
            Console.WriteLine(string.Create(inv, $"Spearman with sklearn over {finite.Count} files (of {rhos.Count}; the rest have constant scores): min {finite.Min(r => r.Rho):F12}, median {Median(finite.Select(r => r.Rho)):F12}, files below 0.98: {finite.Count(r => r.Rho < 0.98)}"));
            Console.WriteLine(string.Create(inv, $"scores: {identical} of {compared} bit-identical to sklearn's; max |difference| {worst:G3}{(worst > 0 ? " (" + worstFile + ")" : "")}"));
            Console.WriteLine("lowest: " + string.Join(", ", worstRhos.Select(r => string.Create(inv, $"{r.File} {r.Rho:F12}"))));
        }

        foreach (var (file, auc) in aucs)
        {
            Console.WriteLine(string.Create(inv, $"  {file} {auc:F5}"));
        }

        return 0;
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.OrderBy(v => v).ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
