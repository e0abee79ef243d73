using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace KubeSharp.Node.Tests.Images.Registry;

/// <summary>
/// A tiny in-process registry on Kestrel (loopback only) serving canned manifests and blobs, with the auth flows real
/// registries use: Basic, or Bearer with a token service at <c>/token</c> that checks Basic credentials. Blobs can be
/// redirected to <c>/storage/…</c> under a different origin (<c>localhost</c> instead of <c>127.0.0.1</c>), as registries
/// redirect to object storage. Every request is recorded.
/// </summary>
internal sealed class FakeRegistry : IAsyncDisposable
{
    public enum AuthMode { None, Basic, Bearer }

    public sealed record RecordedRequest(string Host, string Path, string Query, string? Authorization);

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, (string MediaType, byte[] Content)> _manifests = new();
    private readonly ConcurrentDictionary<string, byte[]> _blobs = new();
    private readonly ConcurrentDictionary<string, bool> _issuedTokens = new();
    private int _tokenCounter;

    private FakeRegistry(WebApplication app) => _app = app;

    public AuthMode Auth { get; init; }
    public (string User, string Password)? Login { get; init; }
    public bool RedirectBlobs { get; init; }
    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();
    public int Port { get; private set; }
    public string Host => $"127.0.0.1:{Port}";

    public static async Task<FakeRegistry> StartAsync(AuthMode auth = AuthMode.None, (string User, string Password)? login = null, bool redirectBlobs = false)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var registry = new FakeRegistry(app) { Auth = auth, Login = login, RedirectBlobs = redirectBlobs };
        app.Run(registry.HandleAsync);
        await app.StartAsync();
        registry.Port = new Uri(app.Urls.Single()).Port;
        return registry;
    }

    public void Add(string repository, string reference, TestBlob manifest, IEnumerable<TestBlob> blobs)
    {
        _manifests[$"{repository}:{reference}"] = (manifest.MediaType, manifest.Content);
        _manifests[$"{repository}:{manifest.Digest}"] = (manifest.MediaType, manifest.Content);
        foreach (var blob in blobs)
            _blobs[blob.Digest] = blob.Content;
    }

    public void Add(string repository, string tag, TestImage image) => Add(repository, tag, image.Manifest, image.Blobs);

    /// <summary>Serves other bytes than the digest promises (same length), like a corrupting proxy.</summary>
    public void Corrupt(string digest)
    {
        var content = (byte[])_blobs[digest].Clone();
        content[content.Length / 2] ^= 0xff;
        _blobs[digest] = content;
    }

    public int TokenRequests => Requests.Count(r => r.Path == "/token");

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var path = request.Path.Value ?? "";
        Requests.Enqueue(new RecordedRequest(request.Host.Host, path, request.QueryString.Value ?? "", request.Headers.Authorization.FirstOrDefault()));
        var response = context.Response;

        if (path == "/token")
        {
            if (Login is not null && request.Headers.Authorization.FirstOrDefault() != BasicHeader())
            {
                await Error(response, 401, "UNAUTHORIZED", "bad credentials");
                return;
            }
            var token = "token-" + Interlocked.Increment(ref _tokenCounter);
            _issuedTokens[token] = true;
            response.ContentType = "application/json";
            await response.WriteAsync(JsonSerializer.Serialize(new { token, expires_in = 300 }));
            return;
        }
        if (path.StartsWith("/storage/", StringComparison.Ordinal))
        {
            await ServeBlobAsync(response, path["/storage/".Length..]);
            return;
        }
        if (!path.StartsWith("/v2/", StringComparison.Ordinal))
        {
            response.StatusCode = 404;
            return;
        }

        var (repository, kind, reference) = Split(path);
        if (!Authorized(request))
        {
            response.StatusCode = 401;
            response.Headers.WWWAuthenticate = Auth == AuthMode.Basic
                ? "Basic realm=\"fake\""
                : $"Bearer realm=\"http://{Host}/token\",service=\"fake-registry\",scope=\"repository:{repository}:pull\"";
            await Error(response, 401, "UNAUTHORIZED", "authentication required");
            return;
        }

        if (path == "/v2/")
            return;
        if (kind == "manifests" && _manifests.TryGetValue($"{repository}:{reference}", out var manifest))
        {
            response.ContentType = manifest.MediaType;
            await response.Body.WriteAsync(manifest.Content);
            return;
        }
        if (kind == "blobs" && _blobs.ContainsKey(reference))
        {
            if (RedirectBlobs)
            {
                response.StatusCode = 307;
                response.Headers.Location = $"http://localhost:{Port}/storage/{reference}";
                return;
            }
            await ServeBlobAsync(response, reference);
            return;
        }
        await Error(response, 404, kind == "blobs" ? "BLOB_UNKNOWN" : "MANIFEST_UNKNOWN", "unknown");
    }

    private bool Authorized(HttpRequest request)
    {
        var header = request.Headers.Authorization.FirstOrDefault();
        return Auth switch
        {
            AuthMode.Basic => header == BasicHeader(),
            AuthMode.Bearer => header is not null && header.StartsWith("Bearer ", StringComparison.Ordinal) && _issuedTokens.ContainsKey(header[7..]),
            _ => true,
        };
    }

    private string BasicHeader() =>
        "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Login?.User}:{Login?.Password}"));

    private async Task ServeBlobAsync(HttpResponse response, string digest)
    {
        if (!_blobs.TryGetValue(digest, out var content))
        {
            await Error(response, 404, "BLOB_UNKNOWN", "unknown blob");
            return;
        }
        response.ContentType = "application/octet-stream";
        response.ContentLength = content.Length;
        await response.Body.WriteAsync(content);
    }

    private static (string Repository, string Kind, string Reference) Split(string path)
    {
        foreach (var kind in new[] { "manifests", "blobs" })
        {
            var marker = $"/{kind}/";
            var at = path.LastIndexOf(marker, StringComparison.Ordinal);
            if (at > 4)
                return (path[4..at], kind, path[(at + marker.Length)..]);
        }
        return ("", "", "");
    }

    private static async Task Error(HttpResponse response, int status, string code, string message)
    {
        response.StatusCode = status;
        response.ContentType = "application/json";
        await response.WriteAsync(JsonSerializer.Serialize(new { errors = new[] { new { code, message } } }));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
