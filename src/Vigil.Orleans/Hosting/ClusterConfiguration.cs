using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Orleans.Configuration;
using Orleans.Connections.Security;
using StackExchange.Redis;

namespace Vigil.Orleans.Hosting;

/// <summary>What silos and clients configure alike: the Redis connection, the cluster ids and TLS.</summary>
internal static class ClusterConfiguration
{
    /// <summary>The service id: one per application, so that Vigil's grain state never mixes with another service's.</summary>
    public const string ServiceId = "vigil";

    /// <summary>Redis client options for <paramref name="options"/>: fail fast (a few seconds) when Redis is unreachable.</summary>
    /// <exception cref="ClusterConnectionException">The Redis CA certificate file is missing or unreadable.</exception>
    public static ConfigurationOptions Redis(ClusterConnectionOptions options)
    {
        var redis = ConfigurationOptions.Parse(options.Redis);
        redis.Password = options.RedisPassword;
        redis.Ssl = options.RedisTls;
        if (options.RedisCaCertificatePath is { } ca)
        {
            TrustRedisIssuer(redis, ca);
        }

        redis.AbortOnConnectFail = true;
        redis.ConnectTimeout = 3000;
        redis.ConnectRetry = 1;
        return redis;
    }

    public static void Cluster(ClusterOptions cluster, ClusterConnectionOptions options)
    {
        cluster.ClusterId = options.ClusterId;
        cluster.ServiceId = ServiceId;
    }

    /// <summary>Trusts the authority in <paramref name="path"/> for Redis' certificate besides the system's authorities,
    /// so that a self-signed Redis certificate need not be installed in the system's store. The host name must still
    /// match, and the chain must end at that authority exactly (a custom root, not "any unknown root").</summary>
    private static void TrustRedisIssuer(ConfigurationOptions redis, string path)
    {
        if (!File.Exists(path))
        {
            throw new ClusterConnectionException($"Redis CA certificate file '{path}' does not exist.");
        }

        X509Certificate2 authority;
        try
        {
            authority = X509CertificateLoader.LoadCertificateFromFile(path);
        }
        catch (CryptographicException e)
        {
            throw new ClusterConnectionException($"Redis CA certificate file '{path}' cannot be read (expected a PEM or DER certificate): {e.Message}", e);
        }

        redis.CertificateValidation += (_, certificate, _, errors) =>
            errors == SslPolicyErrors.None
            || (errors == SslPolicyErrors.RemoteCertificateChainErrors && certificate is not null && IsIssuedBy(certificate, authority));
    }

    private static bool IsIssuedBy(X509Certificate certificate, X509Certificate2 authority)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var leaf = new X509Certificate2(certificate);
        return chain.Build(leaf);
    }

    /// <summary>Loads the TLS certificate, or null when TLS is off.</summary>
    /// <exception cref="ClusterConnectionException">The file is missing, unreadable or the password is wrong.</exception>
    public static X509Certificate2? Certificate(ClusterConnectionOptions options)
    {
        if (options.TlsCertificatePath is null)
        {
            return null;
        }

        if (!File.Exists(options.TlsCertificatePath))
        {
            throw new ClusterConnectionException($"TLS certificate file '{options.TlsCertificatePath}' does not exist.");
        }

        try
        {
            var certificate = X509CertificateLoader.LoadPkcs12FromFile(options.TlsCertificatePath, options.TlsCertificatePassword, X509KeyStorageFlags.Exportable);
            if (!certificate.HasPrivateKey)
            {
                throw new ClusterConnectionException($"TLS certificate file '{options.TlsCertificatePath}' holds no private key; a silo or client needs one to prove who it is.");
            }

            return certificate;
        }
        catch (CryptographicException e)
        {
            throw new ClusterConnectionException($"TLS certificate file '{options.TlsCertificatePath}' cannot be read (wrong password or not a PKCS#12 file): {e.Message}", e);
        }
    }

    /// <summary>
    /// Mutual TLS with certificate pinning: both sides present <paramref name="certificate"/> and accept only a peer whose
    /// certificate is the same one (same thumbprint), so a self-signed certificate shared by the cluster is enough and
    /// a peer without it is refused during the handshake.
    /// </summary>
    public static void Tls(TlsOptions tls, X509Certificate2 certificate)
    {
        tls.LocalCertificate = certificate;
        tls.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
        tls.ClientCertificateMode = RemoteCertificateMode.RequireCertificate;
        tls.HandshakeTimeout = TimeSpan.FromSeconds(5);
        string pinned = certificate.Thumbprint;
        tls.RemoteCertificateValidation = (remote, _, _) =>
            remote is not null && string.Equals(remote.Thumbprint, pinned, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Checks that Redis answers and accepts the password, so that a wrong address or password is one clear message, not a runtime retry loop.</summary>
    /// <exception cref="ClusterConnectionException">Redis cannot be reached or refused the credentials.</exception>
    public static async Task CheckRedisAsync(ClusterConnectionOptions options)
    {
        try
        {
            await using var connection = await ConnectionMultiplexer.ConnectAsync(Redis(options)).ConfigureAwait(false);
            await connection.GetDatabase().PingAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is RedisException or TimeoutException or ArgumentException or System.Net.Sockets.SocketException)
        {
            if (TlsFailure(e) is { } tls)
            {
                throw new ClusterConnectionException(
                    $"Redis at {options.Redis} failed the TLS handshake: {FirstLine(tls.Message)} Trust its certificate with --redis-ca FILE (the authority that signed it, or the self-signed certificate itself) and check that it names the host you connect to.", e);
            }

            bool auth = e.Message.Contains("auth", StringComparison.OrdinalIgnoreCase) || e.Message.Contains("NOAUTH", StringComparison.Ordinal) || e.Message.Contains("WRONGPASS", StringComparison.Ordinal);
            throw new ClusterConnectionException(auth
                ? $"Redis at {options.Redis} refused the credentials: check the password (--redis-password or redis://:PASSWORD@HOST:PORT)."
                : $"Cannot reach Redis at {options.Redis}: {FirstLine(e.Message)} Check that redis-server runs there and the address is right; {TlsHint(options)}", e);
        }
    }

    // A TLS mismatch looks like an unreachable server to the Redis client (the connection just closes), so the message
    // names the TLS setting to check as well.
    private static string TlsHint(ClusterConnectionOptions options) => options.RedisTls
        ? "it was asked for TLS (rediss:// or --redis-tls): check that Redis serves TLS on that port and that its certificate is trusted (--redis-ca FILE for a self-signed one) and names that host."
        : "if Redis accepts only TLS connections, use rediss://HOST:PORT (or --redis-tls).";

    // The Redis client reports an untrusted certificate as an "authentication failure", like a wrong password; the
    // TLS layer's own exception inside tells them apart.
    private static AuthenticationException? TlsFailure(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is AuthenticationException tls)
            {
                return tls;
            }

            if (e is AggregateException many && many.InnerExceptions.Select(TlsFailure).FirstOrDefault(f => f is not null) is { } found)
            {
                return found;
            }
        }

        return null;
    }

    private static string FirstLine(string message)
    {
        int end = message.IndexOfAny(['\r', '\n']);
        string line = end < 0 ? message : message[..end];
        return line.EndsWith('.') ? line : line + ".";
    }
}
