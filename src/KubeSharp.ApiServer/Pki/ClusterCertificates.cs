using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace KubeSharp.ApiServer.Pki;

/// <summary>
/// The cluster's certificates: a CA, the API server's serving certificate and an admin client
/// certificate, created once in <c>DATA_DIR/tls</c> and reused on every later start.
/// </summary>
public sealed class ClusterCertificates
{
    public required X509Certificate2 CaCertificate { get; init; }
    public required string CaPem { get; init; }
    public required X509Certificate2 ServingCertificate { get; init; }
    public required string AdminCertPem { get; init; }
    public required string AdminKeyPem { get; init; }
    /// <summary>The CA's key, kept so that later components (node agents, service accounts) can be issued certificates.</summary>
    public required ECDsa CaKey { get; init; }

    public static ClusterCertificates LoadOrCreate(string tlsDir, IEnumerable<string> extraSans)
    {
        Directory.CreateDirectory(tlsDir);
        var caCertPath = Path.Combine(tlsDir, "ca.crt");
        var caKeyPath = Path.Combine(tlsDir, "ca.key");
        if (!File.Exists(caCertPath) || !File.Exists(caKeyPath))
        {
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var req = new CertificateRequest("CN=kubesharp-ca", key, HashAlgorithmName.SHA256);
            req.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
            req.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign | X509KeyUsageFlags.DigitalSignature, true));
            req.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(req.PublicKey, false));
            using var ca = req.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(10));
            WriteSecret(caKeyPath, key.ExportPkcs8PrivateKeyPem());
            File.WriteAllText(caCertPath, ca.ExportCertificatePem());
        }
        var caPem = File.ReadAllText(caCertPath);
        var caKey = ECDsa.Create();
        caKey.ImportFromPem(File.ReadAllText(caKeyPath));
        var caCert = X509Certificate2.CreateFromPem(caPem);

        var sans = new SortedSet<string>(StringComparer.Ordinal)
        {
            "127.0.0.1", "::1", "localhost", "kubernetes", "kubernetes.default", "kubernetes.default.svc", "kubernetes.default.svc.cluster.local",
        };
        try
        {
            sans.Add(Dns.GetHostName());
            foreach (var a in Dns.GetHostAddresses(Dns.GetHostName())) sans.Add(a.ToString());
        }
        catch (System.Net.Sockets.SocketException) { /* a host without a resolvable name still gets loopback SANs */ }
        foreach (var s in extraSans) sans.Add(s);

        var serving = LoadOrIssue(tlsDir, "serving", caCert, caKey, "CN=kube-apiserver", sans, serverAuth: true);
        var admin = LoadOrIssuePem(tlsDir, "admin", caCert, caKey, "CN=admin, O=system:masters", [], serverAuth: false);
        return new ClusterCertificates
        {
            CaCertificate = caCert,
            CaPem = caPem,
            CaKey = caKey,
            ServingCertificate = serving,
            AdminCertPem = admin.Cert,
            AdminKeyPem = admin.Key,
        };
    }

    static X509Certificate2 LoadOrIssue(string dir, string name, X509Certificate2 ca, ECDsa caKey, string subject, IEnumerable<string> sans, bool serverAuth)
    {
        var (cert, key) = LoadOrIssuePem(dir, name, ca, caKey, subject, sans, serverAuth);
        using var ephemeral = X509Certificate2.CreateFromPem(cert, key);
        // Kestrel needs a certificate whose key is usable by SslStream; re-importing as PKCS#12 gives that on every platform.
        return X509CertificateLoader.LoadPkcs12(ephemeral.Export(X509ContentType.Pkcs12), null);
    }

    static (string Cert, string Key) LoadOrIssuePem(string dir, string name, X509Certificate2 ca, ECDsa caKey, string subject, IEnumerable<string> sans, bool serverAuth)
    {
        var certPath = Path.Combine(dir, name + ".crt");
        var keyPath = Path.Combine(dir, name + ".key");
        var sanList = sans.ToList();
        var sanStamp = Path.Combine(dir, name + ".sans");
        var wanted = string.Join(",", sanList);
        if (File.Exists(certPath) && File.Exists(keyPath) && (!serverAuth || (File.Exists(sanStamp) && File.ReadAllText(sanStamp) == wanted)))
            return (File.ReadAllText(certPath), File.ReadAllText(keyPath));

        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var req = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        req.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        req.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        req.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [serverAuth ? new Oid("1.3.6.1.5.5.7.3.1") : new Oid("1.3.6.1.5.5.7.3.2")], false));
        if (sanList.Count > 0)
        {
            var b = new SubjectAlternativeNameBuilder();
            foreach (var s in sanList)
            {
                if (IPAddress.TryParse(s, out var ip)) b.AddIpAddress(ip); else b.AddDnsName(s);
            }
            req.CertificateExtensions.Add(b.Build());
        }
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7f;
        using var cert = req.Create(ca.SubjectName, X509SignatureGenerator.CreateForECDsa(caKey), DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(5), serial);
        var certPem = cert.ExportCertificatePem();
        var keyPem = key.ExportPkcs8PrivateKeyPem();
        File.WriteAllText(certPath, certPem);
        WriteSecret(keyPath, keyPem);
        if (serverAuth) File.WriteAllText(sanStamp, wanted);
        return (certPem, keyPem);
    }

    static void WriteSecret(string path, string content)
    {
        File.WriteAllText(path, content);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    /// <summary>True if the presented client certificate was issued by the cluster CA.</summary>
    public bool IsIssuedByCluster(X509Certificate2 client)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(CaCertificate);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationFlags = X509VerificationFlags.IgnoreWrongUsage;
        return chain.Build(client);
    }
}
