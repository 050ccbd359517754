using System.Diagnostics;
using System.Globalization;
using Vigil.Storage.Sqlite.Studies;
using Vigil.Tuning;
using Vigil.Tuning.Pruners;
using Vigil.Tuning.Samplers;
using Vigil.Tuning.Space;

namespace Vigil.Benchmarks;

/// <summary>
/// <c>tuning-overhead [--trials N] [--sampler tpe|tpe-multivariate|random] [--db PATH]</c>: the cost of tuning itself (sampling + SQLite storage) per trial:
/// a study of N trials (default 1,000) of TPE over 4 parameters with a trivial objective that reports 3 intermediate
/// values, in a fresh SQLite database. Prints ms per trial overall and over the last 100 trials, and how the last 100
/// trials' time splits between sampler, pruner, store reads and store writes (<see cref="OverheadClock"/>).
/// </summary>
internal static class TuningOverhead
{
    public static int Run(string[] args)
    {
        int trials = 1000;
        string sampler = "tpe";
        string db = Path.Combine(Path.GetTempPath(), $"vigil-overhead-{Environment.ProcessId}.db");
        for (int i = 0; i < args.Length - 1; i++)
        {
            if (args[i] == "--trials")
            {
                trials = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
            }
            else if (args[i] == "--sampler")
            {
                sampler = args[i + 1];
            }
            else if (args[i] == "--db")
            {
                db = args[i + 1];
            }
        }

        foreach (string f in new[] { db, db + "-wal", db + "-shm" })
        {
            File.Delete(f);
        }

        var space = new SearchSpace([
            new IntDistribution("a", 1, 100), new FloatDistribution("b", 1e-4, 1, Log: true), new FloatDistribution("c", 0, 1),
            new CategoricalDistribution("d", [System.Text.Json.Nodes.JsonValue.Create("x"), System.Text.Json.Nodes.JsonValue.Create("y")]),
        ]);
        var clock = new OverheadClock();
        var store = new OverheadClock.Store(new SqliteTrialStore(db), clock);
        var settings = new StudyRecord("overhead", "none", "f", StudyDirection.Minimize, space.Describe(), sampler, "median", 0, 0, "", DateTimeOffset.UnixEpoch);
        var study = new Study(store, settings, space, new OverheadClock.Sampler(Samplers.Create(sampler), clock), new OverheadClock.Pruner(new MedianPruner(), clock));
        var ends = new List<double>(trials);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        study.Optimize((trial, _) =>
        {
            double v = trial.SuggestInt("a") * 0.01 + Math.Log(trial.SuggestFloat("b")) + trial.SuggestFloat("c");
            for (int step = 0; step < 3; step++)
            {
                trial.Report(v + step);
                if (trial.ShouldPrune())
                {
                    return TrialOutcome.Pruned;
                }
            }

            return TrialOutcome.Complete(v);
        }, trials, finished: r =>
        {
            ends.Add(wall.Elapsed.TotalMilliseconds);
            if (r.Number == trials - 101)
            {
                clock.Reset();   // the breakdown covers the last 100 trials
            }
        });
        double total = wall.Elapsed.TotalMilliseconds;
        double cpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds;
        double last100 = (ends[^1] - ends[^Math.Min(101, ends.Count)]) / Math.Min(100, ends.Count - 1);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"tuning overhead ({sampler} + SQLite, {trials} trials, 3 reports each): {total / trials:F3} ms/trial overall (CPU {cpuMs / trials:F3} ms/trial), {last100:F3} ms/trial over the last 100 trials; {db}"));
        int measured = Math.Min(100, ends.Count - 1);
        foreach (var (part, ms, calls) in clock.Parts())
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  last {measured} trials: {part,-12} {ms / measured,8:F3} ms/trial ({calls / (double)measured:F1} calls/trial)"));
        }
        return 0;
    }
}
