using Vigil.Evaluation.Nab;
using Xunit.Abstractions;

namespace Vigil.Evaluation.Tests;

/// <summary>
/// Finds the NAB corpus: <c>VIGIL_NAB_DIR</c> (relative paths resolved against the repository root, then the
/// current directory), else <c>../shared/nab</c> next to the repository root (the folder holding Vigil.slnx).
/// When it is missing a test fails under <c>CI=true</c> and otherwise returns early with a message.
/// The corpus and the numenta results are loaded once per test run.
/// </summary>
internal static class NabCorpusFixture
{
    private static readonly Lazy<string?> RootLazy = new(Locate);
    private static readonly Lazy<NabCorpus> CorpusLazy = new(() => NabCorpus.Load(RootLazy.Value!));
    private static readonly Lazy<NabDetectorResults> NumentaLazy = new(() => NabDetectorResults.Load(Corpus, Corpus.ResultsRoot, "numenta"));

    public static NabCorpus Corpus => CorpusLazy.Value;

    public static NabDetectorResults Numenta => NumentaLazy.Value;

    public static string Root => RootLazy.Value!;

    /// <summary>True when the corpus is present; false (after writing why) when it is not and this is not CI.</summary>
    public static bool IsAvailable(ITestOutputHelper output)
    {
        if (RootLazy.Value is not null)
        {
            return true;
        }

        string message = $"NAB corpus not found (VIGIL_NAB_DIR='{Environment.GetEnvironmentVariable("VIGIL_NAB_DIR")}', fallback ../shared/nab next to the repository root); test skipped.";
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail(message.Replace("test skipped", "required when CI=true"));
        }

        output.WriteLine(message);
        return false;
    }

    public static string? RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Vigil.slnx")))
            {
                return dir.FullName;
            }
        }

        return null;
    }

    private static string? Locate()
    {
        string? repo = RepositoryRoot();
        string? configured = Environment.GetEnvironmentVariable("VIGIL_NAB_DIR");
        var candidates = new List<string>();
        if (!string.IsNullOrWhiteSpace(configured))
        {
            if (Path.IsPathRooted(configured))
            {
                candidates.Add(configured);
            }
            else
            {
                if (repo is not null)
                {
                    candidates.Add(Path.Combine(repo, configured));
                }

                candidates.Add(Path.Combine(Directory.GetCurrentDirectory(), configured));
            }
        }
        else if (repo is not null)
        {
            candidates.Add(Path.Combine(repo, "..", "shared", "nab"));
        }

        foreach (string candidate in candidates)
        {
            if (Directory.Exists(Path.Combine(candidate, "data")))
            {
                return Path.GetFullPath(candidate);
            }
        }

        return null;
    }
}
