using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using KubeSharp.Bench.Http;

namespace KubeSharp.Bench.Controllers;

/// <summary>Plain REST calls by path with JSON bodies: what the workload bench needs of the API and nothing more.</summary>
public sealed class KubeApi(HttpClient http)
{
    public const string StrategicMergePatch = "application/strategic-merge-patch+json";
    static readonly MediaTypeWithQualityHeaderValue AcceptJson = new("application/json");

    public Task<ApiResponse> PostAsync(string path, JsonNode body, CancellationToken ct) => SendAsync(HttpMethod.Post, path, Encode(body), "application/json", ct);

    public Task<ApiResponse> GetAsync(string path, CancellationToken ct) => SendAsync(HttpMethod.Get, path, null, null, ct);

    public Task<ApiResponse> DeleteAsync(string path, CancellationToken ct) => SendAsync(HttpMethod.Delete, path, null, null, ct);

    public Task<ApiResponse> PatchAsync(string path, byte[] body, string contentType, CancellationToken ct) => SendAsync(HttpMethod.Patch, path, body, contentType, ct);

    /// <summary>Sends and insists on a 2xx, so a phase never measures a request the server refused.</summary>
    public async Task<JsonObject> MustAsync(Task<ApiResponse> call, string what)
    {
        var r = await call;
        if (!r.IsSuccess) throw new InvalidDataException($"{what}: HTTP {r.Status}: {Encoding.UTF8.GetString(r.Body)}");
        return JsonNode.Parse(r.Body)?.AsObject() ?? throw new InvalidDataException($"{what}: empty body");
    }

    /// <summary>The resourceVersion of a list of <paramref name="collectionPath"/>, to start a watch that misses nothing after it.</summary>
    public async Task<string> ListRevisionAsync(string collectionPath, CancellationToken ct)
    {
        var list = await MustAsync(GetAsync(collectionPath + "?limit=1", ct), $"list {collectionPath}");
        return list["metadata"]?["resourceVersion"]?.GetValue<string>() ?? throw new InvalidDataException($"list {collectionPath}: no resourceVersion");
    }

    public async Task<HttpResponseMessage> OpenWatchAsync(string collectionPath, string resourceVersion, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{collectionPath}?watch=1&allowWatchBookmarks=true&resourceVersion={resourceVersion}");
        request.Headers.Accept.Add(AcceptJson);
        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(ct);
            response.Dispose();
            throw new HttpRequestException($"watch {collectionPath} from {resourceVersion}: {(int)response.StatusCode} {body}");
        }
        return response;
    }

    static byte[] Encode(JsonNode body) => Encoding.UTF8.GetBytes(body.ToJsonString());

    async Task<ApiResponse> SendAsync(HttpMethod method, string path, byte[]? body, string? contentType, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Accept.Add(AcceptJson);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType ?? "application/json");
        }
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, ct);
        return new ApiResponse((int)response.StatusCode, await response.Content.ReadAsByteArrayAsync(ct));
    }
}
