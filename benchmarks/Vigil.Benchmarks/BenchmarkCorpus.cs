namespace Vigil.Benchmarks;

/// <summary>Finds the NAB corpus for benchmarks: $VIGIL_NAB_DIR, else ../shared/nab beside the repository.</summary>
internal static class BenchmarkCorpus
{
    public static string Root()
    {
        string? configured = Environment.GetEnvironmentVariable("VIGIL_NAB_DIR");
        if (!string.IsNullOrEmpty(configured))
        {
            return Path.GetFullPath(configured);
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Vigil.slnx")))
            {
                return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "nab"));
            }
        }

        throw new InvalidOperationException("NAB corpus not found: set VIGIL_NAB_DIR.");
    }
}
