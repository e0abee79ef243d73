using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace KubeSharp.Client.Tests.Http;

/// <summary>A throw-away CA with a server certificate for 127.0.0.1/localhost and a client certificate.</summary>
sealed class TestPki
{
    public required X509Certificate2 Ca { get; init; }
    public required X509Certificate2 Server { get; init; }
    public required string CaPem { get; init; }
    public required string ClientCertPem { get; init; }
    public required string ClientKeyPem { get; init; }

    public static TestPki Create(string caName = "CN=test-ca")
    {
        var now = DateTimeOffset.UtcNow;
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caReq = new CertificateRequest(caName, caKey, HashAlgorithmName.SHA256);
        caReq.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caReq.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign, true));
        caReq.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caReq.PublicKey, false));
        var ca = caReq.CreateSelfSigned(now.AddDays(-1), now.AddDays(1));

        var server = Issue(ca, "CN=kube-apiserver", serverAuth: true, out _);
        var client = Issue(ca, "CN=admin, O=system:masters", serverAuth: false, out var clientKeyPem);
        return new TestPki
        {
            Ca = ca,
            Server = server,
            CaPem = ca.ExportCertificatePem(),
            ClientCertPem = client.ExportCertificatePem(),
            ClientKeyPem = clientKeyPem,
        };
    }

    static X509Certificate2 Issue(X509Certificate2 ca, string subject, bool serverAuth, out string keyPem)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var req = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        req.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        req.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        req.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [serverAuth ? new Oid("1.3.6.1.5.5.7.3.1") : new Oid("1.3.6.1.5.5.7.3.2")], false));
        if (serverAuth)
        {
            var san = new SubjectAlternativeNameBuilder();
            san.AddIpAddress(IPAddress.Loopback);
            san.AddDnsName("localhost");
            req.CertificateExtensions.Add(san.Build());
        }
        var serial = RandomNumberGenerator.GetBytes(12);
        using var cert = req.Create(ca, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddHours(12), serial);
        keyPem = key.ExportPkcs8PrivateKeyPem();
        return X509Certificate2.CreateFromPem(cert.ExportCertificatePem(), keyPem);
    }
}
