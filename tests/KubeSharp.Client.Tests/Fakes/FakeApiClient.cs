using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using KubeSharp.Api.Errors;
using KubeSharp.Api.Resources;
using KubeSharp.Api.Selectors;
using KubeSharp.Testing;

namespace KubeSharp.Client.Tests.Fakes;

public sealed record ApiCall(string Verb, GroupVersionResource Resource, string? Namespace, string? Name, string? Body = null, ListOptions? Options = null);

/// <summary>
/// An in-memory API: one global revision, a change log that watches replay from, compaction that makes
/// older revisions answer 410, and knobs to drop watches or fail writes.
/// </summary>
public sealed class FakeApiClient : IApiClient
{
    sealed record Change(long Revision, GroupVersionResource Resource, string Type, JsonObject Object);
    sealed record ActiveWatch(GroupVersionResource Resource, string? Namespace, LabelSelector Selector, Channel<WatchEvent> Events);

    readonly Lock _lock = new();
    readonly Dictionary<(GroupVersionResource, string, string), JsonObject> _objects = [];
    readonly List<Change> _log = [];
    readonly List<ActiveWatch> _watches = [];
    readonly List<ApiCall> _calls = [];
    long _revision = 100;
    long _compacted;
    TaskCompletionSource? _watchGate;

    /// <summary>When true a watch from a compacted revision throws 410; otherwise it sends an ERROR event.</summary>
    public bool GoneAsException { get; set; }

    /// <summary>When set, create/update/patch fail with this error.</summary>
    public Func<ApiCall, Exception?>? FailWrites { get; set; }

    public IReadOnlyList<ApiCall> Calls { get { lock (_lock) return [.. _calls]; } }

    public int ActiveWatches { get { lock (_lock) return _watches.Count; } }

    public long Revision { get { lock (_lock) return _revision; } }

    public JsonObject? Stored(GroupVersionResource gvr, string? ns, string name)
    {
        lock (_lock) return _objects.TryGetValue((gvr, ns ?? "", name), out var o) ? (JsonObject)o.DeepClone() : null;
    }

    public IReadOnlyList<JsonObject> StoredAll(GroupVersionResource gvr)
    {
        lock (_lock) return [.. _objects.Where(kv => kv.Key.Item1 == gvr).Select(kv => (JsonObject)kv.Value.DeepClone())];
    }

    /// <summary>Forgets history up to now: watches from older revisions get 410.</summary>
    public void Compact() { lock (_lock) _compacted = _revision; }

    /// <summary>Ends every open watch normally, as a server timeout does.</summary>
    public void CloseWatches()
    {
        lock (_lock)
        {
            foreach (var w in _watches) w.Events.Writer.TryComplete();
            _watches.Clear();
        }
    }

    /// <summary>Closes open watches and makes new ones wait until <see cref="ResumeWatches"/>.</summary>
    public void HoldWatches()
    {
        lock (_lock) _watchGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        CloseWatches();
    }

    public void ResumeWatches()
    {
        TaskCompletionSource? gate;
        lock (_lock) { gate = _watchGate; _watchGate = null; }
        gate?.TrySetResult();
    }

    public void SendBookmark(GroupVersionResource gvr)
    {
        lock (_lock)
        {
            var rv = _revision.ToString(CultureInfo.InvariantCulture);
            foreach (var w in _watches.Where(w => w.Resource == gvr))
                w.Events.Writer.TryWrite(new WatchEvent("BOOKMARK", new JsonObject { ["kind"] = "Pod", ["metadata"] = new JsonObject { ["resourceVersion"] = rv } }));
        }
    }

    /// <summary>Sends an ERROR event carrying a 410 Status to every open watch and closes it.</summary>
    public void ExpireWatches()
    {
        lock (_lock)
        {
            foreach (var w in _watches)
            {
                w.Events.Writer.TryWrite(new WatchEvent("ERROR", StatusError.Gone("too old resource version").ToStatus()));
                w.Events.Writer.TryComplete();
            }
            _watches.Clear();
        }
    }

    void Record(ApiCall call) { lock (_lock) _calls.Add(call); }

    public Task<JsonObject> GetAsync(GroupVersionResource gvr, string? ns, string name, string? subresource = null, CancellationToken ct = default)
    {
        Record(new ApiCall("get", gvr, ns, name));
        lock (_lock)
        {
            if (!_objects.TryGetValue((gvr, ns ?? "", name), out var obj)) throw StatusError.NotFound(gvr.Resource, name);
            return Task.FromResult((JsonObject)obj.DeepClone());
        }
    }

    public Task<ObjectList> ListAsync(GroupVersionResource gvr, string? ns, ListOptions? options = null, CancellationToken ct = default)
    {
        Record(new ApiCall("list", gvr, ns, null, Options: options));
        var selector = LabelSelector.Parse(options?.LabelSelector);
        lock (_lock)
        {
            var items = _objects
                .Where(kv => kv.Key.Item1 == gvr && (ns is null || kv.Key.Item2 == ns) && selector.Matches(JsonMeta.Labels(kv.Value)))
                .OrderBy(kv => kv.Key.Item2, StringComparer.Ordinal).ThenBy(kv => kv.Key.Item3, StringComparer.Ordinal)
                .Select(kv => (JsonObject)kv.Value.DeepClone())
                .ToList();
            return Task.FromResult(new ObjectList(items, _revision.ToString(CultureInfo.InvariantCulture), null));
        }
    }

    public async IAsyncEnumerable<WatchEvent> WatchAsync(GroupVersionResource gvr, string? ns, ListOptions options, [EnumeratorCancellation] CancellationToken ct = default)
    {
        Record(new ApiCall("watch", gvr, ns, null, Options: options));
        Task? gate;
        lock (_lock) gate = _watchGate?.Task;
        if (gate is not null) await gate.WaitAsync(ct);

        var from = long.Parse(options.ResourceVersion ?? "0", CultureInfo.InvariantCulture);
        var watch = new ActiveWatch(gvr, ns, LabelSelector.Parse(options.LabelSelector), Channel.CreateUnbounded<WatchEvent>());
        bool gone;
        lock (_lock)
        {
            gone = from < _compacted;
            if (!gone)
            {
                foreach (var change in _log.Where(c => c.Revision > from))
                    Offer(watch, change);
                _watches.Add(watch);
            }
        }
        if (gone)
        {
            if (GoneAsException) throw StatusError.Gone("too old resource version");
            yield return new WatchEvent("ERROR", StatusError.Gone("too old resource version").ToStatus());
            yield break;
        }
        try
        {
            await foreach (var ev in watch.Events.Reader.ReadAllAsync(ct))
                yield return ev;
        }
        finally
        {
            lock (_lock) _watches.Remove(watch);
        }
    }

    static void Offer(ActiveWatch watch, Change change)
    {
        if (watch.Resource != change.Resource) return;
        if (watch.Namespace is not null && JsonMeta.Namespace(change.Object) != watch.Namespace) return;
        if (!watch.Selector.Matches(JsonMeta.Labels(change.Object))) return;
        watch.Events.Writer.TryWrite(new WatchEvent(change.Type, (JsonObject)change.Object.DeepClone()));
    }

    // Caller holds the lock.
    void Publish(GroupVersionResource gvr, string type, JsonObject obj)
    {
        var change = new Change(_revision, gvr, type, (JsonObject)obj.DeepClone());
        _log.Add(change);
        foreach (var w in _watches) Offer(w, change);
    }

    JsonObject Stamp(JsonObject obj)
    {
        _revision++;
        var meta = obj["metadata"] as JsonObject ?? new JsonObject();
        obj["metadata"] = meta;
        meta["resourceVersion"] = _revision.ToString(CultureInfo.InvariantCulture);
        return obj;
    }

    void FailIfAsked(ApiCall call)
    {
        if (FailWrites?.Invoke(call) is { } error) throw error;
    }

    public Task<JsonObject> CreateAsync(GroupVersionResource gvr, string? ns, JsonObject obj, string? subresource = null, WriteOptions? options = null, CancellationToken ct = default)
    {
        var name = JsonMeta.Name(obj) ?? throw StatusError.BadRequest("name required");
        var call = new ApiCall("create", gvr, ns, name, obj.ToJsonString());
        Record(call);
        FailIfAsked(call);
        lock (_lock)
        {
            var key = (gvr, ns ?? "", name);
            if (_objects.ContainsKey(key)) throw StatusError.AlreadyExists(gvr.Resource, name);
            var stored = (JsonObject)obj.DeepClone();
            var meta = stored["metadata"]!.AsObject();
            if (ns is not null) meta["namespace"] = ns;
            meta["uid"] = Guid.NewGuid().ToString();
            Stamp(stored);
            _objects[key] = stored;
            Publish(gvr, "ADDED", stored);
            return Task.FromResult((JsonObject)stored.DeepClone());
        }
    }

    public Task<JsonObject> UpdateAsync(GroupVersionResource gvr, string? ns, JsonObject obj, string? subresource = null, WriteOptions? options = null, CancellationToken ct = default)
    {
        var name = JsonMeta.Name(obj) ?? throw StatusError.BadRequest("name required");
        var call = new ApiCall("update", gvr, ns, name, obj.ToJsonString());
        Record(call);
        FailIfAsked(call);
        lock (_lock)
        {
            var key = (gvr, ns ?? "", name);
            if (!_objects.TryGetValue(key, out var current)) throw StatusError.NotFound(gvr.Resource, name);
            if (JsonMeta.ResourceVersion(obj) is { Length: > 0 } rv && rv != JsonMeta.ResourceVersion(current))
                throw StatusError.Conflict(gvr.Resource, name, "the object has been modified; please apply your changes to the latest version and try again");
            var stored = (JsonObject)obj.DeepClone();
            stored["metadata"]!["uid"] = JsonMeta.Uid(current);
            Stamp(stored);
            _objects[key] = stored;
            Publish(gvr, "MODIFIED", stored);
            return Task.FromResult((JsonObject)stored.DeepClone());
        }
    }

    public Task<JsonObject> PatchAsync(GroupVersionResource gvr, string? ns, string name, PatchType type, string patch, string? subresource = null, WriteOptions? options = null, CancellationToken ct = default)
    {
        var call = new ApiCall("patch:" + type, gvr, ns, name, patch);
        Record(call);
        FailIfAsked(call);
        if (type is not (PatchType.Merge or PatchType.StrategicMerge)) throw StatusError.UnsupportedMediaType(type.ToString());
        lock (_lock)
        {
            var key = (gvr, ns ?? "", name);
            if (!_objects.TryGetValue(key, out var current)) throw StatusError.NotFound(gvr.Resource, name);
            var stored = (JsonObject)current.DeepClone();
            JsonMergePatch.Apply(stored, JsonNode.Parse(patch)!.AsObject());
            Stamp(stored);
            _objects[key] = stored;
            Publish(gvr, "MODIFIED", stored);
            return Task.FromResult((JsonObject)stored.DeepClone());
        }
    }

    public Task<JsonObject> DeleteAsync(GroupVersionResource gvr, string? ns, string name, DeleteOptions? options = null, CancellationToken ct = default)
    {
        Record(new ApiCall("delete", gvr, ns, name));
        lock (_lock)
        {
            var key = (gvr, ns ?? "", name);
            if (!_objects.Remove(key, out var current)) throw StatusError.NotFound(gvr.Resource, name);
            Stamp(current);
            Publish(gvr, "DELETED", current);
            return Task.FromResult((JsonObject)current.DeepClone());
        }
    }
}
