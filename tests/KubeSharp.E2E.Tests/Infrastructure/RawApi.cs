using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;

namespace KubeSharp.E2E.Tests.Infrastructure;

/// <summary>A bare HTTPS client with the admin certificate, for requests kubectl would never send.</summary>
public sealed class RawApi : IDisposable
{
    readonly HttpClient _http;

    public RawApi(KubeSharpServer server)
    {
        var config = File.ReadAllLines(server.KubeconfigPath);
        string Field(string name) => Encoding.UTF8.GetString(Convert.FromBase64String(config.First(l => l.Trim().StartsWith(name + ":", StringComparison.Ordinal)).Split(':', 2)[1].Trim()));
        var ca = X509Certificate2.CreateFromPem(Field("certificate-authority-data"));
        using var pem = X509Certificate2.CreateFromPem(Field("client-certificate-data"), Field("client-key-data"));
        var client = X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
        var handler = new SocketsHttpHandler();
        handler.SslOptions.ClientCertificates = [client];
        handler.SslOptions.RemoteCertificateValidationCallback = (_, cert, _, _) =>
        {
            if (cert is null) return false;
            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.Add(ca);
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            return chain.Build(new X509Certificate2(cert));
        };
        _http = new HttpClient(handler) { BaseAddress = new Uri($"https://127.0.0.1:{server.Port}"), Timeout = TimeSpan.FromSeconds(30) };
    }

    public async Task<(int Status, string Body)> SendAsync(HttpMethod method, string path, byte[]? body = null, string? contentType = "application/json")
    {
        using var req = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            req.Content = new ByteArrayContent(body);
            if (contentType is not null) req.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }
        using var resp = await _http.SendAsync(req);
        return ((int)resp.StatusCode, await resp.Content.ReadAsStringAsync());
    }

    public Task<(int Status, string Body)> SendAsync(HttpMethod method, string path, string body, string? contentType = "application/json") =>
        SendAsync(method, path, Encoding.UTF8.GetBytes(body), contentType);

    public async Task<JsonObject> GetJsonAsync(string path)
    {
        var (status, body) = await SendAsync(HttpMethod.Get, path);
        if (status != 200) throw new InvalidOperationException($"GET {path}: {status} {body}");
        return (JsonObject)JsonNode.Parse(body)!;
    }

    public void Dispose() => _http.Dispose();
}
