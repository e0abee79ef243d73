using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using KubeSharp.ApiServer.Registry;
using Microsoft.AspNetCore.Http;

namespace KubeSharp.ApiServer.Endpoints;

/// <summary>
/// Streams watch events as upstream does: one JSON object per line, chunked, until the timeout or the
/// client goes away; bookmarks when asked for; one-row Tables for <c>kubectl get -w</c>.
/// </summary>
public sealed class WatchServer(ITableRenderer tables, TimeProvider time)
{
    static readonly TimeSpan BookmarkInterval = TimeSpan.FromSeconds(30);
    static readonly byte[] Newline = "\n"u8.ToArray();

    public async Task ServeAsync(HttpContext http, RequestInfo info, ResourceStore store)
    {
        var request = http.Request;
        var p = QueryParams.List(request);
        if (info.Name is not null)
            p = p with { FieldSelector = string.IsNullOrEmpty(p.FieldSelector) ? $"metadata.name={info.Name}" : $"{p.FieldSelector},metadata.name={info.Name}" };
        var timeout = TimeSpan.FromSeconds(Math.Clamp(QueryParams.Long(request, "timeoutSeconds") ?? 1800, 1, 3600));
        var bookmarks = QueryParams.Bool(request, "allowWatchBookmarks");
        var sendInitial = QueryParams.Str(request, "sendInitialEvents") == "true";
        var table = ResourceHandler.WantsTable(request);
        var includeObject = ResourceHandler.IncludeObject(request);
        var def = store.Definition;

        using var cts = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
        cts.CancelAfter(timeout);
        var ct = cts.Token;
        var sub = await store.WatchAsync(info.Namespace, p, sendInitial, http.RequestAborted);
        try
        {
            http.Response.StatusCode = 200;
            http.Response.ContentType = "application/json";
            http.Response.Headers.CacheControl = "no-cache, private";
            await http.Response.StartAsync(http.RequestAborted);
            var body = http.Response.BodyWriter;
            var firstTable = true;
            var lastRevision = sub.StartRevision;

            async Task SendAsync(CacheEvent ev)
            {
                if (table)
                {
                    var row = tables.RowTable(def, ev.Object.Object, includeObject, firstTable);
                    firstTable = false;
                    await WriteEventAsync(body, ev.Type, row);
                }
                else
                {
                    await body.WriteAsync(EventPrefix(ev.Type), ct);
                    await body.WriteAsync(ev.Object.Json, ct);
                    await body.WriteAsync("}\n"u8.ToArray(), ct);
                }
                lastRevision = Math.Max(lastRevision, ev.Revision);
            }

            foreach (var ev in sub.DrainInitial()) await SendAsync(ev);
            if (sendInitial && bookmarks)
                await WriteEventAsync(body, "BOOKMARK", Bookmark(def.Kind, def.ApiVersion, lastRevision, initialEventsEnd: true));
            await body.FlushAsync(ct);

            var reader = sub.Reader;
            var nextBookmark = time.GetUtcNow() + BookmarkInterval;
            while (!ct.IsCancellationRequested)
            {
                while (reader.TryRead(out var ev)) await SendAsync(ev);
                await body.FlushAsync(ct);
                if (bookmarks && time.GetUtcNow() >= nextBookmark)
                {
                    await WriteEventAsync(body, "BOOKMARK", Bookmark(def.Kind, def.ApiVersion, lastRevision, false));
                    await body.FlushAsync(ct);
                    nextBookmark = time.GetUtcNow() + BookmarkInterval;
                }
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(ct);
                wait.CancelAfter(BookmarkInterval);
                try
                {
                    if (!await reader.WaitToReadAsync(wait.Token)) break;
                }
                catch (OperationCanceledException) when (!ct.IsCancellationRequested) { }
            }
        }
        catch (OperationCanceledException) { }
        catch (IOException) { }
        finally
        {
            store.Unsubscribe(sub);
        }
    }

    static byte[] EventPrefix(string type) => type switch
    {
        "ADDED" => """{"type":"ADDED","object":"""u8.ToArray(),
        "MODIFIED" => """{"type":"MODIFIED","object":"""u8.ToArray(),
        "DELETED" => """{"type":"DELETED","object":"""u8.ToArray(),
        _ => System.Text.Encoding.UTF8.GetBytes($$"""{"type":"{{type}}","object":"""),
    };

    static async Task WriteEventAsync(System.IO.Pipelines.PipeWriter body, string type, JsonObject obj)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(new JsonObject { ["type"] = type, ["object"] = obj });
        await body.WriteAsync(bytes);
        await body.WriteAsync(Newline);
    }

    static JsonObject Bookmark(string kind, string apiVersion, long revision, bool initialEventsEnd)
    {
        var meta = new JsonObject { ["resourceVersion"] = revision.ToString(CultureInfo.InvariantCulture) };
        if (initialEventsEnd) meta["annotations"] = new JsonObject { ["k8s.io/initial-events-end"] = "true" };
        return new JsonObject { ["kind"] = kind, ["apiVersion"] = apiVersion, ["metadata"] = meta };
    }
}
