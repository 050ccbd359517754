namespace Vigil.Orleans.Hosting;

/// <summary>How silos and clients find and join a Vigil cluster: the Redis membership table and the shared secrets.</summary>
public sealed record ClusterConnectionOptions
{
    /// <summary>Redis endpoint of the membership table, <c>HOST:PORT</c>.</summary>
    public required string Redis { get; init; }

    /// <summary>Redis password (<c>requirepass</c>); null = none.</summary>
    public string? RedisPassword { get; init; }

    /// <summary>Connect to Redis over TLS.</summary>
    public bool RedisTls { get; init; }

    /// <summary>A PEM or DER certificate file of the authority that signed Redis' TLS certificate (or that self-signed
    /// certificate itself), trusted in addition to the system's authorities; null = the system's only.</summary>
    public string? RedisCaCertificatePath { get; init; }

    /// <summary>Orleans cluster id: silos and clients with the same id (and Redis) form one cluster.</summary>
    public string ClusterId { get; init; } = "vigil";

    /// <summary>A PKCS#12 (.pfx) certificate file; when set, every silo-to-silo and client connection uses TLS and the
    /// other side must present this same certificate.</summary>
    public string? TlsCertificatePath { get; init; }

    /// <summary>Password of <see cref="TlsCertificatePath"/>; null = none.</summary>
    public string? TlsCertificatePassword { get; init; }

    /// <summary>Receives warning and error log lines of the Orleans runtime (null = dropped).</summary>
    public Action<string>? Log { get; init; }

    /// <summary>Parses <c>redis://[:PASSWORD@]HOST:PORT</c> (or <c>rediss://</c> for TLS) into options.</summary>
    /// <param name="url">The cluster URL, as given to <c>--cluster</c> or <c>VIGIL_CLUSTER</c>.</param>
    /// <exception cref="FormatException">The URL is not of that form; the message shows the expected form.</exception>
    public static ClusterConnectionOptions FromUrl(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        const string Expected = "expected redis://HOST:PORT (or rediss://HOST:PORT for TLS, redis://:PASSWORD@HOST:PORT with a password)";
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("redis" or "rediss") || string.IsNullOrEmpty(uri.Host) || uri.Port <= 0)
        {
            throw new FormatException($"Cluster URL '{url}' is not valid: {Expected}.");
        }

        if (uri.AbsolutePath is not ("" or "/") || uri.Query.Length > 0)
        {
            throw new FormatException($"Cluster URL '{url}' has a path or query; {Expected}.");
        }

        string? password = null;
        if (uri.UserInfo.Length > 0)
        {
            string info = Uri.UnescapeDataString(uri.UserInfo);
            password = info.StartsWith(':') ? info[1..] : info;
        }

        return new ClusterConnectionOptions
        {
            Redis = $"{uri.Host}:{uri.Port}",
            RedisPassword = password,
            RedisTls = uri.Scheme == "rediss",
        };
    }
}
