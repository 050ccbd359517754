namespace Vigil.Experiments.Tracking;

/// <summary>Checks and normalises artifact paths so no artifact can be written outside its run's folder.</summary>
public static class ArtifactPath
{
    /// <summary>Returns <paramref name="relativePath"/> with forward slashes.</summary>
    /// <exception cref="ArgumentException">The path is empty, rooted, or has an empty, <c>.</c> or <c>..</c> segment.</exception>
    public static string Normalize(string relativePath)
    {
        ArgumentNullException.ThrowIfNull(relativePath);
        string path = relativePath.Replace('\\', '/');
        if (path.Length == 0 || path.StartsWith('/') || Path.IsPathRooted(relativePath)
            || path.Split('/').Any(s => s.Length == 0 || s == "." || s == ".." || s.Contains(':', StringComparison.Ordinal)))
        {
            throw new ArgumentException($"Artifact path '{relativePath}' must be relative, with no empty, '.' or '..' segments.", nameof(relativePath));
        }

        return path;
    }
}
