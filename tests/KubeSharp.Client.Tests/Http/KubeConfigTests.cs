using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using KubeSharp.Client.Http;

namespace KubeSharp.Client.Tests.Http;

public sealed class KubeConfigTests
{
    static string B64(string s) => Convert.ToBase64String(Encoding.UTF8.GetBytes(s));

    [Fact]
    public void Resolves_the_current_context_with_inline_data()
    {
        var yaml = $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: other
              cluster:
                server: https://other:1
            - name: kubesharp
              cluster:
                server: https://127.0.0.1:6443
                certificate-authority-data: {B64("CA PEM")}
            users:
            - name: admin
              user:
                client-certificate-data: {B64("CERT PEM")}
                client-key-data: {B64("KEY PEM")}
            - name: robot
              user:
                token: abc.def
            contexts:
            - name: kubesharp
              context:
                cluster: kubesharp
                user: admin
                namespace: team-a
            - name: bot
              context:
                cluster: other
                user: robot
            current-context: kubesharp
            preferences: []
            """;

        var config = KubeConfig.Parse(yaml);
        Assert.Equal(new Uri("https://127.0.0.1:6443"), config.Server);
        Assert.Equal("CA PEM", config.CertificateAuthorityPem);
        Assert.Equal("CERT PEM", config.ClientCertificatePem);
        Assert.Equal("KEY PEM", config.ClientKeyPem);
        Assert.Equal("team-a", config.Namespace);
        Assert.Null(config.Token);

        var bot = KubeConfig.Parse(yaml, "bot");
        Assert.Equal("abc.def", bot.Token);
        Assert.Equal(new Uri("https://other:1"), bot.Server);
        Assert.Null(bot.Namespace);

        Assert.Throws<InvalidDataException>(() => KubeConfig.Parse(yaml, "missing"));
    }

    [Fact]
    public void Reads_file_references_relative_to_the_kubeconfig()
    {
        var dir = Directory.CreateTempSubdirectory();
        try
        {
            File.WriteAllText(Path.Combine(dir.FullName, "ca.crt"), "CA FROM FILE");
            File.WriteAllText(Path.Combine(dir.FullName, "config"), """
                clusters:
                - name: c
                  cluster: {server: "https://h:1", certificate-authority: ca.crt}
                users:
                - name: u
                  user: {token: t}
                contexts:
                - name: x
                  context: {cluster: c, user: u}
                current-context: x
                """);
            var config = KubeConfig.LoadFile(Path.Combine(dir.FullName, "config"));
            Assert.Equal("CA FROM FILE", config.CertificateAuthorityPem);
            Assert.Equal("t", config.Token);
        }
        finally { dir.Delete(recursive: true); }
    }

    [Fact]
    public void Server_certificates_must_chain_to_the_configured_CA_and_match_the_host()
    {
        var pki = TestPki.Create();
        var stranger = TestPki.Create("CN=other-ca");
        var validator = CertificateAuthorityValidator.FromPem(pki.CaPem);

        Assert.True(validator.Validate(pki.Server, null, SslPolicyErrors.RemoteCertificateChainErrors));
        Assert.False(validator.Validate(stranger.Server, null, SslPolicyErrors.RemoteCertificateChainErrors));
        Assert.False(validator.Validate(pki.Server, null, SslPolicyErrors.RemoteCertificateNameMismatch));
        Assert.False(validator.Validate(null, null, SslPolicyErrors.None));
    }

    [Fact]
    public void The_handler_presents_the_client_certificate_with_its_key()
    {
        var pki = TestPki.Create();
        using var handler = ApiHandlerFactory.Create(new KubeConfig
        {
            Server = new Uri("https://127.0.0.1:1"),
            CertificateAuthorityPem = pki.CaPem,
            ClientCertificatePem = pki.ClientCertPem,
            ClientKeyPem = pki.ClientKeyPem,
        });
        var cert = Assert.IsType<X509Certificate2>(Assert.Single(handler.SslOptions.ClientCertificates!.Cast<X509Certificate>()));
        Assert.True(cert.HasPrivateKey);
        Assert.Contains("CN=admin", cert.Subject);
        Assert.NotNull(handler.SslOptions.RemoteCertificateValidationCallback);
        Assert.Contains(SslApplicationProtocol.Http2, handler.SslOptions.ApplicationProtocols!);
    }
}
