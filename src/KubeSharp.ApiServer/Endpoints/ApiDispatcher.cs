using System.Text.Json;
using System.Text.Json.Nodes;
using KubeSharp.Api.Errors;
using KubeSharp.ApiServer.Authentication;
using KubeSharp.ApiServer.Discovery;
using KubeSharp.ApiServer.Registry;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace KubeSharp.ApiServer.Endpoints;

/// <summary>Serves OpenAPI documents by path ("" for the v3 root, "api/v1", "apis/apps/v1", or "v2").</summary>
public interface IOpenApiSource
{
    byte[]? V3(string groupVersionPath);
    byte[] V2();
}

/// <summary>
/// The request pipeline: authentication, then health, version, discovery, OpenAPI or a resource handler;
/// every failure leaves as a Status object.
/// </summary>
public sealed class ApiDispatcher(
    IReadOnlyList<IAuthenticator> authenticators,
    DiscoveryDocuments discovery,
    IOpenApiSource openApi,
    ResourceHandler resources,
    Func<bool> ready,
    ILogger<ApiDispatcher> log,
    MetricsEndpoint? metrics = null)
{
    public static readonly JsonObject Version = new()
    {
        ["major"] = "1",
        ["minor"] = "32",
        ["gitVersion"] = "v1.32.4+kubesharp",
        ["gitCommit"] = "0000000000000000000000000000000000000000",
        ["gitTreeState"] = "clean",
        ["buildDate"] = "2026-11-22T00:00:00Z",
        ["goVersion"] = "go1.23.6",
        ["compiler"] = "gc",
        ["platform"] = "linux/amd64",
    };

    public async Task DispatchAsync(HttpContext http)
    {
        try
        {
            var path = http.Request.Path.Value ?? "/";
            var user = await AuthenticateAsync(http);
            if (await ServePublicAsync(http, path)) return;
            if (user is null)
            {
                await Responses.WriteErrorAsync(http, StatusError.Unauthorized());
                return;
            }
            if (await ServeDiscoveryAsync(http, path)) return;
            if (metrics is not null && await metrics.TryServeAsync(http, path)) return;
            var info = RequestInfo.Parse(http.Request.Method, path, QueryParams.Bool(http.Request, "watch"));
            if (info is null)
            {
                await Responses.WriteErrorAsync(http, new StatusError(404, "NotFound", "the server could not find the requested resource"));
                return;
            }
            await resources.HandleAsync(http, info, user);
        }
        catch (StatusError e)
        {
            await TryWriteAsync(http, e);
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested) { }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or InvalidCastException or ArgumentException or OverflowException)
        {
            // Malformed values inside otherwise valid JSON (a string where a number belongs, …) are the client's fault.
            await TryWriteAsync(http, StatusError.BadRequest(e.Message));
        }
        catch (Exception e)
        {
            log.LogError(e, "unhandled error serving {Method} {Path}", http.Request.Method, http.Request.Path);
            await TryWriteAsync(http, StatusError.Internal(e.Message));
        }
    }

    static async Task TryWriteAsync(HttpContext http, StatusError e)
    {
        if (http.Response.HasStarted) return;
        http.Response.Headers.Clear();
        await Responses.WriteErrorAsync(http, e);
    }

    async Task<UserInfo?> AuthenticateAsync(HttpContext http)
    {
        foreach (var a in authenticators)
            if (await a.AuthenticateAsync(http) is { } user) return user;
        return null;
    }

    async Task<bool> ServePublicAsync(HttpContext http, string path)
    {
        switch (path)
        {
            case "/version":
            case "/version/":
                await Responses.WriteObjectAsync(http, 200, Version);
                return true;
            case "/healthz" or "/livez":
                await Responses.WriteBytesAsync(http, 200, "text/plain; charset=utf-8", "ok"u8.ToArray());
                return true;
            case "/readyz":
                if (ready()) await Responses.WriteBytesAsync(http, 200, "text/plain; charset=utf-8", "ok"u8.ToArray());
                else await Responses.WriteBytesAsync(http, 500, "text/plain; charset=utf-8", "[-]kubesharp-ready failed: not ready yet\nreadyz check failed"u8.ToArray());
                return true;
        }
        if (path.StartsWith("/healthz/", StringComparison.Ordinal) || path.StartsWith("/livez/", StringComparison.Ordinal) || path.StartsWith("/readyz/", StringComparison.Ordinal))
        {
            await Responses.WriteBytesAsync(http, 200, "text/plain; charset=utf-8", "ok"u8.ToArray());
            return true;
        }
        return false;
    }

    async Task<bool> ServeDiscoveryAsync(HttpContext http, string path)
    {
        if (http.Request.Method is not ("GET" or "HEAD")) return false;
        var trimmed = path.TrimEnd('/');
        switch (trimmed)
        {
            case "/api" or "/apis":
                var accept = http.Request.Headers.Accept.ToString();
                var core = trimmed == "/api";
                if (accept.Contains("as=APIGroupDiscoveryList", StringComparison.Ordinal))
                {
                    var v2 = accept.Contains("v=v2;", StringComparison.Ordinal) || accept.Contains("v=v2,", StringComparison.Ordinal) || accept.EndsWith("v=v2", StringComparison.Ordinal)
                        || (accept.Contains("v=v2", StringComparison.Ordinal) && !accept.Contains("v2beta1", StringComparison.Ordinal));
                    await Responses.WriteBytesAsync(http, 200, v2 ? DiscoveryDocuments.AggregatedV2 : DiscoveryDocuments.AggregatedV2Beta1, discovery.Aggregated(core, v2));
                    return true;
                }
                await Responses.WriteBytesAsync(http, 200, Responses.Json, core ? discovery.ApiVersions : discovery.GroupList);
                return true;
            case "/openapi/v2":
                await Responses.WriteBytesAsync(http, 200, Responses.Json, openApi.V2());
                return true;
            case "/openapi/v3":
                await Responses.WriteBytesAsync(http, 200, Responses.Json, openApi.V3("")!);
                return true;
        }
        if (trimmed.StartsWith("/openapi/v3/", StringComparison.Ordinal))
        {
            var doc = openApi.V3(trimmed["/openapi/v3/".Length..]);
            if (doc is null) return false;
            await Responses.WriteBytesAsync(http, 200, Responses.Json, doc);
            return true;
        }
        var parts = trimmed.Split('/', StringSplitOptions.RemoveEmptyEntries);
        byte[]? body = parts switch
        {
            ["api", var v] => discovery.ResourceList(v),
            ["apis", var g] => discovery.Group(g),
            ["apis", var g, var v] => discovery.ResourceList($"{g}/{v}"),
            _ => null,
        };
        if (body is null) return false;
        await Responses.WriteBytesAsync(http, 200, Responses.Json, body);
        return true;
    }
}
