using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using KubeSharp.Api.Errors;
using KubeSharp.Api.Resources;
using KubeSharp.Client;
using KubeSharp.Testing;

namespace KubeSharp.Scheduler.Tests.Fakes;

/// <summary>
/// A small in-memory API for the scheduler and the simulated nodes: objects, a change log watches replay
/// from, pods/binding, status patches (conditions merged by type) and a hook to fail bindings.
/// </summary>
public sealed class InMemoryApi : IApiClient
{
    sealed record Change(long Revision, GroupVersionResource Resource, WatchEvent Event);
    sealed record Watcher(GroupVersionResource Resource, Channel<WatchEvent> Events);

    readonly Lock _lock = new();
    readonly Dictionary<(GroupVersionResource, string, string), JsonObject> _objects = [];
    readonly List<Change> _log = [];
    readonly List<Watcher> _watchers = [];
    long _revision = 1;

    /// <summary>When set and returning an exception for a pod name, that binding fails with it.</summary>
    public Func<string, Exception?>? FailBinding { get; set; }

    public int Bindings { get; private set; }

    public JsonObject? Get(GroupVersionResource gvr, string? ns, string name)
    {
        lock (_lock) return _objects.TryGetValue((gvr, ns ?? "", name), out var o) ? (JsonObject)o.DeepClone() : null;
    }

    public IReadOnlyList<JsonObject> All(GroupVersionResource gvr)
    {
        lock (_lock) return [.. _objects.Where(kv => kv.Key.Item1 == gvr).Select(kv => (JsonObject)kv.Value.DeepClone())];
    }

    public Task<JsonObject> GetAsync(GroupVersionResource gvr, string? ns, string name, string? subresource = null, CancellationToken ct = default) =>
        Task.FromResult(Get(gvr, ns, name) ?? throw StatusError.NotFound(gvr.Resource, name));

    public Task<ObjectList> ListAsync(GroupVersionResource gvr, string? ns, ListOptions? options = null, CancellationToken ct = default)
    {
        lock (_lock)
        {
            var items = _objects.Where(kv => kv.Key.Item1 == gvr && (ns is null || kv.Key.Item2 == ns)).Select(kv => (JsonObject)kv.Value.DeepClone()).ToList();
            return Task.FromResult(new ObjectList(items, _revision.ToString(CultureInfo.InvariantCulture), null));
        }
    }

    public async IAsyncEnumerable<WatchEvent> WatchAsync(GroupVersionResource gvr, string? ns, ListOptions options, [EnumeratorCancellation] CancellationToken ct = default)
    {
        var from = long.TryParse(options.ResourceVersion, out var rv) ? rv : 0;
        var watcher = new Watcher(gvr, Channel.CreateUnbounded<WatchEvent>());
        lock (_lock)
        {
            foreach (var c in _log.Where(c => c.Revision > from && c.Resource == gvr)) watcher.Events.Writer.TryWrite(c.Event);
            _watchers.Add(watcher);
        }
        try
        {
            while (true)
            {
                WatchEvent ev;
                try { ev = await watcher.Events.Reader.ReadAsync(ct); }
                catch (OperationCanceledException) { yield break; }
                yield return new WatchEvent(ev.Type, (JsonObject)ev.Object.DeepClone());
            }
        }
        finally
        {
            lock (_lock) _watchers.Remove(watcher);
        }
    }

    public Task<JsonObject> CreateAsync(GroupVersionResource gvr, string? ns, JsonObject obj, string? subresource = null, WriteOptions? options = null, CancellationToken ct = default)
    {
        if (subresource == "binding") return Task.FromResult(Bind(ns, obj));
        var o = (JsonObject)obj.DeepClone();
        var meta = (JsonObject)(o["metadata"] ??= new JsonObject());
        var name = meta["name"]?.GetValue<string>() ?? throw StatusError.BadRequest("name required");
        if (ns is not null) meta["namespace"] = ns;
        meta["uid"] ??= Guid.NewGuid().ToString();
        meta["creationTimestamp"] ??= "2025-01-01T00:00:00Z";
        lock (_lock)
        {
            if (_objects.ContainsKey((gvr, ns ?? "", name))) throw new StatusError(409, "AlreadyExists", $"{gvr.Resource} \"{name}\" already exists");
            return Task.FromResult(Store(gvr, ns, name, o, "ADDED"));
        }
    }

    JsonObject Bind(string? ns, JsonObject binding)
    {
        var name = binding["metadata"]!["name"]!.GetValue<string>();
        if (FailBinding?.Invoke(name) is { } error) throw error;
        var pods = new GroupVersionResource("", "v1", "pods");
        lock (_lock)
        {
            if (!_objects.TryGetValue((pods, ns ?? "", name), out var pod)) throw StatusError.NotFound("pods", name);
            var o = (JsonObject)pod.DeepClone();
            var spec = (JsonObject)(o["spec"] ??= new JsonObject());
            if (spec["nodeName"] is not null) throw StatusError.Conflict("pods", name, "already assigned");
            spec["nodeName"] = binding["target"]!["name"]!.GetValue<string>();
            MergeCondition(o, new JsonObject { ["type"] = "PodScheduled", ["status"] = "True" });
            Bindings++;
            Store(pods, ns, name, o, "MODIFIED");
            return new JsonObject { ["kind"] = "Status", ["status"] = "Success" };
        }
    }

    public Task<JsonObject> UpdateAsync(GroupVersionResource gvr, string? ns, JsonObject obj, string? subresource = null, WriteOptions? options = null, CancellationToken ct = default)
    {
        var name = obj["metadata"]!["name"]!.GetValue<string>();
        lock (_lock)
        {
            if (!_objects.ContainsKey((gvr, ns ?? "", name))) throw StatusError.NotFound(gvr.Resource, name);
            return Task.FromResult(Store(gvr, ns, name, (JsonObject)obj.DeepClone(), "MODIFIED"));
        }
    }

    /// <summary>Merge semantics, except that status.conditions merge by type (as a strategic merge does).</summary>
    public Task<JsonObject> PatchAsync(GroupVersionResource gvr, string? ns, string name, PatchType type, string patch, string? subresource = null, WriteOptions? options = null, CancellationToken ct = default)
    {
        var p = (JsonObject)JsonNode.Parse(patch)!;
        lock (_lock)
        {
            if (!_objects.TryGetValue((gvr, ns ?? "", name), out var current)) throw StatusError.NotFound(gvr.Resource, name);
            var o = (JsonObject)current.DeepClone();
            if (p["status"]?["conditions"] is JsonArray conditions)
            {
                foreach (var c in conditions.OfType<JsonObject>()) MergeCondition(o, (JsonObject)c.DeepClone());
                ((JsonObject)p["status"]!).Remove("conditions");
            }
            JsonMergePatch.Apply(o, p);
            return Task.FromResult(Store(gvr, ns, name, o, "MODIFIED"));
        }
    }

    public Task<JsonObject> DeleteAsync(GroupVersionResource gvr, string? ns, string name, DeleteOptions? options = null, CancellationToken ct = default)
    {
        lock (_lock)
        {
            if (!_objects.Remove((gvr, ns ?? "", name), out var old)) throw StatusError.NotFound(gvr.Resource, name);
            var rv = ++_revision;
            old["metadata"]!["resourceVersion"] = rv.ToString(CultureInfo.InvariantCulture);
            Publish(rv, gvr, new WatchEvent("DELETED", (JsonObject)old.DeepClone()));
            return Task.FromResult(old);
        }
    }

    JsonObject Store(GroupVersionResource gvr, string? ns, string name, JsonObject o, string type)
    {
        var rv = ++_revision;
        o["metadata"]!["resourceVersion"] = rv.ToString(CultureInfo.InvariantCulture);
        _objects[(gvr, ns ?? "", name)] = o;
        Publish(rv, gvr, new WatchEvent(type, (JsonObject)o.DeepClone()));
        return (JsonObject)o.DeepClone();
    }

    void Publish(long rv, GroupVersionResource gvr, WatchEvent ev)
    {
        _log.Add(new Change(rv, gvr, ev));
        foreach (var w in _watchers.Where(w => w.Resource == gvr)) w.Events.Writer.TryWrite(ev);
    }

    static void MergeCondition(JsonObject pod, JsonObject condition)
    {
        var status = (JsonObject)(pod["status"] ??= new JsonObject());
        var list = (JsonArray)(status["conditions"] ??= new JsonArray());
        var type = condition["type"]!.GetValue<string>();
        foreach (var c in list.OfType<JsonObject>().Where(c => c["type"]?.GetValue<string>() == type).ToList()) list.Remove(c);
        list.Add(condition);
    }
}
