namespace Vigil.Evaluation.Nab;

/// <summary>Applies a category and a file glob to the corpus, refusing selections that match nothing.</summary>
public static class NabFileSelection
{
    /// <summary>The selected files, in corpus order.</summary>
    /// <exception cref="NabScoringException">Unknown category or a glob that matches no file.</exception>
    public static IReadOnlyList<NabDataFile> Select(NabCorpus corpus, string? category, string? glob)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        if (category is not null && corpus.Files.All(f => f.Category != category))
        {
            throw new NabScoringException($"Unknown NAB category '{category}'. Categories: {string.Join(", ", corpus.Files.Select(f => f.Category).Distinct())}.");
        }

        var selected = corpus.Filter(category, glob).ToList();
        if (selected.Count == 0)
        {
            throw new NabScoringException($"--files '{glob}' matches no corpus file (paths look like 'realKnownCause/nyc_taxi.csv').");
        }

        return selected;
    }
}
