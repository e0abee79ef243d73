using System.Text.Json.Nodes;
using KubeSharp.Api.Errors;
using KubeSharp.Api.Resources;
using KubeSharp.Client;
using KubeSharp.Client.Cache;
using KubeSharp.Client.Queue;
using Microsoft.Extensions.Logging;

namespace KubeSharp.Controllers.Namespace;

/// <summary>
/// Empties terminating namespaces: deletes every namespaced object in them, and once nothing is left
/// clears the "kubernetes" finalizer through /finalize so the namespace itself goes, as upstream's
/// namespace controller does.
/// </summary>
public sealed class NamespaceController : IController
{
    static readonly GroupVersionResource Namespaces = new("", "v1", "namespaces");
    readonly IApiClient _api;
    readonly Informer _informer;
    readonly ResourceRegistry _resources;
    readonly WorkQueue<string> _queue;
    readonly Controller<string> _controller;

    public NamespaceController(ControllerContext ctx)
        : this(ctx.Api, ctx.Informers, ctx.Resources, ctx.Time, ctx.Logs.CreateLogger<NamespaceController>()) { }

    public NamespaceController(IApiClient api, SharedInformerFactory informers, ResourceRegistry resources, TimeProvider time, ILogger log)
    {
        _api = api;
        _resources = resources;
        _informer = informers.InformerFor(Namespaces);
        _queue = new WorkQueue<string>(time);
        _controller = new Controller<string>("namespace", _queue, ReconcileAsync, log);
        _informer.AddEventHandler(onAdd: Enqueue, onUpdate: (_, n) => Enqueue(n));
    }

    void Enqueue(JsonObject ns)
    {
        if (ns["metadata"]?["deletionTimestamp"] is not null) _queue.Add(JsonMeta.Name(ns) ?? "");
    }

    public string Name => "namespace";

    public Task RunAsync(CancellationToken ct) => _controller.RunAsync(2, ct);

    public async Task ReconcileAsync(string name, CancellationToken ct)
    {
        var ns = _informer.Lister.Get(null, name);
        if (ns is null || ns["metadata"]?["deletionTimestamp"] is null) return;

        var remaining = 0;
        foreach (var def in _resources.All.Where(d => d.Namespaced && !d.Virtual && d.Verbs.Contains("delete") && d.Verbs.Contains("list")))
        {
            ObjectList list;
            try { list = await _api.ListAsync(def.Gvr, name, null, ct); }
            catch (StatusError e) when (e.Code == 404) { continue; }
            foreach (var item in list.Items)
            {
                remaining++;
                if (item["metadata"]?["deletionTimestamp"] is not null) continue;
                try { await _api.DeleteAsync(def.Gvr, name, JsonMeta.Name(item) ?? "", new DeleteOptions { PropagationPolicy = "Background" }, ct); }
                catch (StatusError e) when (e.Code is 404 or 409) { }
            }
        }
        if (remaining > 0)
        {
            // Objects with finalizers or graceful termination go away on their own time; look again soon.
            _queue.AddAfter(name, TimeSpan.FromMilliseconds(500));
            return;
        }
        if (ns["spec"]?["finalizers"] is JsonArray { Count: > 0 })
        {
            var finalized = (JsonObject)ns.DeepClone();
            ((JsonObject)finalized["spec"]!)["finalizers"] = new JsonArray();
            try { await _api.UpdateAsync(Namespaces, null, finalized, "finalize", new WriteOptions { FieldManager = "namespace-controller" }, ct); }
            catch (StatusError e) when (e.Code is 404) { }
        }
    }
}
