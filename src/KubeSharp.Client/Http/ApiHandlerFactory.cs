using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace KubeSharp.Client.Http;

/// <summary>Builds the pooled HTTPS handler a kubeconfig describes.</summary>
public static class ApiHandlerFactory
{
    public static SocketsHttpHandler Create(KubeConfig config)
    {
        var ssl = new SslClientAuthenticationOptions
        {
            // h2 first: one connection multiplexes many watches; http/1.1 stays available for servers without h2.
            ApplicationProtocols = [SslApplicationProtocol.Http2, SslApplicationProtocol.Http11],
        };
        if (config.TlsServerName is { } sni) ssl.TargetHost = sni;

        if (config.InsecureSkipTlsVerify)
            ssl.RemoteCertificateValidationCallback = (_, _, _, _) => true;
        else if (config.CertificateAuthorityPem is { } caPem)
        {
            var validator = CertificateAuthorityValidator.FromPem(caPem);
            ssl.RemoteCertificateValidationCallback = (_, cert, chain, errors) => validator.Validate(cert, chain, errors);
        }

        if (config.ClientCertificatePem is { } certPem)
        {
            if (config.ClientKeyPem is not { } keyPem) throw new InvalidDataException("client-certificate given without client-key");
            ssl.ClientCertificates = [X509Certificate2.CreateFromPem(certPem, keyPem)];
        }

        return new SocketsHttpHandler
        {
            SslOptions = ssl,
            EnableMultipleHttp2Connections = true,
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(90),
            PooledConnectionLifetime = TimeSpan.FromMinutes(10),
            MaxConnectionsPerServer = 64,
            KeepAlivePingPolicy = HttpKeepAlivePingPolicy.WithActiveRequests,
            KeepAlivePingDelay = TimeSpan.FromSeconds(30),
            KeepAlivePingTimeout = TimeSpan.FromSeconds(15),
            AutomaticDecompression = DecompressionMethods.None,
            ConnectTimeout = TimeSpan.FromSeconds(30),
        };
    }
}
