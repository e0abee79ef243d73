using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using KubeSharp.Bench.Http;

namespace KubeSharp.Bench.Pods;

/// <summary>The REST calls of the pod bench: its namespace, its pods, and a watch on them.</summary>
public sealed class PodApi(HttpClient http)
{
    public const string AppLabel = "kubesharp-bench";
    static readonly MediaTypeHeaderValue Json = new("application/json");
    static readonly MediaTypeWithQualityHeaderValue AcceptJson = new("application/json");

    public Task<ApiResponse> CreateNamespaceAsync(string name, CancellationToken ct) =>
        SendAsync(HttpMethod.Post, "/api/v1/namespaces",
            Body(new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Namespace", ["metadata"] = new JsonObject { ["name"] = name } }), ct);

    public Task<ApiResponse> DeleteNamespaceAsync(string name, CancellationToken ct) =>
        SendAsync(HttpMethod.Delete, $"/api/v1/namespaces/{name}", null, ct);

    public Task<ApiResponse> CreatePodAsync(string ns, string name, string image, CancellationToken ct) =>
        SendAsync(HttpMethod.Post, $"/api/v1/namespaces/{ns}/pods", PodBody(ns, name, image), ct);

    public Task<ApiResponse> ListPodsAsync(string ns, CancellationToken ct) =>
        SendAsync(HttpMethod.Get, $"/api/v1/namespaces/{ns}/pods", null, ct);

    /// <summary>
    /// Deletes every pod of the namespace gracefully: each object stays until the node agent has stopped its
    /// containers and removed its sandbox, so an empty list means the node is clean again.
    /// </summary>
    public Task<ApiResponse> DeletePodsAsync(string ns, CancellationToken ct) =>
        SendAsync(HttpMethod.Delete, $"/api/v1/namespaces/{ns}/pods?gracePeriodSeconds=1", null, ct);

    public async Task<HttpResponseMessage> OpenWatchAsync(string ns, string resourceVersion, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/namespaces/{ns}/pods?watch=1&allowWatchBookmarks=true&resourceVersion={resourceVersion}");
        request.Headers.Accept.Add(AcceptJson);
        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(ct);
            response.Dispose();
            throw new HttpRequestException($"watch pods in {ns} from {resourceVersion}: {(int)response.StatusCode} {body}");
        }
        return response;
    }

    /// <summary>
    /// A one-container pod that starts at once and stays up: the image must be on the node, since the start-up
    /// SLI excludes image pulls. It exits on SIGTERM, so clean-up does not wait out a grace period per pod.
    /// </summary>
    static byte[] PodBody(string ns, string name, string image) => Body(new JsonObject
    {
        ["apiVersion"] = "v1",
        ["kind"] = "Pod",
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns, ["labels"] = new JsonObject { ["app"] = AppLabel } },
        ["spec"] = new JsonObject
        {
            ["terminationGracePeriodSeconds"] = 1,
            ["containers"] = new JsonArray(new JsonObject
            {
                ["name"] = "main",
                ["image"] = image,
                ["imagePullPolicy"] = "IfNotPresent",
                ["command"] = new JsonArray("sh", "-c", "trap 'exit 0' TERM; sleep 3600 & wait"),
            }),
        },
    });

    static byte[] Body(JsonObject obj) => Encoding.UTF8.GetBytes(obj.ToJsonString());

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
