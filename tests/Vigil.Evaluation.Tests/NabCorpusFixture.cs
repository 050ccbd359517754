using Vigil.Evaluation.Nab;
using Vigil.Testing;

namespace Vigil.Evaluation.Tests;

/// <summary>
/// The NAB corpus (located by <see cref="NabTestCorpus"/>; tests that use it are <see cref="NabFactAttribute"/>s)
/// and the published numenta results, loaded once per test run.
/// </summary>
internal static class NabCorpusFixture
{
    private static readonly Lazy<NabCorpus> CorpusLazy = new(() => NabCorpus.Load(NabTestCorpus.Root));
    private static readonly Lazy<NabDetectorResults> NumentaLazy = new(() => NabDetectorResults.Load(Corpus, Corpus.ResultsRoot, "numenta"));

    public static NabCorpus Corpus => CorpusLazy.Value;

    public static NabDetectorResults Numenta => NumentaLazy.Value;

    public static string Root => NabTestCorpus.Root;
}
