using System.Net.Http.Headers;

namespace KubeSharp.Bench.Http;

/// <summary>A response read to its end: the status and the raw body.</summary>
public readonly record struct ApiResponse(int Status, byte[] Body)
{
    public bool IsSuccess => Status is >= 200 and < 300;
}

/// <summary>The REST calls of the bench, on ConfigMaps and Namespaces, with JSON bodies.</summary>
public sealed class ConfigMapApi(HttpClient http)
{
    static readonly MediaTypeHeaderValue Json = new("application/json");
    static readonly MediaTypeWithQualityHeaderValue AcceptJson = new("application/json");

    public Task<ApiResponse> CreateNamespaceAsync(string name, CancellationToken ct) =>
        SendAsync(HttpMethod.Post, "/api/v1/namespaces", ConfigMapBodies.Namespace(name), ct);

    public Task<ApiResponse> DeleteNamespaceAsync(string name, CancellationToken ct) =>
        SendAsync(HttpMethod.Delete, $"/api/v1/namespaces/{name}", null, ct);

    public Task<ApiResponse> CreateAsync(string ns, byte[] body, CancellationToken ct) =>
        SendAsync(HttpMethod.Post, $"/api/v1/namespaces/{ns}/configmaps", body, ct);

    public Task<ApiResponse> GetAsync(string ns, string name, CancellationToken ct) =>
        SendAsync(HttpMethod.Get, $"/api/v1/namespaces/{ns}/configmaps/{name}", null, ct);

    public Task<ApiResponse> ReplaceAsync(string ns, string name, byte[] body, CancellationToken ct) =>
        SendAsync(HttpMethod.Put, $"/api/v1/namespaces/{ns}/configmaps/{name}", body, ct);

    /// <summary>A list without limit: one namespace, or every namespace when <paramref name="ns"/> is null.</summary>
    public Task<ApiResponse> ListAsync(string? ns, CancellationToken ct) =>
        SendAsync(HttpMethod.Get, ns is null ? "/api/v1/configmaps" : $"/api/v1/namespaces/{ns}/configmaps", null, ct);

    /// <summary>Opens a watch from <paramref name="resourceVersion"/>; the caller reads and disposes the stream.</summary>
    public async Task<HttpResponseMessage> OpenWatchAsync(string ns, string resourceVersion, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/namespaces/{ns}/configmaps?watch=1&resourceVersion={resourceVersion}");
        request.Headers.Accept.Add(AcceptJson);
        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(ct);
            response.Dispose();
            throw new HttpRequestException($"watch {ns} from {resourceVersion}: {(int)response.StatusCode} {body}");
        }
        return response;
    }

    async Task<ApiResponse> SendAsync(HttpMethod method, string path, byte[]? body, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Accept.Add(AcceptJson);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = Json;
        }
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, ct);
        return new ApiResponse((int)response.StatusCode, await response.Content.ReadAsByteArrayAsync(ct));
    }
}
