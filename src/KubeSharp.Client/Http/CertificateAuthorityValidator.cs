using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace KubeSharp.Client.Http;

/// <summary>
/// Accepts a server certificate only if it chains to the kubeconfig's CA (not the system store) and
/// names the host dialled, as client-go's TLS config does.
/// </summary>
public sealed class CertificateAuthorityValidator(X509Certificate2Collection roots)
{
    public static CertificateAuthorityValidator FromPem(string caPem)
    {
        var roots = new X509Certificate2Collection();
        roots.ImportFromPem(caPem);
        if (roots.Count == 0) throw new InvalidDataException("certificate-authority holds no PEM certificate");
        return new CertificateAuthorityValidator(roots);
    }

    public bool Validate(X509Certificate? certificate, X509Chain? presentedChain, SslPolicyErrors errors)
    {
        if (certificate is null) return false;
        // The host name check is independent of trust; never waive it.
        if ((errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0) return false;

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(roots);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (presentedChain is not null)
            foreach (var element in presentedChain.ChainElements)
                chain.ChainPolicy.ExtraStore.Add(element.Certificate);
        return chain.Build(certificate as X509Certificate2 ?? new X509Certificate2(certificate));
    }
}
