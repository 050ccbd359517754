using System.Diagnostics;
using System.Globalization;
using Orleans.TestingHost;
using Vigil.Detection;
using Vigil.Detectors.IsolationForest;
using Vigil.Detectors.Torch;
using Vigil.Detectors.Torch.LstmAutoencoder;
using Vigil.Orleans.Training;
using Vigil.Training;

namespace Vigil.Benchmarks;

/// <summary>
/// <c>distributed-training [NAB_DIR] [--silos 1,2,3] [--points N] [--epochs E] [--file PATH]</c>: speed-up and
/// communication share of distributed training on in-process Orleans clusters (silos talk over loopback TCP, in one
/// process). For each silo count: the LSTM autoencoder (peer workload's settings: hidden 64, window 64, batch 256,
/// one replica per silo) and the isolation forest (100 trees, one shard per silo), against local single-process
/// training of the same model. libtorch runs one thread per replica (and for the local baseline). Forest times are
/// the median of five fits after one warm-up; the LSTM's are one training after a warm-up training.
/// </summary>
internal static class DistributedTraining
{
    public static int Run(string[] args)
    {
        string root = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal) && Directory.Exists(a))
            ?? Environment.GetEnvironmentVariable("VIGIL_NAB_DIR") ?? "../shared/nab";
        string relative = Option(args, "--file") ?? "realKnownCause/nyc_taxi.csv";
        int points = int.Parse(Option(args, "--points") ?? "4000", CultureInfo.InvariantCulture);
        int epochs = int.Parse(Option(args, "--epochs") ?? "1", CultureInfo.InvariantCulture);
        var silos = (Option(args, "--silos") ?? "1,2,3").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();

        var file = Vigil.Evaluation.Nab.NabCorpus.Load(root).Files.First(f => f.RelativePath == relative);
        var full = file.LoadLabeled().Series;
        var series = full.Slice(0, Math.Min(points, full.Length));
        TorchSharp.torch.set_num_threads(1);
        var lstm = new LstmAutoencoderOptions { Epochs = epochs };
        string lstmJson = OptionsBinder.ToJson(lstm);
        var forest = new IsolationForestOptions();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{relative}: lstm on the first {series.Length} points, forest on all {full.Length} (median of {Repeats} fits); lstm-autoencoder hidden {lstm.HiddenUnits}, window {lstm.Window}, batch {lstm.BatchSize}, {epochs} epoch(s); isolation-forest {forest.Trees} trees, window {forest.Window}; {Environment.ProcessorCount} cores"));

        // Local baselines (after a warm-up fit, so libtorch's start-up is not counted).
        using (var warm = new LstmAutoencoderDetector(lstm with { Epochs = 1 }))
        {
            warm.Fit(series.Slice(0, Math.Min(series.Length, 600)));
        }

        var clock = Stopwatch.StartNew();
        using (var local = new LstmAutoencoderDetector(lstm))
        {
            local.Fit(series);
        }

        double lstmLocal = clock.Elapsed.TotalSeconds;
        // The forest fits in well under a second: the median of several fits, on the whole file.
        double forestLocal = Median(Enumerable.Range(0, Repeats + 1).Select(_ =>
        {
            var started = Stopwatch.StartNew();
            new IsolationForestDetector(forest).Fit(full);
            return started.Elapsed.TotalSeconds;
        }).Skip(1));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"local: lstm {lstmLocal:F2} s, forest {forestLocal:F3} s"));
        Console.WriteLine("| silos | lstm wall s | lstm speed-up | lstm compute s (critical path) | lstm communication share | forest wall s | forest speed-up | forest communication share |");
        Console.WriteLine("| --- | --- | --- | --- | --- | --- | --- | --- |");
        foreach (int count in silos)
        {
            var cluster = StartCluster(count).GetAwaiter().GetResult();
            try
            {
                var trainer = new DistributedDataParallelTraining(cluster.Client);
                var values = series.Values.ToArray();

                // Warm-up: a one-epoch training on a short prefix creates the replicas' code paths on every silo.
                trainer.TrainAsync("lstm-autoencoder", OptionsBinder.ToJson(lstm with { Epochs = 1 }), values[..600], count).GetAwaiter().GetResult();
                var result = trainer.TrainAsync("lstm-autoencoder", lstmJson, values, count, new DataParallelTrainingSettings { CheckpointEvery = 1_000_000 }).GetAwaiter().GetResult();

                var shards = new DistributedIsolationForest(cluster.Client);
                var fits = Enumerable.Range(0, Repeats + 1).Select(_ => shards.FitAsync(forest, full, count).GetAwaiter().GetResult()).Skip(1).ToList();
                double forestWall = Median(fits.Select(f => f.Wall.TotalSeconds));
                double forestCompute = Median(fits.Select(f => f.Shards.Max(s => s.Fit.TotalSeconds)));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {count} | {result.Wall.TotalSeconds:F2} | {lstmLocal / result.Wall.TotalSeconds:F2}× | {result.Compute.TotalSeconds:F2} | {result.CommunicationShare:P0} | {forestWall:F3} | {forestLocal / forestWall:F2}× | {Math.Clamp(1 - forestCompute / forestWall, 0, 1):P0} |"));
            }
            finally
            {
                cluster.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }
        }

        return 0;
    }

    private static async Task<InProcessTestCluster> StartCluster(int silos)
    {
        var builder = new InProcessTestClusterBuilder((short)silos);
        builder.ConfigureSilo((_, silo) => silo.AddVigilTraining(new TorchDataParallelTrainers()));
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }

    private const int Repeats = 5;

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static string? Option(string[] args, string name)
    {
        int at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    }
}
