using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Messaging;

namespace Vigil.Orleans.Hosting;

/// <summary>
/// Tells why a client cannot join when the reason is TLS. Orleans' client treats a gateway that refuses its handshake
/// (or that speaks TLS to a client without a certificate) like an absent gateway and keeps waiting; one TLS handshake
/// of our own with a gateway shows at once whether the certificates differ.
/// </summary>
internal static class GatewayTlsProbe
{
    private static readonly TimeSpan HandshakeTimeout = TimeSpan.FromSeconds(3);

    /// <summary>A message saying how TLS stands between this client and the cluster's gateways, or null when TLS is not
    /// the problem (or the gateways cannot be asked).</summary>
    /// <param name="services">The started (or starting) client's services: the gateway list comes from its membership provider.</param>
    /// <param name="certificate">The client's certificate; null = no TLS.</param>
    /// <param name="ct">Stops probing.</param>
    public static async Task<string?> DiagnoseAsync(IServiceProvider services, X509Certificate2? certificate, CancellationToken ct)
    {
        IList<Uri> gateways;
        try
        {
            gateways = await services.GetRequiredService<IGatewayListProvider>().GetGateways().ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return null;   // the membership table cannot be read now: the join timeout will say so
        }

        foreach (var gateway in gateways.Take(3))
        {
            if (!IPAddress.TryParse(gateway.Host, out var address))
            {
                continue;
            }

            string? refusal = await ProbeAsync(new IPEndPoint(address, gateway.Port), certificate, ct).ConfigureAwait(false);
            if (refusal is not null)
            {
                return refusal;
            }
        }

        return null;
    }

    private static async Task<string?> ProbeAsync(IPEndPoint gateway, X509Certificate2? certificate, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(HandshakeTimeout);
        string? presented = null;
        try
        {
            using var tcp = new TcpClient(gateway.AddressFamily);
            await tcp.ConnectAsync(gateway, timeout.Token).ConfigureAwait(false);
            await using var tls = new SslStream(tcp.GetStream(), leaveInnerStreamOpen: false);
            var options = new SslClientAuthenticationOptions
            {
                TargetHost = "vigil-cluster",
                ClientCertificates = certificate is null ? null : [certificate],
                // Only looks at what the gateway presents; whether it is acceptable is decided below.
                RemoteCertificateValidationCallback = (_, remote, _, _) =>
                {
                    presented = remote?.GetCertHashString();
                    return true;
                },
            };
            await tls.AuthenticateAsClientAsync(options, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is AuthenticationException or IOException or SocketException)
        {
            // The handshake failed; what the gateway presented before that (if anything) says why.
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return null;   // no answer in time (a busy machine): no diagnosis
        }

        if (certificate is null)
        {
            return presented is null ? null
                : $"The cluster uses TLS (the gateway at {gateway} presented a certificate) and this client has none: give the cluster's certificate with --tls-cert FILE (and --tls-password).";
        }

        if (presented is null)
        {
            return $"The gateway at {gateway} does not speak TLS, but this client has --tls-cert: the silos run without TLS (drop --tls-cert, or restart the silos with it).";
        }

        return string.Equals(presented, certificate.GetCertHashString(), StringComparison.OrdinalIgnoreCase) ? null
            : $"The gateway at {gateway} presented another TLS certificate than --tls-cert (thumbprint {presented}, expected {certificate.Thumbprint}): the cluster accepts only clients and silos with its own certificate.";
    }
}
