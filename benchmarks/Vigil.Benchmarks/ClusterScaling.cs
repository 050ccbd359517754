using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Vigil.Detection;
using Vigil.Detectors;
using Vigil.Evaluation.Nab;
using Vigil.Orleans.Hosting;
using Vigil.Orleans.Jobs;

namespace Vigil.Benchmarks;

/// <summary>
/// <c>cluster-scaling [NAB_DIR] [--detector htm] [--silos 1,2,3] [--files GLOB] [--machines 1,2,3,4,8,16]
/// [--vigil PATH] [--out DIR]</c> (PATH: the ./vigil launcher or a published vigil.dll): a NAB run of one detector with the local executor, then through clusters of 1, 2,
/// 3... real <c>vigil cluster silo</c> processes on loopback (Redis membership: a throw-away <c>redis-server</c> on a
/// free port). Reports each run's wall time and its overhead against local, checks every cluster run's scores equal
/// the local run's, and projects N machines from the measured per-file costs: the makespan of the
/// longest-processing-time-first schedule of (per-file cost + measured per-job overhead) over N × cores slots, once
/// with the local per-file costs and once with the costs measured inside the 1-silo run.
/// Everything is also appended to <c>DIR/scaling.md</c> as it is measured, so a long run leaves what it finished.
/// </summary>
internal static class ClusterScaling
{
    public static int Run(string[] args)
    {
        // The corpus is the one argument that is neither an option nor an option's value.
        string root = args.Where((a, i) => !a.StartsWith("--", StringComparison.Ordinal) && (i == 0 || !args[i - 1].StartsWith("--", StringComparison.Ordinal))).FirstOrDefault()
            ?? Environment.GetEnvironmentVariable("VIGIL_NAB_DIR") ?? "../shared/nab";
        string detector = Option(args, "--detector") ?? "htm";
        string? glob = Option(args, "--files");
        string vigil = Path.GetFullPath(Option(args, "--vigil") ?? "vigil");
        string output = Path.GetFullPath(Option(args, "--out") ?? Path.Combine(Path.GetTempPath(), "vigil-cluster-scaling"));
        var silos = Counts(Option(args, "--silos") ?? "1,2,3");
        var machines = Counts(Option(args, "--machines") ?? "1,2,3,4,8,16");
        if (!File.Exists(vigil))
        {
            Console.Error.WriteLine($"--vigil: no vigil launcher at {vigil} (run from the repository root or pass --vigil PATH).");
            return 2;
        }

        Directory.CreateDirectory(output);
        string report = Path.Combine(output, "scaling.md");
        var registry = new DetectorRegistry().AddBuiltInDetectors();
        var files = NabFileSelection.Select(NabCorpus.Load(root), null, glob);
        var runner = new NabRunner(registry);
        int cores = Environment.ProcessorCount;
        Log(report, string.Create(CultureInfo.InvariantCulture,
            $"# cluster-scaling: {detector} over {files.Count} files, {files.Sum(f => (long)f.RowCount):N0} rows; {cores} cores; started {DateTime.UtcNow:u}; load {LoadAverage()}"));

        // Local: every core of this process (the executor nab run uses without --executor).
        var clock = Stopwatch.StartNew();
        var local = runner.Run(detector, null, files, Path.Combine(output, "local"));
        double localWall = clock.Elapsed.TotalSeconds;
        double localJobs = local.Sum(r => r.Elapsed.TotalSeconds);
        Log(report, string.Create(CultureInfo.InvariantCulture, $"local: wall {localWall:F1} s, sum of per-file job times {localJobs:F1} s; load {LoadAverage()}"));
        Log(report, "per-file job seconds (local): " + string.Join(", ", local.OrderByDescending(r => r.Elapsed).Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.File.RelativePath}={r.Elapsed.TotalSeconds:F2}"))));

        var rows = new List<string> { "| executor | wall s | overhead vs local s | overhead % | sum of job times s | connect s | scores equal local |", "| --- | --- | --- | --- | --- | --- | --- |" };
        rows.Add(string.Create(CultureInfo.InvariantCulture, $"| local ({cores} cores) | {localWall:F1} | - | - | {localJobs:F1} | - | - |"));
        double? perJobOverhead = null;
        double[]? siloCosts = null;
        double transport = 0;
        using var redis = RedisServer.Start();
        foreach (int count in silos)
        {
            using var cluster = SiloCluster.Start(vigil, redis.Endpoint, count, output);
            var connectClock = Stopwatch.StartNew();
            var connection = new ClusterConnectionOptions { Redis = redis.Endpoint, ClusterId = cluster.ClusterId };
            var executor = OrleansJobExecutor.ConnectAsync(connection).GetAwaiter().GetResult();
            double connect = connectClock.Elapsed.TotalSeconds;
            clock.Restart();
            var runs = runner.Run(detector, null, files, Path.Combine(output, $"silos-{count}"), executor: executor);
            double wall = clock.Elapsed.TotalSeconds;
            executor.DisposeAsync().AsTask().GetAwaiter().GetResult();
            bool equal = runs.Zip(local).All(p => p.First.Scores.AsSpan().SequenceEqual(p.Second.Scores));
            double jobs = runs.Sum(r => r.Elapsed.TotalSeconds);
            rows.Add(string.Create(CultureInfo.InvariantCulture,
                $"| orleans, {count} silo process{(count == 1 ? "" : "es")} | {wall:F1} | {wall - localWall:+0.0;-0.0} | {100 * (wall - localWall) / localWall:+0.0;-0.0} | {jobs:F1} | {connect:F1} | {(equal ? "yes" : "NO")} |"));
            Log(report, rows[^1] + $" load {LoadAverage()}");
            Log(report, $"per-file job seconds ({count} silo(s)): " + string.Join(", ", runs.OrderByDescending(r => r.Elapsed).Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.File.RelativePath}={r.Elapsed.TotalSeconds:F2}"))));
            if (count == 1)
            {
                // The cluster runs as many jobs at once as local (the silo reports this machine's cores), so the
                // extra wall time spread over each slot's share of the jobs is what one job costs on top of its work.
                perJobOverhead = Math.Max(0, (wall - localWall) * cores / files.Count);
                // Separately: the jobs' own times inside the silo, and the wall time that their schedule does not
                // explain (transfers, scheduling, writing results), per job.
                siloCosts = runs.Select(r => r.Elapsed.TotalSeconds).ToArray();
                transport = Math.Max(0, (wall - Makespan(siloCosts, cores)) * cores / files.Count);
            }
        }

        Log(report, "");
        foreach (var row in rows)
        {
            Log(report, row);
        }

        // Projections for N machines of this machine's cores: (A) the local per-file costs plus the per-job overhead
        // the 1-silo run measured against local; (B) the per-file costs measured inside the silo plus the transport
        // share that the silo's own schedule does not explain.
        double overhead = perJobOverhead ?? 0;
        var costsA = local.Select(r => r.Elapsed.TotalSeconds + overhead).ToArray();
        var costsB = siloCosts?.Select(c => c + transport).ToArray();
        Log(report, "");
        Log(report, string.Create(CultureInfo.InvariantCulture,
            $"Projection: LPT makespan over N × {cores} slots of (A) the {costsA.Length} local per-file costs + {overhead:F2} s per-job overhead (1 silo vs local); (B) the 1-silo run's in-silo per-file costs + {transport:F2} s per-job transport. Longest file: {local.Max(r => r.Elapsed.TotalSeconds):F1} s local, {(siloCosts is null ? double.NaN : siloCosts.Max()):F1} s in the silo."));
        Log(report, "");
        Log(report, "| machines | (A) projected wall s | (A) speed-up vs 1 machine | (B) projected wall s | (B) speed-up vs 1 machine |");
        Log(report, "| --- | --- | --- | --- | --- |");
        foreach (int n in machines)
        {
            double a = Makespan(costsA, n * cores);
            string b = costsB is null ? "- | -" : string.Create(CultureInfo.InvariantCulture, $"{Makespan(costsB, n * cores):F1} | {Makespan(costsB, cores) / Makespan(costsB, n * cores):F2}");
            Log(report, string.Create(CultureInfo.InvariantCulture, $"| {n} | {a:F1} | {Makespan(costsA, cores) / a:F2} | {b} |"));
        }

        Log(report, $"finished {DateTime.UtcNow:u}; load {LoadAverage()}");
        return rows.Skip(3).All(r => r.Contains("| yes |", StringComparison.Ordinal)) ? 0 : 1;
    }

    /// <summary>Longest processing time first: each job, longest first, goes to the slot that frees up first.</summary>
    internal static double Makespan(IReadOnlyList<double> costs, int slots)
    {
        var queue = new PriorityQueue<int, double>();
        for (int s = 0; s < slots; s++)
        {
            queue.Enqueue(s, 0);
        }

        double end = 0;
        foreach (double cost in costs.OrderByDescending(c => c))
        {
            queue.TryDequeue(out int slot, out double free);
            end = Math.Max(end, free + cost);
            queue.Enqueue(slot, free + cost);
        }

        return end;
    }

    private static void Log(string report, string line)
    {
        Console.WriteLine(line);
        File.AppendAllText(report, line + "\n");
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private static int[] Counts(string list) => list.Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();

    private static string? Option(string[] args, string name)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>A throw-away redis-server on loopback (no persistence), stopped on dispose.</summary>
    private sealed class RedisServer : IDisposable
    {
        private readonly Process _process;

        private RedisServer(Process process, string endpoint)
        {
            _process = process;
            Endpoint = endpoint;
        }

        public string Endpoint { get; }

        public static RedisServer Start()
        {
            int port = FreePort();
            var process = Process.Start(new ProcessStartInfo("redis-server", ["--bind", "127.0.0.1", "--port", port.ToString(CultureInfo.InvariantCulture), "--save", "", "--appendonly", "no"])
            {
                RedirectStandardOutput = true,
                UseShellExecute = false,
            }) ?? throw new InvalidOperationException("redis-server did not start.");
            process.BeginOutputReadLine();
            for (int i = 0; i < 100; i++)
            {
                try
                {
                    using var client = new TcpClient();
                    client.Connect(IPAddress.Loopback, port);
                    break;
                }
                catch (SocketException)
                {
                    Thread.Sleep(100);
                }
            }

            return new RedisServer(process, $"127.0.0.1:{port}");
        }

        public void Dispose()
        {
            _process.Kill();
            _process.WaitForExit();
            _process.Dispose();
        }
    }

    /// <summary>Some <c>vigil cluster silo</c> processes in a fresh cluster id; <c>Start</c> waits until each said "silo ready".</summary>
    private sealed class SiloCluster : IDisposable
    {
        private readonly List<Process> _silos = [];

        private SiloCluster(string clusterId) => ClusterId = clusterId;

        public string ClusterId { get; }

        public static SiloCluster Start(string vigil, string redis, int count, string output)
        {
            var cluster = new SiloCluster($"scaling-{count}-{Guid.NewGuid():N}"[..24]);
            var ready = new List<Task>();
            for (int i = 0; i < count; i++)
            {
                var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                var log = new StringBuilder();
                // A published vigil.dll runs through dotnet (a frozen copy: the ./vigil launcher rebuilds when sources change).
                bool dll = vigil.EndsWith(".dll", StringComparison.OrdinalIgnoreCase);
                var process = Process.Start(new ProcessStartInfo(dll ? "dotnet" : vigil,
                    [.. dll ? [vigil] : Array.Empty<string>(), "cluster", "silo", "--redis", redis, "--cluster-id", cluster.ClusterId, "--port", FreePort().ToString(CultureInfo.InvariantCulture), "--gateway-port", FreePort().ToString(CultureInfo.InvariantCulture)])
                {
                    RedirectStandardOutput = true,
                    RedirectStandardError = true,
                    UseShellExecute = false,
                    WorkingDirectory = output,
                }) ?? throw new InvalidOperationException("vigil cluster silo did not start.");
                process.OutputDataReceived += (_, e) =>
                {
                    if (e.Data?.StartsWith("silo ready", StringComparison.Ordinal) == true)
                    {
                        started.TrySetResult();
                    }
                };
                process.ErrorDataReceived += (_, e) =>
                {
                    lock (log)
                    {
                        log.AppendLine(e.Data);
                    }
                };
                process.EnableRaisingEvents = true;
                process.Exited += (_, _) => started.TrySetException(new InvalidOperationException($"silo exited early: {log}"));
                process.BeginOutputReadLine();
                process.BeginErrorReadLine();
                cluster._silos.Add(process);
                ready.Add(started.Task);
            }

            if (!Task.WaitAll([.. ready], TimeSpan.FromMinutes(5)))
            {
                cluster.Dispose();
                throw new TimeoutException("The silos did not start within 5 minutes.");
            }

            return cluster;
        }

        public void Dispose()
        {
            foreach (var process in _silos)
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                    process.WaitForExit(10_000);
                }

                process.Dispose();
            }
        }
    }
}
