namespace Vigil.Reporting;

/// <summary>Finds the detectors that have results in a results folder laid out as NAB's.</summary>
public static class ResultsDiscovery
{
    /// <summary>The names of the folders under <paramref name="resultsRoot"/> holding at least one results CSV (not a <c>_scores.csv</c> table), sorted.</summary>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    public static IReadOnlyList<string> Detectors(string resultsRoot)
    {
        if (!Directory.Exists(resultsRoot))
        {
            throw new DirectoryNotFoundException($"Results folder not found: {resultsRoot}");
        }

        return Directory.GetDirectories(resultsRoot)
            .Where(d => Directory.EnumerateFiles(d, "*.csv", SearchOption.AllDirectories).Any(f => !f.EndsWith("_scores.csv", StringComparison.Ordinal)))
            .Select(d => Path.GetFileName(d)!)
            .Order(StringComparer.Ordinal)
            .ToArray();
    }
}
