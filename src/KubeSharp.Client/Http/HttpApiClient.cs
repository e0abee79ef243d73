using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using KubeSharp.Api.Errors;
using KubeSharp.Api.Resources;

namespace KubeSharp.Client.Http;

/// <summary>
/// <see cref="IApiClient"/> over the Kubernetes REST protocol (JSON bodies). One instance pools its
/// connections; share it.
/// </summary>
public sealed class HttpApiClient : IApiClient, IDisposable
{
    static readonly MediaTypeWithQualityHeaderValue Json = new("application/json");

    readonly HttpClient _http;
    readonly string? _token;

    /// <summary>The namespace of the kubeconfig context, if it names one.</summary>
    public string? DefaultNamespace { get; init; }

    /// <param name="handler">The transport; <see cref="ApiHandlerFactory"/> builds the TLS one.</param>
    /// <param name="server">Base URL of the API server.</param>
    /// <param name="bearerToken">Sent as <c>Authorization: Bearer</c> when given.</param>
    public HttpApiClient(HttpMessageHandler handler, Uri server, string? bearerToken = null)
    {
        _http = new HttpClient(handler, disposeHandler: true)
        {
            BaseAddress = server,
            // Watches stream for minutes; per-call deadlines come from CancellationTokens.
            Timeout = Timeout.InfiniteTimeSpan,
        };
        _http.DefaultRequestHeaders.UserAgent.ParseAdd("kubesharp/1.0");
        _token = bearerToken;
    }

    public static HttpApiClient FromKubeConfig(KubeConfig config) =>
        new(ApiHandlerFactory.Create(config), config.Server, config.Token) { DefaultNamespace = config.Namespace };

    public static HttpApiClient FromKubeConfigFile(string path, string? context = null) =>
        FromKubeConfig(KubeConfig.LoadFile(path, context));

    public void Dispose() => _http.Dispose();

    public Task<JsonObject> GetAsync(GroupVersionResource gvr, string? ns, string name, string? subresource = null, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Get, ApiPaths.For(gvr, ns, name, subresource), null, ct);

    public async Task<ObjectList> ListAsync(GroupVersionResource gvr, string? ns, ListOptions? options = null, CancellationToken ct = default)
    {
        var list = await SendAsync(HttpMethod.Get, ApiPaths.For(gvr, ns) + ApiPaths.Query(options, watch: false), null, ct);
        List<JsonObject> items = [];
        if (list["items"] is JsonArray array)
        {
            items.AddRange(array.OfType<JsonObject>());
            array.Clear(); // detach, so callers may re-parent the items
        }
        // Lists omit kind/apiVersion on items; restore them so cached objects are self-describing.
        var kind = list["kind"]?.GetValue<string>() is { } listKind && listKind.EndsWith("List", StringComparison.Ordinal) ? listKind[..^4] : null;
        var apiVersion = list["apiVersion"]?.GetValue<string>();
        foreach (var item in items)
        {
            if (kind is not null && item["kind"] is null) item["kind"] = kind;
            if (apiVersion is not null && item["apiVersion"] is null) item["apiVersion"] = apiVersion;
        }
        var meta = list["metadata"] as JsonObject;
        return new ObjectList(items, meta?["resourceVersion"]?.GetValue<string>() ?? "",
            meta?["continue"]?.GetValue<string>() is { Length: > 0 } c ? c : null,
            meta?["remainingItemCount"]?.GetValue<long>());
    }

    public async IAsyncEnumerable<WatchEvent> WatchAsync(GroupVersionResource gvr, string? ns, ListOptions options, [EnumeratorCancellation] CancellationToken ct = default)
    {
        using var request = NewRequest(HttpMethod.Get, ApiPaths.For(gvr, ns) + ApiPaths.Query(options, watch: true), null);
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        if (!response.IsSuccessStatusCode) throw await ErrorAsync(response, ct);
        await using var body = await response.Content.ReadAsStreamAsync(ct);
        await foreach (var ev in WatchStreamReader.ReadAsync(body, ct))
            yield return ev;
    }

    public Task<JsonObject> CreateAsync(GroupVersionResource gvr, string? ns, JsonObject obj, string? subresource = null, WriteOptions? options = null, CancellationToken ct = default)
    {
        // Subresource creates (binding, eviction, token) are POSTed to the parent object's URL.
        var path = subresource is null
            ? ApiPaths.For(gvr, ns)
            : ApiPaths.For(gvr, ns, RequireName(obj), subresource);
        return SendAsync(HttpMethod.Post, path + ApiPaths.Query(options), JsonBody(obj), ct);
    }

    public Task<JsonObject> UpdateAsync(GroupVersionResource gvr, string? ns, JsonObject obj, string? subresource = null, WriteOptions? options = null, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Put, ApiPaths.For(gvr, ns, RequireName(obj), subresource) + ApiPaths.Query(options), JsonBody(obj), ct);

    public Task<JsonObject> PatchAsync(GroupVersionResource gvr, string? ns, string name, PatchType type, string patch, string? subresource = null, WriteOptions? options = null, CancellationToken ct = default)
    {
        var content = new StringContent(patch, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue(ApiPaths.ContentType(type));
        return SendAsync(HttpMethod.Patch, ApiPaths.For(gvr, ns, name, subresource) + ApiPaths.Query(options), content, ct);
    }

    public Task<JsonObject> DeleteAsync(GroupVersionResource gvr, string? ns, string name, DeleteOptions? options = null, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Delete, ApiPaths.For(gvr, ns, name), options is null ? null : JsonBody(DeleteBody(options)), ct);

    static JsonObject DeleteBody(DeleteOptions o)
    {
        var body = new JsonObject { ["kind"] = "DeleteOptions", ["apiVersion"] = "v1" };
        if (o.GracePeriodSeconds is { } g) body["gracePeriodSeconds"] = g;
        if (o.PropagationPolicy is { } p) body["propagationPolicy"] = p;
        if (o.PreconditionUid is not null || o.PreconditionResourceVersion is not null)
        {
            var pre = new JsonObject();
            if (o.PreconditionUid is { } uid) pre["uid"] = uid;
            if (o.PreconditionResourceVersion is { } rv) pre["resourceVersion"] = rv;
            body["preconditions"] = pre;
        }
        if (o.DryRun) body["dryRun"] = new JsonArray("All");
        return body;
    }

    static string RequireName(JsonObject obj) =>
        JsonMeta.Name(obj) is { Length: > 0 } name ? name : throw StatusError.BadRequest("metadata.name is required");

    static StringContent JsonBody(JsonObject obj)
    {
        var content = new StringContent(obj.ToJsonString(), Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    HttpRequestMessage NewRequest(HttpMethod method, string pathAndQuery, HttpContent? content)
    {
        // DefaultRequestVersion covers only HttpClient's shortcut methods; a message of our own must ask itself.
        var request = new HttpRequestMessage(method, pathAndQuery)
        {
            Content = content,
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionOrLower,
        };
        request.Headers.Accept.Add(Json);
        if (_token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token);
        return request;
    }

    async Task<JsonObject> SendAsync(HttpMethod method, string pathAndQuery, HttpContent? content, CancellationToken ct)
    {
        using var request = NewRequest(method, pathAndQuery, content);
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, ct);
        if (!response.IsSuccessStatusCode) throw await ErrorAsync(response, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        return JsonNode.Parse(text) as JsonObject ?? throw new InvalidDataException($"{method} {pathAndQuery}: response is not a JSON object");
    }

    /// <summary>A Status body becomes its StatusError; anything else a StatusError from the HTTP code alone.</summary>
    internal static async Task<StatusError> ErrorAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var code = (int)response.StatusCode;
        var text = await response.Content.ReadAsStringAsync(ct);
        try
        {
            if (JsonNode.Parse(text) is JsonObject body && body["kind"]?.GetValue<string>() == "Status")
                return StatusError.FromStatus(body, code);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException) { /* not a Status: fall through */ }
        var message = text.Length is > 0 and < 1024 ? text.Trim() : $"the server responded with HTTP {code}";
        return new StatusError(code, ReasonFor(code), message);
    }

    static string ReasonFor(int code) => code switch
    {
        400 => "BadRequest",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "NotFound",
        405 => "MethodNotAllowed",
        406 => "NotAcceptable",
        409 => "Conflict",
        410 => "Expired",
        413 => "RequestEntityTooLarge",
        415 => "UnsupportedMediaType",
        422 => "Invalid",
        429 => "TooManyRequests",
        504 => "Timeout",
        >= 500 => "InternalError",
        _ => "Unknown",
    };
}
