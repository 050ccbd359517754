using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Vigil.Cli.Tests.Commands;

/// <summary>Silo processes (<c>vigil cluster silo</c>) on loopback, on free ports, in their own cluster id; killed on dispose.</summary>
internal sealed class SiloProcesses : IDisposable
{
    private readonly List<Process> _silos = [];
    private readonly List<System.Text.StringBuilder> _logs = [];

    public SiloProcesses(string redis, int count, string workingDirectory, params string[] extra)
    {
        Redis = redis;
        ClusterId = "test-" + Guid.NewGuid().ToString("N")[..12];
        for (int i = 0; i < count; i++)
        {
            var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var log = new System.Text.StringBuilder();
            var p = VigilProcess.Start(workingDirectory, ["cluster", "silo", "--redis", redis, "--cluster-id", ClusterId, "--port", FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture), "--gateway-port", FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture), .. extra]);
            p.OutputDataReceived += (_, e) =>
            {
                if (e.Data?.StartsWith("silo ready", StringComparison.Ordinal) == true)
                {
                    ready.TrySetResult();
                }
            };
            p.ErrorDataReceived += (_, e) =>
            {
                lock (log)
                {
                    log.AppendLine(e.Data);
                }
            };
            p.EnableRaisingEvents = true;
            p.Exited += (_, _) => ready.TrySetException(new InvalidOperationException($"silo {i} exited with {p.ExitCode}: {log}"));
            p.BeginOutputReadLine();
            p.BeginErrorReadLine();
            _silos.Add(p);
            _logs.Add(log);
            Ready.Add(ready.Task);
        }
    }

    public string Redis { get; }

    public string ClusterId { get; }

    public List<Task> Ready { get; } = [];

    public string Url => $"redis://{Redis}";

    /// <summary>Waits until every silo said it joined (a busy machine takes a while to start three runtimes).</summary>
    public void WaitReady(TimeSpan timeout) => Assert.True(Task.WaitAll([.. Ready], timeout), "silos did not start in time: " + string.Join("\n", _logs));

    /// <summary>SIGKILLs silo <paramref name="index"/>: no goodbye to the cluster.</summary>
    public void Kill(int index) => _silos[index].Kill();

    public void Dispose()
    {
        foreach (var p in _silos)
        {
            try
            {
                if (!p.HasExited)
                {
                    p.Kill();
                    p.WaitForExit(5000);
                }
            }
            catch (InvalidOperationException)
            {
                // already gone
            }

            p.Dispose();
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
