using System.Buffers;
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
    // A long initial replay is flushed in pieces so that it does not pile up in memory ahead of the socket.
    const int FlushThreshold = 64 * 1024;

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
        CancellationTokenSource? wait = null;
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
                    // Buffered, not flushed: the loop flushes once per batch of ready events, so a burst costs one
                    // TLS record and one syscall per watcher instead of three per event.
                    body.Write(EventPrefix(ev.Type));
                    body.Write(ev.Object.Json);
                    body.Write("}\n"u8);
                    if (body.CanGetUnflushedBytes && body.UnflushedBytes >= FlushThreshold) await body.FlushAsync(ct);
                }
                lastRevision = Math.Max(lastRevision, ev.Revision);
            }

            foreach (var ev in sub.DrainInitial()) await SendAsync(ev);
            if (sendInitial && bookmarks)
                await WriteEventAsync(body, "BOOKMARK", Bookmark(def.Kind, def.ApiVersion, lastRevision, initialEventsEnd: true));
            await body.FlushAsync(ct);

            var reader = sub.Reader;
            wait = CancellationTokenSource.CreateLinkedTokenSource(ct);
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
                // One wake-up timer per watch, re-armed per wait, rather than a new linked source and timer per event.
                wait.CancelAfter(BookmarkInterval);
                try
                {
                    if (!await reader.WaitToReadAsync(wait.Token)) break;
                }
                catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                {
                    wait.Dispose();
                    wait = CancellationTokenSource.CreateLinkedTokenSource(ct);
                }
            }
        }
        catch (OperationCanceledException) { }
        catch (IOException) { }
        finally
        {
            wait?.Dispose();
            store.Unsubscribe(sub);
        }
    }

    static ReadOnlySpan<byte> EventPrefix(string type) => type switch
    {
        "ADDED" => """{"type":"ADDED","object":"""u8,
        "MODIFIED" => """{"type":"MODIFIED","object":"""u8,
        "DELETED" => """{"type":"DELETED","object":"""u8,
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
