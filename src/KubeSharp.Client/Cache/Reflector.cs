using System.Text.Json.Nodes;
using KubeSharp.Api.Errors;
using KubeSharp.Api.Resources;
using Microsoft.Extensions.Logging;

namespace KubeSharp.Client.Cache;

/// <summary>Where a reflector delivers what it learns, in order.</summary>
interface IReflectorSink
{
    /// <summary>The complete state at a list's resource version.</summary>
    void Replace(IReadOnlyList<JsonObject> items, string resourceVersion);
    void Upsert(JsonObject obj);
    void Delete(JsonObject obj);
}

/// <summary>
/// Keeps a sink in step with the server: list, then watch from the list's resource version (with
/// bookmarks); re-watch from the last version seen when a watch ends; relist when that version has
/// expired (410). Other failures back off exponentially.
/// </summary>
sealed class Reflector(IApiClient api, GroupVersionResource gvr, InformerOptions options, TimeProvider time, IReflectorSink sink, ILogger logger)
{
    enum WatchEnd { Closed, ClosedEmptyQuickly, Expired, Failed }

    readonly Backoff _backoff = new(options.InitialBackoff, options.MaxBackoff);
    readonly Random _jitter = new();

    /// <summary>The newest resource version the sink reflects.</summary>
    public string LastSyncResourceVersion { get; private set; } = "";

    public async Task RunAsync(CancellationToken ct)
    {
        var needList = true;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                if (needList)
                {
                    await ListAsync(ct);
                    needList = false;
                }
                switch (await WatchAsync(ct))
                {
                    case WatchEnd.Closed:
                        _backoff.Reset();
                        break;
                    case WatchEnd.ClosedEmptyQuickly:
                        await Task.Delay(_backoff.Next(), time, ct);
                        break;
                    case WatchEnd.Expired:
                        logger.WatchExpired(gvr, LastSyncResourceVersion);
                        needList = true;
                        break;
                    case WatchEnd.Failed:
                        needList = true;
                        await Task.Delay(_backoff.Next(), time, ct);
                        break;
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (StatusError e) when (e.Code == 410)
            {
                logger.WatchExpired(gvr, LastSyncResourceVersion);
                needList = true;
            }
            catch (Exception e)
            {
                var delay = _backoff.Next();
                if (needList) logger.ListFailed(gvr, delay, e);
                else logger.WatchFailed(gvr, delay, e);
                try { await Task.Delay(delay, time, ct); }
                catch (OperationCanceledException) { return; }
            }
        }
    }

    async Task ListAsync(CancellationToken ct)
    {
        var items = new List<JsonObject>();
        string? resourceVersion = null, continueToken = null;
        var pageSize = options.PageSize;
        do
        {
            ObjectList page;
            try
            {
                page = await api.ListAsync(gvr, options.Namespace, new ListOptions
                {
                    LabelSelector = options.LabelSelector,
                    FieldSelector = options.FieldSelector,
                    Limit = pageSize,
                    Continue = continueToken,
                }, ct);
            }
            catch (StatusError e) when (e.Code == 410 && continueToken is not null)
            {
                // The continue token outlived its snapshot: start over with one unpaginated list.
                items.Clear();
                resourceVersion = continueToken = null;
                pageSize = 0;
                continue;
            }
            items.AddRange(page.Items);
            resourceVersion ??= page.ResourceVersion;
            continueToken = page.Continue;
        }
        while (continueToken is not null);

        sink.Replace(items, resourceVersion ?? "");
        LastSyncResourceVersion = resourceVersion ?? "";
        _backoff.Reset();
    }

    async Task<WatchEnd> WatchAsync(CancellationToken ct)
    {
        var min = options.MinWatchTimeout.TotalSeconds;
        var watchOptions = new ListOptions
        {
            LabelSelector = options.LabelSelector,
            FieldSelector = options.FieldSelector,
            ResourceVersion = LastSyncResourceVersion,
            AllowWatchBookmarks = true,
            TimeoutSeconds = (int)(min + _jitter.NextDouble() * min),
        };
        var started = time.GetTimestamp();
        var events = 0;
        await foreach (var ev in api.WatchAsync(gvr, options.Namespace, watchOptions, ct))
        {
            events++;
            switch (ev.Type)
            {
                case "ADDED" or "MODIFIED":
                    sink.Upsert(ev.Object);
                    break;
                case "DELETED":
                    sink.Delete(ev.Object);
                    break;
                case "BOOKMARK":
                    break;
                case "ERROR":
                    var error = StatusError.FromStatus(ev.Object, 500);
                    if (error.Code == 410) return WatchEnd.Expired;
                    logger.WatchErrorEvent(gvr, error.Code, error.Reason, error.Message);
                    return WatchEnd.Failed;
                default:
                    continue;
            }
            if (JsonMeta.ResourceVersion(ev.Object) is { Length: > 0 } rv) LastSyncResourceVersion = rv;
        }
        // A watch the server closes at once with nothing to say would otherwise become a busy loop.
        return events == 0 && time.GetElapsedTime(started) < TimeSpan.FromSeconds(1) ? WatchEnd.ClosedEmptyQuickly : WatchEnd.Closed;
    }
}
