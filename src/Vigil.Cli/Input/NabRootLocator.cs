namespace Vigil.Cli.Input;

/// <summary>Finds the NAB corpus: <c>--nab-root</c>, else the <c>VIGIL_NAB_DIR</c> environment variable.</summary>
public static class NabRootLocator
{
    /// <summary>The environment variable that names the corpus folder.</summary>
    public const string EnvironmentVariable = "VIGIL_NAB_DIR";

    /// <summary>The corpus root folder.</summary>
    /// <exception cref="CliUsageException">Neither is set, or the folder lacks NAB's layout.</exception>
    public static string Resolve(string? option, CliContext context)
    {
        string? root = option ?? context.Environment(EnvironmentVariable);
        if (string.IsNullOrWhiteSpace(root))
        {
            throw new CliUsageException($"The NAB corpus was not found: pass --nab-root DIR or set {EnvironmentVariable} to the folder holding NAB's data/, labels/ and config/ (in this repository's CI: ../shared/nab).");
        }

        root = Path.GetFullPath(root);
        var missing = new[] { "data", "labels", "config" }.Where(d => !Directory.Exists(Path.Combine(root, d))).ToArray();
        if (!Directory.Exists(root) || missing.Length > 0)
        {
            throw new CliUsageException($"'{root}' is not a NAB corpus: missing {(Directory.Exists(root) ? string.Join(", ", missing.Select(m => m + "/")) : "the folder itself")}. Pass --nab-root DIR or set {EnvironmentVariable}.");
        }

        return root;
    }
}
