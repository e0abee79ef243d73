using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using KubeSharp.Api.Errors;
using KubeSharp.Api.Model;
using KubeSharp.Api.Resources;
using KubeSharp.Client;

namespace KubeSharp.Controllers.Tests.Fakes;

/// <summary>
/// An in-memory API for the batch controller tests: create (with generateName and uids), update (status
/// subresource apart), the strategic-merge patches the controllers send (finalizer removal, adoption),
/// deletion that waits for finalizers, optimistic concurrency, and watches replayed from a change log.
/// </summary>
public sealed class BatchFakeApi(TimeProvider time) : IApiClient
{
    sealed record Change(long Revision, GroupVersionResource Resource, WatchEvent Event);

    readonly Lock _lock = new();
    readonly Dictionary<(GroupVersionResource, string, string), JsonObject> _objects = [];
    readonly List<Change> _log = [];
    readonly List<(GroupVersionResource Resource, Channel<WatchEvent> Events)> _watchers = [];
    long _revision = 1;
    int _names;

    public long Revision { get { lock (_lock) return _revision; } }

    /// <summary>The revision of the last change to <paramref name="gvr"/> (0 if none).</summary>
    public long LastRevision(GroupVersionResource gvr)
    {
        lock (_lock) return _log.LastOrDefault(c => c.Resource == gvr)?.Revision ?? 0;
    }

    /// <summary>When set, pod creation fails with this error.</summary>
    public StatusError? FailPodCreates { get; set; }

    public JsonObject? Get(GroupVersionResource gvr, string ns, string name)
    {
        lock (_lock) return _objects.TryGetValue((gvr, ns, name), out var o) ? (JsonObject)o.DeepClone() : null;
    }

    public IReadOnlyList<JsonObject> All(GroupVersionResource gvr, string? ns = null)
    {
        lock (_lock)
            return [.. _objects.Where(kv => kv.Key.Item1 == gvr && (ns is null || kv.Key.Item2 == ns))
                .Select(kv => (JsonObject)kv.Value.DeepClone()).OrderBy(o => JsonMeta.Name(o), StringComparer.Ordinal)];
    }

    public Task<JsonObject> GetAsync(GroupVersionResource gvr, string? ns, string name, string? subresource = null, CancellationToken ct = default) =>
        Task.FromResult(Get(gvr, ns ?? "", name) ?? throw StatusError.NotFound(gvr.Resource, name));

    public Task<ObjectList> ListAsync(GroupVersionResource gvr, string? ns, ListOptions? options = null, CancellationToken ct = default)
    {
        lock (_lock) return Task.FromResult(new ObjectList(All(gvr, ns), _revision.ToString(CultureInfo.InvariantCulture), null));
    }

    public async IAsyncEnumerable<WatchEvent> WatchAsync(GroupVersionResource gvr, string? ns, ListOptions options, [EnumeratorCancellation] CancellationToken ct = default)
    {
        var from = long.TryParse(options.ResourceVersion, out var rv) ? rv : 0;
        var channel = Channel.CreateUnbounded<WatchEvent>();
        lock (_lock)
        {
            foreach (var c in _log.Where(c => c.Revision > from && c.Resource == gvr)) channel.Writer.TryWrite(c.Event);
            _watchers.Add((gvr, channel));
        }
        try
        {
            await foreach (var e in channel.Reader.ReadAllAsync(ct)) yield return e;
        }
        finally
        {
            lock (_lock) _watchers.RemoveAll(w => w.Events == channel);
        }
    }

    public Task<JsonObject> CreateAsync(GroupVersionResource gvr, string? ns, JsonObject obj, string? subresource = null, WriteOptions? options = null, CancellationToken ct = default)
    {
        if (gvr.Resource == "pods" && FailPodCreates is { } failure) throw failure;
        lock (_lock)
        {
            obj = (JsonObject)obj.DeepClone();
            var meta = Meta(obj);
            ns ??= (string?)meta["namespace"] ?? "";
            if (meta["name"] is null)
                meta["name"] = (string?)meta["generateName"] + (++_names).ToString("x5", CultureInfo.InvariantCulture);
            var name = (string)meta["name"]!;
            if (_objects.ContainsKey((gvr, ns, name))) throw StatusError.AlreadyExists(gvr.Resource, name);
            if (ns.Length > 0) meta["namespace"] = ns;
            meta["uid"] = (string?)meta["uid"] ?? Guid.NewGuid().ToString();
            meta["creationTimestamp"] = KubeJson.FormatTime(time.GetUtcNow());
            return Task.FromResult(Store(gvr, ns, name, obj, "ADDED"));
        }
    }

    public Task<JsonObject> UpdateAsync(GroupVersionResource gvr, string? ns, JsonObject obj, string? subresource = null, WriteOptions? options = null, CancellationToken ct = default)
    {
        lock (_lock)
        {
            var name = JsonMeta.Name(obj) ?? "";
            var current = Current(gvr, ns ?? "", name);
            if (JsonMeta.ResourceVersion(obj) is { } rv && rv != JsonMeta.ResourceVersion(current))
                throw StatusError.Conflict(gvr.Resource, name, "the object has been modified; please apply your changes to the latest version and try again");
            JsonObject next;
            if (subresource == "status")
            {
                next = (JsonObject)current.DeepClone();
                next["status"] = obj["status"]?.DeepClone();
            }
            else
            {
                next = (JsonObject)obj.DeepClone();
                next["status"] = current["status"]?.DeepClone();
                Meta(next)["uid"] = JsonMeta.Uid(current);
                Meta(next)["creationTimestamp"] = current["metadata"]?["creationTimestamp"]?.DeepClone();
                Meta(next)["deletionTimestamp"] = current["metadata"]?["deletionTimestamp"]?.DeepClone();
            }
            return Task.FromResult(Commit(gvr, ns ?? "", name, next));
        }
    }

    public Task<JsonObject> PatchAsync(GroupVersionResource gvr, string? ns, string name, PatchType type, string patch, string? subresource = null, WriteOptions? options = null, CancellationToken ct = default)
    {
        lock (_lock)
        {
            var next = (JsonObject)Current(gvr, ns ?? "", name).DeepClone();
            var body = (JsonObject)JsonNode.Parse(patch)!;
            if (body["metadata"]?["uid"] is JsonValue uid && (string?)uid != JsonMeta.Uid(next))
                throw StatusError.Conflict(gvr.Resource, name, "uid precondition failed");
            Merge(next, body);
            return Task.FromResult(Commit(gvr, ns ?? "", name, next));
        }
    }

    public Task<JsonObject> DeleteAsync(GroupVersionResource gvr, string? ns, string name, KubeSharp.Client.DeleteOptions? options = null, CancellationToken ct = default)
    {
        lock (_lock)
        {
            var current = Current(gvr, ns ?? "", name);
            if (options?.PreconditionUid is { } uid && uid != JsonMeta.Uid(current))
                throw StatusError.Conflict(gvr.Resource, name, "uid precondition failed");
            var next = (JsonObject)current.DeepClone();
            Meta(next)["deletionTimestamp"] ??= KubeJson.FormatTime(time.GetUtcNow());
            return Task.FromResult(Commit(gvr, ns ?? "", name, next));
        }
    }

    /// <summary>What a kubelet would report: merges <paramref name="status"/> into the pod's status.</summary>
    public void SetPodStatus(string ns, string name, JsonObject status)
    {
        lock (_lock)
        {
            var gvr = new GroupVersionResource("", "v1", "pods");
            var next = (JsonObject)Current(gvr, ns, name).DeepClone();
            next["status"] = status;
            Commit(gvr, ns, name, next);
        }
    }

    JsonObject Current(GroupVersionResource gvr, string ns, string name) =>
        _objects.TryGetValue((gvr, ns, name), out var o) ? o : throw StatusError.NotFound(gvr.Resource, name);

    /// <summary>Stores a changed object, or removes it once it is being deleted and no finalizer is left.</summary>
    JsonObject Commit(GroupVersionResource gvr, string ns, string name, JsonObject next)
    {
        var deleting = next["metadata"]?["deletionTimestamp"] is not null;
        var finalizers = next["metadata"]?["finalizers"] as JsonArray;
        if (deleting && (finalizers is null || finalizers.Count == 0))
        {
            _objects.Remove((gvr, ns, name));
            return Record(gvr, next, "DELETED");
        }
        return Store(gvr, ns, name, next, "MODIFIED");
    }

    JsonObject Store(GroupVersionResource gvr, string ns, string name, JsonObject obj, string type)
    {
        _objects[(gvr, ns, name)] = obj;
        return Record(gvr, obj, type);
    }

    JsonObject Record(GroupVersionResource gvr, JsonObject obj, string type)
    {
        Meta(obj)["resourceVersion"] = (++_revision).ToString(CultureInfo.InvariantCulture);
        var ev = new WatchEvent(type, (JsonObject)obj.DeepClone());
        _log.Add(new Change(_revision, gvr, ev));
        foreach (var w in _watchers.Where(w => w.Resource == gvr)) w.Events.Writer.TryWrite(ev);
        return (JsonObject)obj.DeepClone();
    }

    static JsonObject Meta(JsonObject obj) => obj["metadata"] as JsonObject ?? (JsonObject)(obj["metadata"] = new JsonObject());

    /// <summary>The strategic merge the controllers rely on: maps merge, finalizers union, owner references by uid, and $deleteFromPrimitiveList.</summary>
    static void Merge(JsonObject target, JsonObject patch)
    {
        foreach (var (key, value) in patch.ToList())
        {
            if (key.StartsWith("$deleteFromPrimitiveList/", StringComparison.Ordinal))
            {
                var field = key["$deleteFromPrimitiveList/".Length..];
                if (target[field] is JsonArray list)
                {
                    var remove = ((JsonArray)value!).Select(v => (string?)v).ToHashSet();
                    foreach (var item in list.Where(i => remove.Contains((string?)i)).ToList()) list.Remove(item);
                }
                continue;
            }
            if (key == "uid") continue;
            if (value is JsonObject sub && target[key] is JsonObject existing) Merge(existing, sub);
            else if (key == "finalizers" && value is JsonArray add)
            {
                var list = target[key] as JsonArray ?? (JsonArray)(target[key] = new JsonArray());
                foreach (var f in add.Select(v => (string?)v))
                    if (!list.Any(i => (string?)i == f)) list.Add(f);
            }
            else if (key == "ownerReferences" && value is JsonArray refs)
            {
                var list = target[key] as JsonArray ?? (JsonArray)(target[key] = new JsonArray());
                foreach (var r in refs.OfType<JsonObject>())
                    if (!list.Any(i => (string?)i?["uid"] == (string?)r["uid"])) list.Add(r.DeepClone());
            }
            else if (value is null) target.Remove(key);
            else target[key] = value.DeepClone();
        }
    }
}
