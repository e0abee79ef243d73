using System.Text.Json.Nodes;
using KubeSharp.Api.Errors;
using KubeSharp.Api.Resources;
using KubeSharp.Client;
using KubeSharp.Client.Cache;
using KubeSharp.Client.Queue;
using Microsoft.Extensions.Logging;

namespace KubeSharp.Controllers.GarbageCollector;

/// <summary>
/// Upstream's garbage collector: deletes objects whose owners are all gone (background propagation),
/// deletes the dependents of owners in foreground deletion before letting the owner go, and strips
/// owner references from the dependents of orphaned owners.
/// </summary>
public sealed class GarbageCollector : IController
{
    const string OrphanFinalizer = "orphan";
    const string ForegroundFinalizer = "foregroundDeletion";

    readonly IApiClient _api;
    readonly ResourceRegistry _resources;
    readonly SharedInformerFactory _informers;
    readonly ILogger _log;
    readonly OwnerGraph _graph = new();
    readonly WorkQueue<string> _queue;
    readonly Controller<string> _controller;
    readonly HashSet<GroupVersionResource> _watched = [];
    readonly Lock _gate = new();

    public GarbageCollector(ControllerContext ctx)
        : this(ctx.Api, ctx.Informers, ctx.Resources, ctx.Time, ctx.Logs.CreateLogger<GarbageCollector>()) { }

    public GarbageCollector(IApiClient api, SharedInformerFactory informers, ResourceRegistry resources, TimeProvider time, ILogger log)
    {
        _api = api;
        _resources = resources;
        _informers = informers;
        _log = log;
        _queue = new WorkQueue<string>(time);
        _controller = new Controller<string>("garbage-collector", _queue, ReconcileAsync, log);
    }

    public string Name => "garbage-collector";

    /// <summary>Watches every deletable resource (and new ones as CRDs appear), then works the queue.</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        WatchAll(ct);
        _resources.Changed += () => WatchAll(ct);
        await _controller.RunAsync(2, ct);
    }

    void WatchAll(CancellationToken ct)
    {
        foreach (var def in _resources.All.Where(d => !d.Virtual && d.Verbs.Contains("watch") && d.Verbs.Contains("delete")))
        {
            lock (_gate) if (!_watched.Add(def.Gvr)) continue;
            var gvr = def.Gvr;
            var informer = _informers.InformerFor(gvr);
            informer.AddEventHandler(
                onAdd: o => Observe(gvr, o),
                onUpdate: (_, o) => Observe(gvr, o),
                onDelete: o => Removed(o));
        }
        _informers.Start(ct);
    }

    void Observe(GroupVersionResource gvr, JsonObject obj)
    {
        var node = GraphNode.From(gvr, obj);
        _graph.Upsert(node);
        if (node.Owners.Count > 0) _queue.Add(node.Uid);
        if (node.Deleting && (node.Foreground || node.Orphan)) _queue.Add(node.Uid);
        // Dependents that arrived before their owner was seen are re-checked now that it is known.
    }

    void Removed(JsonObject obj)
    {
        var uid = JsonMeta.Uid(obj) ?? "";
        _graph.Remove(uid);
        foreach (var dependent in _graph.DependentsOf(uid)) _queue.Add(dependent.Uid);
    }

    public Task RunOnceAsync(string uid, CancellationToken ct) => ReconcileAsync(uid, ct);

    async Task ReconcileAsync(string uid, CancellationToken ct)
    {
        var node = _graph.Get(uid);
        if (node is null) return;
        if (node.Deleting && node.Orphan) await OrphanDependentsAsync(node, ct);
        else if (node.Deleting && node.Foreground) await DeleteDependentsInForegroundAsync(node, ct);
        if (node.Owners.Count > 0) await CollectIfOrphanedAsync(node, ct);
    }

    /// <summary>A dependent whose every owner is gone is deleted; one whose owner is being deleted in foreground goes first.</summary>
    async Task CollectIfOrphanedAsync(GraphNode node, CancellationToken ct)
    {
        var dangling = new List<OwnerRef>();
        var waitingForeground = new List<OwnerRef>();
        foreach (var owner in node.Owners)
        {
            var state = await OwnerStateAsync(owner, node.Namespace, ct);
            if (state == OwnerState.Absent) dangling.Add(owner);
            else if (state == OwnerState.ForegroundDeleting) waitingForeground.Add(owner);
        }
        if (dangling.Count == node.Owners.Count)
        {
            await DeleteAsync(node, "Background", ct);
            return;
        }
        if (waitingForeground.Count > 0 && dangling.Count + waitingForeground.Count == node.Owners.Count)
        {
            await DeleteAsync(node, "Foreground", ct);
            return;
        }
        if (dangling.Count > 0) await RemoveOwnerRefsAsync(node, dangling.Select(d => d.Uid).ToHashSet(), ct);
    }

    async Task DeleteDependentsInForegroundAsync(GraphNode owner, CancellationToken ct)
    {
        var dependents = _graph.DependentsOf(owner.Uid);
        foreach (var d in dependents.Where(d => !d.Deleting)) await DeleteAsync(d, "Foreground", ct);
        if (dependents.Count > 0)
        {
            _queue.AddAfter(owner.Uid, TimeSpan.FromMilliseconds(300));
            return;
        }
        await RemoveFinalizerAsync(owner, ForegroundFinalizer, ct);
    }

    async Task OrphanDependentsAsync(GraphNode owner, CancellationToken ct)
    {
        foreach (var d in _graph.DependentsOf(owner.Uid)) await RemoveOwnerRefsAsync(d, new HashSet<string> { owner.Uid }, ct);
        await RemoveFinalizerAsync(owner, OrphanFinalizer, ct);
    }

    enum OwnerState { Present, Absent, ForegroundDeleting }

    async Task<OwnerState> OwnerStateAsync(OwnerRef owner, string ns, CancellationToken ct)
    {
        var known = _graph.Get(owner.Uid);
        if (known is not null) return known.Deleting && known.Foreground ? OwnerState.ForegroundDeleting : OwnerState.Present;
        // Not in the graph: the cache may lag, so ask the API before calling it absent, as upstream does.
        var gvk = GroupVersionKind.FromApiVersion(owner.ApiVersion, owner.Kind);
        var def = _resources.Find(gvk) ?? _resources.FindByKind(gvk.Group, gvk.Kind);
        if (def is null) return OwnerState.Absent;
        try
        {
            var obj = await _api.GetAsync(def.Gvr, def.Namespaced ? ns : null, owner.Name, ct: ct);
            if (JsonMeta.Uid(obj) != owner.Uid) return OwnerState.Absent;
            var node = GraphNode.From(def.Gvr, obj);
            return node.Deleting && node.Foreground ? OwnerState.ForegroundDeleting : OwnerState.Present;
        }
        catch (StatusError e) when (e.Code == 404) { return OwnerState.Absent; }
    }

    async Task DeleteAsync(GraphNode node, string policy, CancellationToken ct)
    {
        if (node.Deleting) return;
        try
        {
            _log.LogDebug("garbage collecting {Resource} {Namespace}/{Name}", node.Resource, node.Namespace, node.Name);
            await _api.DeleteAsync(node.Resource, NullIfEmpty(node.Namespace), node.Name,
                new DeleteOptions { PropagationPolicy = policy, PreconditionUid = node.Uid }, ct);
        }
        catch (StatusError e) when (e.Code is 404 or 409) { }
    }

    async Task RemoveOwnerRefsAsync(GraphNode node, IReadOnlySet<string> ownerUids, CancellationToken ct)
    {
        try
        {
            var obj = await _api.GetAsync(node.Resource, NullIfEmpty(node.Namespace), node.Name, ct: ct);
            if (obj["metadata"] is not JsonObject meta || meta["ownerReferences"] is not JsonArray refs) return;
            var kept = new JsonArray(refs.OfType<JsonObject>().Where(r => !ownerUids.Contains((string?)r["uid"] ?? "")).Select(r => (JsonNode)r.DeepClone()).ToArray());
            if (kept.Count == refs.Count) return;
            if (kept.Count == 0) meta.Remove("ownerReferences"); else meta["ownerReferences"] = kept;
            await _api.UpdateAsync(node.Resource, NullIfEmpty(node.Namespace), obj, options: new WriteOptions { FieldManager = "garbage-collector" }, ct: ct);
        }
        catch (StatusError e) when (e.Code == 404) { }
    }

    async Task RemoveFinalizerAsync(GraphNode node, string finalizer, CancellationToken ct)
    {
        try
        {
            var obj = await _api.GetAsync(node.Resource, NullIfEmpty(node.Namespace), node.Name, ct: ct);
            if (obj["metadata"] is not JsonObject meta || meta["finalizers"] is not JsonArray fin) return;
            var kept = fin.Where(f => (string?)f != finalizer).Select(f => (JsonNode?)f?.DeepClone()).ToArray();
            if (kept.Length == fin.Count) return;
            if (kept.Length == 0) meta.Remove("finalizers"); else meta["finalizers"] = new JsonArray(kept);
            await _api.UpdateAsync(node.Resource, NullIfEmpty(node.Namespace), obj, options: new WriteOptions { FieldManager = "garbage-collector" }, ct: ct);
        }
        catch (StatusError e) when (e.Code == 404) { }
    }

    static string? NullIfEmpty(string s) => s.Length == 0 ? null : s;
}
