using Vigil.Testing;

namespace Vigil.Detectors.Tests;

/// <summary>
/// NAB's published per-row results (<c>results/&lt;detector&gt;/&lt;category&gt;/&lt;detector&gt;_&lt;name&gt;.csv</c>) beside the
/// data files they were computed from: the one reader of the golden data of the numenta, ARTime and contextOSE ports.
/// </summary>
internal static class ShippedResults
{
    /// <summary>Every data file of the corpus, as "category/name.csv", sorted.</summary>
    public static IReadOnlyList<string> DataFiles()
    {
        string data = Path.Combine(NabTestCorpus.Root, "data");
        return Directory.GetFiles(data, "*.csv", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(data, p).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The data rows and the published result rows of <paramref name="relativePath"/> (headers and blank lines dropped), checked to be as many.</summary>
    /// <param name="relativePath">"category/name.csv".</param>
    /// <param name="detector">The results folder and file prefix, e.g. <c>numenta</c>, <c>ARTime</c>, <c>contextOSE</c>.</param>
    public static (string[] Data, string[] Results) Rows(string relativePath, string detector)
    {
        string root = NabTestCorpus.Root;
        string category = Path.GetDirectoryName(relativePath)!;
        string name = Path.GetFileName(relativePath);
        var data = File.ReadAllLines(Path.Combine(root, "data", relativePath)).Skip(1).Where(l => l.Length > 0).ToArray();
        var results = File.ReadAllLines(Path.Combine(root, "results", detector, category, detector + "_" + name)).Skip(1).Where(l => l.Length > 0).ToArray();
        if (data.Length != results.Length)
        {
            throw new InvalidDataException($"{relativePath}: {data.Length} data rows but {results.Length} {detector} result rows.");
        }

        return (data, results);
    }
}
