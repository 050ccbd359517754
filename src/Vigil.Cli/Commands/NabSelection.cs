using Vigil.Evaluation.Nab;

namespace Vigil.Cli.Commands;

/// <summary>Applies <c>--category</c> and <c>--files</c> to the corpus, refusing selections that match nothing.</summary>
public static class NabSelection
{
    /// <summary>The selected files, in corpus order.</summary>
    /// <exception cref="CliUsageException">Unknown category or a glob that matches no file.</exception>
    public static IReadOnlyList<NabDataFile> Select(NabCorpus corpus, string? category, string? glob)
    {
        if (category is not null && corpus.Files.All(f => f.Category != category))
        {
            throw new CliUsageException($"Unknown NAB category '{category}'. Categories: {string.Join(", ", corpus.Files.Select(f => f.Category).Distinct())}.");
        }

        var selected = corpus.Filter(category, glob).ToList();
        if (selected.Count == 0)
        {
            throw new CliUsageException($"--files '{glob}' matches no corpus file (paths look like 'realKnownCause/nyc_taxi.csv').");
        }

        return selected;
    }
}
