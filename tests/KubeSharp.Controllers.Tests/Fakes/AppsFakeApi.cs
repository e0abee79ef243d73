using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using KubeSharp.Api.Errors;
using KubeSharp.Api.Model;
using KubeSharp.Api.Resources;
using LabelSelector = KubeSharp.Api.Selectors.LabelSelector;
using KubeSharp.Client;
using KubeSharp.Client.Cache;
using KubeSharp.Testing;
using DeleteOptions = KubeSharp.Client.DeleteOptions;

namespace KubeSharp.Controllers.Tests.Fakes;

/// <summary>
/// An in-memory API for the apps controllers' tests: a revisioned store with list, watch (so real informers
/// run against it), create (generateName, AlreadyExists), update (optimistic concurrency, the status
/// subresource), JSON merge patch and immediate delete. Every write is logged as "verb resource/name".
/// </summary>
public sealed class AppsFakeApi(TimeProvider time) : IApiClient
{
    sealed record Change(long Revision, GroupVersionResource Resource, string Type, JsonObject Object);

    readonly Lock _gate = new();
    readonly Dictionary<GroupVersionResource, Dictionary<NamespacedName, JsonObject>> _objects = [];
    readonly List<Change> _changes = [];
    readonly List<string> _calls = [];
    TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    long _revision;
    int _names;

    public IReadOnlyList<string> Calls { get { lock (_gate) return [.. _calls]; } }

    public void ClearCalls() { lock (_gate) _calls.Clear(); }

    /// <summary>The stored objects of a resource (in one namespace when given), by name.</summary>
    public IReadOnlyList<JsonObject> Items(GroupVersionResource gvr, string? ns = null)
    {
        lock (_gate)
            return [.. Bucket(gvr).Where(kv => ns is null || kv.Key.Namespace == ns).OrderBy(kv => kv.Key.Name, StringComparer.Ordinal)
                .Select(kv => (JsonObject)kv.Value.DeepClone())];
    }

    public JsonObject? Find(GroupVersionResource gvr, string? ns, string name)
    {
        lock (_gate) return Bucket(gvr).TryGetValue(new(ns ?? "", name), out var o) ? (JsonObject)o.DeepClone() : null;
    }

    /// <summary>Stores a changed copy of an object as a writer other than the controller would (a kubelet, a user).</summary>
    public JsonObject Mutate(GroupVersionResource gvr, string? ns, string name, Action<JsonObject> change)
    {
        lock (_gate)
        {
            var obj = (JsonObject)Bucket(gvr)[new(ns ?? "", name)].DeepClone();
            change(obj);
            return Store(gvr, obj, "MODIFIED");
        }
    }

    /// <summary>True when every informer's cache holds exactly the stored objects at their stored versions.</summary>
    public bool InSync(params Informer[] informers)
    {
        lock (_gate)
            foreach (var informer in informers)
            {
                var stored = Bucket(informer.Resource);
                var cached = informer.Lister.List();
                if (cached.Count != stored.Count) return false;
                foreach (var obj in cached)
                    if (!stored.TryGetValue(JsonMeta.Key(obj), out var s) || JsonMeta.ResourceVersion(s) != JsonMeta.ResourceVersion(obj)) return false;
            }
        return true;
    }

    Dictionary<NamespacedName, JsonObject> Bucket(GroupVersionResource gvr)
    {
        if (!_objects.TryGetValue(gvr, out var bucket)) _objects[gvr] = bucket = [];
        return bucket;
    }

    JsonObject Store(GroupVersionResource gvr, JsonObject obj, string type)
    {
        var meta = (JsonObject)obj["metadata"]!;
        meta["resourceVersion"] = (++_revision).ToString(CultureInfo.InvariantCulture);
        var key = new NamespacedName(JsonMeta.Namespace(obj) ?? "", JsonMeta.Name(obj)!);
        if (type == "DELETED") Bucket(gvr).Remove(key);
        else Bucket(gvr)[key] = obj;
        _changes.Add(new Change(_revision, gvr, type, (JsonObject)obj.DeepClone()));
        _changed.TrySetResult();
        _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        return (JsonObject)obj.DeepClone();
    }

    static StatusError NotFound(GroupVersionResource gvr, string name) => StatusError.NotFound(gvr.Resource, name);

    public Task<JsonObject> GetAsync(GroupVersionResource gvr, string? ns, string name, string? subresource = null, CancellationToken ct = default) =>
        Find(gvr, ns, name) is { } obj ? Task.FromResult(obj) : Task.FromException<JsonObject>(NotFound(gvr, name));

    public Task<ObjectList> ListAsync(GroupVersionResource gvr, string? ns, ListOptions? options = null, CancellationToken ct = default)
    {
        lock (_gate)
        {
            var selector = LabelSelector.Parse(options?.LabelSelector);
            var items = Bucket(gvr).Values.Where(o => (ns is null || JsonMeta.Namespace(o) == ns) && selector.Matches(JsonMeta.Labels(o)))
                .Select(o => (JsonObject)o.DeepClone()).ToList();
            return Task.FromResult(new ObjectList(items, _revision.ToString(CultureInfo.InvariantCulture), null));
        }
    }

    public async IAsyncEnumerable<WatchEvent> WatchAsync(GroupVersionResource gvr, string? ns, ListOptions options, [EnumeratorCancellation] CancellationToken ct = default)
    {
        var from = long.TryParse(options.ResourceVersion, CultureInfo.InvariantCulture, out var rv) ? rv : 0;
        while (!ct.IsCancellationRequested)
        {
            List<Change> pending;
            Task next;
            lock (_gate)
            {
                pending = [.. _changes.Where(c => c.Revision > from && c.Resource == gvr && (ns is null || JsonMeta.Namespace(c.Object) == ns))];
                next = _changed.Task;
                from = _revision;
            }
            foreach (var c in pending) yield return new WatchEvent(c.Type, (JsonObject)c.Object.DeepClone());
            try { await next.WaitAsync(ct); }
            catch (OperationCanceledException) { yield break; }
        }
    }

    public Task<JsonObject> CreateAsync(GroupVersionResource gvr, string? ns, JsonObject obj, string? subresource = null, WriteOptions? options = null, CancellationToken ct = default)
    {
        lock (_gate)
        {
            var copy = (JsonObject)obj.DeepClone();
            var meta = copy["metadata"] as JsonObject ?? (JsonObject)(copy["metadata"] = new JsonObject());
            if (ns is not null) meta["namespace"] = ns;
            if (JsonMeta.Name(copy) is null or "" && meta["generateName"]?.GetValue<string>() is { } prefix)
                meta["name"] = prefix + (++_names).ToString("x5", CultureInfo.InvariantCulture);
            var name = JsonMeta.Name(copy)!;
            if (Bucket(gvr).ContainsKey(new(ns ?? "", name))) return Task.FromException<JsonObject>(StatusError.AlreadyExists(gvr.Resource, name));
            meta["uid"] = Guid.NewGuid().ToString();
            meta["creationTimestamp"] = KubeJson.FormatTime(time.GetUtcNow());
            meta["generation"] = 1L;
            if (gvr.Resource == "pods" && copy["status"] is null) copy["status"] = new JsonObject { ["phase"] = "Pending" };
            _calls.Add($"create {gvr.Resource}/{name}");
            return Task.FromResult(Store(gvr, copy, "ADDED"));
        }
    }

    public Task<JsonObject> UpdateAsync(GroupVersionResource gvr, string? ns, JsonObject obj, string? subresource = null, WriteOptions? options = null, CancellationToken ct = default)
    {
        lock (_gate)
        {
            var name = JsonMeta.Name(obj)!;
            if (!Bucket(gvr).TryGetValue(new(ns ?? "", name), out var old)) return Task.FromException<JsonObject>(NotFound(gvr, name));
            if (JsonMeta.ResourceVersion(obj) is { Length: > 0 } rv && rv != JsonMeta.ResourceVersion(old))
                return Task.FromException<JsonObject>(StatusError.Conflict(gvr.Resource, name, "the object has been modified"));
            JsonObject updated;
            if (subresource == "status")
            {
                updated = (JsonObject)old.DeepClone();
                updated["status"] = obj["status"]?.DeepClone();
            }
            else
            {
                updated = (JsonObject)obj.DeepClone();
                updated["status"] = old["status"]?.DeepClone();
                var generation = old["metadata"]?["generation"]?.GetValue<long>() ?? 1;
                if (!JsonNode.DeepEquals(old["spec"], updated["spec"])) generation++;
                ((JsonObject)updated["metadata"]!)["generation"] = generation;
            }
            _calls.Add($"update {gvr.Resource}/{name}{(subresource is null ? "" : "/" + subresource)}");
            return Task.FromResult(Store(gvr, updated, "MODIFIED"));
        }
    }

    public Task<JsonObject> PatchAsync(GroupVersionResource gvr, string? ns, string name, PatchType type, string patch, string? subresource = null, WriteOptions? options = null, CancellationToken ct = default)
    {
        if (type != PatchType.Merge) throw new NotSupportedException("the fake API applies JSON merge patches only");
        var current = Find(gvr, ns, name) ?? throw NotFound(gvr, name);
        var merged = JsonMergePatch.Apply(current, JsonNode.Parse(patch)!.AsObject());
        ((JsonObject)merged["metadata"]!).Remove("resourceVersion");
        return UpdateAsync(gvr, ns, merged, subresource, options, ct);
    }

    public Task<JsonObject> DeleteAsync(GroupVersionResource gvr, string? ns, string name, DeleteOptions? options = null, CancellationToken ct = default)
    {
        lock (_gate)
        {
            if (!Bucket(gvr).TryGetValue(new(ns ?? "", name), out var old)) return Task.FromException<JsonObject>(NotFound(gvr, name));
            if (options?.PreconditionUid is { } uid && uid != JsonMeta.Uid(old))
                return Task.FromException<JsonObject>(StatusError.Conflict(gvr.Resource, name, "the UID in the precondition does not match"));
            _calls.Add($"delete {gvr.Resource}/{name}");
            return Task.FromResult(Store(gvr, (JsonObject)old.DeepClone(), "DELETED"));
        }
    }
}
