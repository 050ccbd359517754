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
    public static ConfigurationOptions Redis(ClusterConnectionOptions options)
    {
        var redis = ConfigurationOptions.Parse(options.Redis);
        redis.Password = options.RedisPassword;
        redis.Ssl = options.RedisTls;
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
            bool auth = e.Message.Contains("auth", StringComparison.OrdinalIgnoreCase) || e.Message.Contains("NOAUTH", StringComparison.Ordinal) || e.Message.Contains("WRONGPASS", StringComparison.Ordinal);
            throw new ClusterConnectionException(auth
                ? $"Redis at {options.Redis} refused the credentials: check the password (--redis-password or redis://:PASSWORD@HOST:PORT)."
                : $"Cannot reach Redis at {options.Redis}: {FirstLine(e.Message)} Check that redis-server runs there and the address is right.", e);
        }
    }

    private static string FirstLine(string message)
    {
        int end = message.IndexOfAny(['\r', '\n']);
        string line = end < 0 ? message : message[..end];
        return line.EndsWith('.') ? line : line + ".";
    }
}
