using System.Diagnostics;
using System.Globalization;

namespace Vigil.Tuning;

/// <summary>
/// Names a worker process as <c>host/pid/start-ticks</c>, so that another process on the same host can tell whether
/// it still runs: a pid that is gone, or reused by a process started at another time, means the worker died.
/// </summary>
public static class WorkerIdentity
{
    /// <summary>This process's identity.</summary>
    public static string Current { get; } = Describe(Environment.MachineName, Environment.ProcessId, StartTicks(Environment.ProcessId) ?? 0);

    /// <summary>The identity of a given process.</summary>
    public static string Describe(string host, int pid, long startTicks) =>
        string.Create(CultureInfo.InvariantCulture, $"{host}/{pid}/{startTicks}");

    /// <summary>
    /// True when <paramref name="worker"/> names a process of this host that no longer runs; false when it runs, or when
    /// it is on another host (then only its heartbeat can tell).
    /// </summary>
    public static bool IsDeadOnThisHost(string worker)
    {
        ArgumentNullException.ThrowIfNull(worker);
        string[] parts = worker.Split('/');
        if (parts.Length != 3 || parts[0] != Environment.MachineName
            || !int.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out int pid)
            || !long.TryParse(parts[2], NumberStyles.Integer, CultureInfo.InvariantCulture, out long ticks))
        {
            return false;
        }

        long? now = StartTicks(pid);
        // Start times are re-derived from /proc on each read: allow a little rounding between processes.
        return now is null || Math.Abs(now.Value - ticks) > 2 * TimeSpan.TicksPerSecond;
    }

    private static long? StartTicks(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return process.StartTime.ToUniversalTime().Ticks;
        }
        catch (ArgumentException)
        {
            return null;   // no such process
        }
        catch (InvalidOperationException)
        {
            return null;   // exited meanwhile
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return 0;      // exists but unreadable: treat as alive
        }
    }
}
