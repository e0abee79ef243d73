using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using KubeSharp.Api.Errors;
using KubeSharp.Api.Resources;
using KubeSharp.Client.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace KubeSharp.Client.Tests.Http;

/// <summary>The HTTPS client against a real Kestrel server: CA validation, client certificates, HTTP/2, streamed watch.</summary>
public sealed class TlsEndToEndTests : IAsyncLifetime
{
    readonly TestPki _pki = TestPki.Create();
    WebApplication? _app;
    Uri _server = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, listen =>
        {
            listen.Protocols = HttpProtocols.Http1AndHttp2;
            listen.UseHttps(new HttpsConnectionAdapterOptions
            {
                ServerCertificate = _pki.Server,
                ClientCertificateMode = ClientCertificateMode.AllowCertificate,
                ClientCertificateValidation = (cert, _, _) => cert.Issuer == _pki.Ca.Subject,
            });
        }));
        _app = builder.Build();
        _app.MapGet("/api/v1/namespaces/{ns}/pods/{name}", async (HttpContext ctx, string ns, string name) =>
        {
            var who = ctx.Connection.ClientCertificate?.Subject ?? "anonymous";
            if (who == "anonymous")
            {
                ctx.Response.StatusCode = 401;
                await ctx.Response.WriteAsJsonAsync(StatusError.Unauthorized().ToStatus());
                return;
            }
            var pod = new JsonObject
            {
                ["kind"] = "Pod",
                ["metadata"] = new JsonObject
                {
                    ["name"] = name,
                    ["namespace"] = ns,
                    ["annotations"] = new JsonObject { ["protocol"] = ctx.Request.Protocol, ["user"] = who },
                },
            };
            await ctx.Response.WriteAsync(pod.ToJsonString());
        });
        _app.MapGet("/api/v1/pods", async (HttpContext ctx) =>
        {
            ctx.Response.ContentType = "application/json";
            for (var i = 0; i < 3; i++)
            {
                var ev = new JsonObject { ["type"] = "ADDED", ["object"] = new JsonObject { ["kind"] = "Pod", ["metadata"] = new JsonObject { ["name"] = $"p{i}" } } };
                await ctx.Response.WriteAsync(ev.ToJsonString() + "\n");
                await ctx.Response.Body.FlushAsync();
            }
        });
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _server = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
    }

    public async Task DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
    }

    string Kubeconfig(string caPem, bool withClientCert) => $"""
        clusters:
        - name: c
          cluster:
            server: {_server}
            certificate-authority-data: {B64(caPem)}
        users:
        - name: u
          user:
            {(withClientCert ? $"client-certificate-data: {B64(_pki.ClientCertPem)}\n    client-key-data: {B64(_pki.ClientKeyPem)}" : "token: none")}
        contexts:
        - name: x
          context: {"{"}cluster: c, user: u{"}"}
        current-context: x
        """;

    static string B64(string s) => Convert.ToBase64String(Encoding.UTF8.GetBytes(s));

    [Fact]
    public async Task Presents_the_client_certificate_over_http2()
    {
        using var client = HttpApiClient.FromKubeConfig(KubeConfig.Parse(Kubeconfig(_pki.CaPem, withClientCert: true)));
        var pod = await client.GetAsync(new GroupVersionResource("", "v1", "pods"), "ns", "web");
        Assert.Equal("HTTP/2", pod["metadata"]!["annotations"]!["protocol"]!.GetValue<string>());
        Assert.Contains("CN=admin", pod["metadata"]!["annotations"]!["user"]!.GetValue<string>());
    }

    [Fact]
    public async Task Without_a_client_certificate_the_server_status_is_thrown()
    {
        using var client = HttpApiClient.FromKubeConfig(KubeConfig.Parse(Kubeconfig(_pki.CaPem, withClientCert: false)));
        var e = await Assert.ThrowsAsync<StatusError>(() => client.GetAsync(new GroupVersionResource("", "v1", "pods"), "ns", "web"));
        Assert.Equal(401, e.Code);
    }

    [Fact]
    public async Task Refuses_a_server_not_signed_by_the_configured_CA()
    {
        var other = TestPki.Create("CN=other-ca");
        using var client = HttpApiClient.FromKubeConfig(KubeConfig.Parse(Kubeconfig(other.CaPem, withClientCert: true)));
        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync(new GroupVersionResource("", "v1", "pods"), "ns", "web"));
    }

    [Fact]
    public async Task Streams_a_watch()
    {
        using var client = HttpApiClient.FromKubeConfig(KubeConfig.Parse(Kubeconfig(_pki.CaPem, withClientCert: true)));
        var names = new List<string>();
        await foreach (var ev in client.WatchAsync(new GroupVersionResource("", "v1", "pods"), null, new ListOptions()))
            names.Add(JsonMeta.Name(ev.Object)!);
        Assert.Equal(["p0", "p1", "p2"], names);
    }
}
