using System.Globalization;
using Vigil.Storage.Sqlite.Tracking;

namespace Vigil.Storage.Sqlite.Tests;

/// <summary>
/// The writer process of <see cref="Tracking.SqliteTrackerConcurrencyTests"/>: <c>dotnet Vigil.Storage.Sqlite.Tests.dll
/// log-metrics ROOT EXPERIMENT COUNT</c> logs COUNT metrics to one run of the store in ROOT and prints the run id.
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args is not ["log-metrics", var root, var experiment, var countText])
        {
            await Console.Error.WriteLineAsync("usage: log-metrics ROOT EXPERIMENT COUNT");
            return 2;
        }

        int count = int.Parse(countText, CultureInfo.InvariantCulture);
        var store = new SqliteTracker(root, TimeProvider.System);
        await using var run = await store.StartRunAsync(experiment, new Dictionary<string, string> { ["pid"] = Environment.ProcessId.ToString(CultureInfo.InvariantCulture) });
        for (int i = 0; i < count; i++)
        {
            run.LogMetric("value", i, i);
        }

        run.Complete();
        Console.WriteLine(run.Id);
        return 0;
    }
}
