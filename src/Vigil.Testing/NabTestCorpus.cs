namespace Vigil.Testing;

/// <summary>
/// Locates the NAB corpus for tests: <c>VIGIL_NAB_DIR</c> (a relative path is taken from the repository root),
/// else <c>../shared/nab</c> beside the repository. When it is missing, tests marked <see cref="NabFactAttribute"/>
/// are skipped with a message, except under <c>CI=true</c>, where they fail with that message.
/// </summary>
public static class NabTestCorpus
{
    private static readonly Lazy<string?> Located = new(Locate);

    /// <summary>Whether the test run is CI (<c>CI=true</c>), where a missing corpus is a failure.</summary>
    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>The corpus root, or null when it cannot be found.</summary>
    public static string? TryRoot => Located.Value;

    /// <summary>Why the corpus is missing, for skip and failure messages.</summary>
    public static string MissingMessage =>
        "NAB corpus not found: set VIGIL_NAB_DIR to the folder holding NAB's data/, labels/ and config/ (CI uses ../shared/nab).";

    /// <summary>The corpus root.</summary>
    /// <exception cref="InvalidOperationException">The corpus is missing (the message says how to provide it).</exception>
    public static string Root => Located.Value ?? throw new InvalidOperationException(MissingMessage);

    /// <summary>The repository root (the folder holding Vigil.slnx), found from the test assembly's folder.</summary>
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
        string? candidate = configured is { Length: > 0 }
            ? (Path.IsPathRooted(configured) ? configured : Path.Combine(repo ?? Directory.GetCurrentDirectory(), configured))
            : repo is null ? null : Path.Combine(repo, "..", "shared", "nab");
        return candidate is not null && Directory.Exists(Path.Combine(candidate, "data")) && Directory.Exists(Path.Combine(candidate, "labels"))
            ? Path.GetFullPath(candidate)
            : null;
    }
}
