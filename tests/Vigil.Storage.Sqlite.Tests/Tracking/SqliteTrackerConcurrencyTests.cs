using System.Diagnostics;
using Vigil.Experiments.Tracking;
using Vigil.Storage.Sqlite.Tracking;

namespace Vigil.Storage.Sqlite.Tests.Tracking;

/// <summary>Several processes write to one store at once and nothing is lost.</summary>
public sealed class SqliteTrackerConcurrencyTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("vigil-tracking-mp-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    [Trait("Category", "Integration")]
    public async Task FourProcessesLoggingAThousandMetricsEachLoseNothing()
    {
        const int processes = 4;
        const int metrics = 1000;
        string writer = typeof(Program).Assembly.Location;
        string host = Environment.ProcessPath is { } p && Path.GetFileNameWithoutExtension(p) == "dotnet" ? p : "dotnet";
        var started = Enumerable.Range(0, processes).Select(_ =>
        {
            var start = new ProcessStartInfo(host) { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (string a in new[] { writer, "log-metrics", _root, "concurrent", metrics.ToString(System.Globalization.CultureInfo.InvariantCulture) })
            {
                start.ArgumentList.Add(a);
            }

            return Process.Start(start)!;
        }).ToArray();

        var ids = new List<string>();
        foreach (var process in started)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            string stderr = await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.True(process.ExitCode == 0, $"writer {process.Id} exited {process.ExitCode}: {stderr}");
            ids.Add((await stdout).Trim());
            process.Dispose();
        }

        var store = new SqliteTracker(_root, TimeProvider.System, readOnly: true);
        Assert.Equal("ok", store.CheckIntegrity());
        var runs = store.ListRuns("concurrent");
        Assert.Equal(ids.Order(), runs.Select(r => r.Id).Order());
        Assert.Equal(processes, runs.Select(r => r.Tags["pid"]).Distinct().Count());
        foreach (var run in runs)
        {
            Assert.Equal(RunStatus.Finished, run.Status);
            Assert.Equal(Enumerable.Range(0, metrics).Select(i => (double)i), run.Metrics.Select(m => m.Value));
            Assert.Equal(Enumerable.Range(0, metrics).Select(i => (long)i), run.Metrics.Select(m => m.Step));
        }
    }
}
