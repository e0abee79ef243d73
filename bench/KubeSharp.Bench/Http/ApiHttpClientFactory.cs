using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace KubeSharp.Bench.Http;

/// <summary>
/// HTTPS clients that authenticate with the kubeconfig's client certificate and trust only its CA,
/// the way kubectl does — no "insecure skip verify".
/// </summary>
public sealed class ApiHttpClientFactory(Kubeconfig kubeconfig, Uri server, bool http11) : IDisposable
{
    readonly X509Certificate2 clientCertificate = X509Certificate2.CreateFromPem(kubeconfig.ClientCertPem, kubeconfig.ClientKeyPem);
    readonly X509Certificate2 authority = X509Certificate2.CreateFromPem(kubeconfig.CaPem);

    public Uri Server => server;

    /// <summary>A client with its own connection pool, so that heavy watch traffic does not share sockets with writers.</summary>
    public HttpClient Create() => new(CreateHandler(), disposeHandler: true)
    {
        BaseAddress = server,
        DefaultRequestVersion = http11 ? HttpVersion.Version11 : HttpVersion.Version20,
        // Exact: a silent fall-back to HTTP/1.1 would change what is measured.
        DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        Timeout = Timeout.InfiniteTimeSpan,
    };

    SocketsHttpHandler CreateHandler() => new()
    {
        // The server caps concurrent streams per HTTP/2 connection (100 for Kestrel); 100 watchers plus
        // writers need more than one connection.
        EnableMultipleHttp2Connections = true,
        MaxConnectionsPerServer = int.MaxValue,
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
        AutomaticDecompression = DecompressionMethods.None,
        UseCookies = false,
        UseProxy = false,
        SslOptions = new SslClientAuthenticationOptions
        {
            ClientCertificates = [clientCertificate],
            RemoteCertificateValidationCallback = (_, certificate, _, errors) => IsTrusted(certificate, errors),
        },
    };

    bool IsTrusted(X509Certificate? certificate, SslPolicyErrors errors)
    {
        // The chain is checked below against the cluster CA alone; a wrong host name is never accepted.
        if (certificate is null || (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != SslPolicyErrors.None) return false;
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(certificate as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(certificate.GetRawCertData()));
    }

    public void Dispose()
    {
        clientCertificate.Dispose();
        authority.Dispose();
    }
}
