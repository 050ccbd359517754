namespace Vigil.Experiments.Tracking.Mlflow;

/// <summary>Tracking and artifact URIs.</summary>
public static class MlflowUri
{
    /// <summary>Whether <paramref name="text"/> names an MLflow server (an http or https URI).</summary>
    public static bool IsServer(string? text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    /// <summary>The URI without user information, query or fragment: safe to print and to store.</summary>
    public static string Redact(Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        var builder = new UriBuilder(uri) { UserName = "", Password = "", Query = "", Fragment = "" };
        return builder.Uri.GetLeftPart(UriPartial.Path).TrimEnd('/');
    }

    /// <summary>
    /// The path under the artifact proxy of a run's <c>mlflow-artifacts:</c> artifact URI (<c>mlflow-artifacts:/1/abc/artifacts</c>
    /// or <c>mlflow-artifacts://host:port/1/abc/artifacts</c> give <c>1/abc/artifacts</c>); null for any other scheme.
    /// </summary>
    public static string? ProxiedArtifactPath(string artifactUri)
    {
        const string scheme = "mlflow-artifacts:";
        if (artifactUri is null || !artifactUri.StartsWith(scheme, StringComparison.Ordinal))
        {
            return null;
        }

        string rest = artifactUri[scheme.Length..];
        if (rest.StartsWith("//", StringComparison.Ordinal))
        {
            int slash = rest.IndexOf('/', 2);
            rest = slash < 0 ? "" : rest[slash..];
        }

        return rest.Trim('/');
    }
}
