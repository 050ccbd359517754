using Vigil.Evaluation.Nab;

namespace Vigil.Cli.Commands;

/// <summary>Applies <c>--category</c> and <c>--files</c> to the corpus (<see cref="NabFileSelection"/>).</summary>
public static class NabSelection
{
    /// <summary>The selected files, in corpus order.</summary>
    /// <exception cref="NabScoringException">Unknown category or a glob that matches no file (a usage error).</exception>
    public static IReadOnlyList<NabDataFile> Select(NabCorpus corpus, string? category, string? glob) => NabFileSelection.Select(corpus, category, glob);
}
