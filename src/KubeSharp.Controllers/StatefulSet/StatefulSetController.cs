using System.Text.Json.Nodes;
using KubeSharp.Api.Errors;
using KubeSharp.Api.Resources;
using KubeSharp.Api.Selectors;
using KubeSharp.Client;
using KubeSharp.Client.Cache;
using KubeSharp.Client.Events;
using KubeSharp.Client.Queue;
using KubeSharp.Controllers.History;
using Microsoft.Extensions.Logging;

namespace KubeSharp.Controllers.StatefulSet;

/// <summary>
/// Upstream's statefulset controller: keeps each set's ordinal pods, their claims and its revision
/// history in line with its spec, and reports what it sees in status.
/// </summary>
public sealed class StatefulSetController : IController
{
    public static readonly GroupVersionResource StatefulSets = new("apps", "v1", "statefulsets");
    const string FieldManager = "statefulset-controller";

    readonly IApiClient _api;
    readonly Informer _sets, _pods, _claims, _revisions;
    readonly WorkQueue<NamespacedName> _queue;
    readonly Controller<NamespacedName> _controller;
    readonly RevisionHistory _history;
    readonly ControllerRefClaims _refs;
    readonly StatefulSetSync _sync;

    public StatefulSetController(ControllerContext ctx)
        : this(ctx.Api, ctx.Informers, ctx.Time, ctx.Recorder("statefulset-controller"), ctx.Logs.CreateLogger<StatefulSetController>()) { }

    public StatefulSetController(IApiClient api, SharedInformerFactory informers, TimeProvider time, EventRecorder? events, ILogger log)
    {
        _api = api;
        _sets = informers.InformerFor(StatefulSets);
        _pods = informers.InformerFor(StatefulSetSync.Pods);
        _claims = informers.InformerFor(StatefulSetClaims.Resource);
        _revisions = informers.InformerFor(RevisionHistory.Resource);
        _queue = new WorkQueue<NamespacedName>(time);
        _controller = new Controller<NamespacedName>(Name, _queue, ReconcileAsync, log);
        _history = new RevisionHistory(api, FieldManager);
        _refs = new ControllerRefClaims(api, FieldManager);
        _sync = new StatefulSetSync(api, new StatefulSetClaims(api, _claims.Lister.Get, events, FieldManager), events, time, FieldManager);

        _sets.AddEventHandler(onAdd: Enqueue, onUpdate: (_, n) => Enqueue(n), onDelete: Enqueue);
        _pods.AddEventHandler(onAdd: OnChild, onUpdate: OnChildUpdate, onDelete: OnChild);
        _revisions.AddEventHandler(onAdd: OnChild, onUpdate: OnChildUpdate, onDelete: OnChild);
    }

    public string Name => "statefulset";

    public Task RunAsync(CancellationToken ct) => _controller.RunAsync(2, ct);

    void Enqueue(JsonObject set) => _queue.Add(JsonMeta.Key(set));

    void OnChildUpdate(JsonObject old, JsonObject now)
    {
        // A change of controller (released or adopted) concerns both the old and the new owner.
        if (ControllerRefs.OwnerUid(old) != ControllerRefs.OwnerUid(now)) OnChild(old);
        OnChild(now);
    }

    void OnChild(JsonObject child)
    {
        if (ControllerRefs.Of(child) is { } owner)
        {
            if (JsonFields.Str(owner, "kind") == "StatefulSet" && JsonFields.Str(owner, "apiVersion")?.StartsWith("apps/", StringComparison.Ordinal) == true)
                _queue.Add(new NamespacedName(JsonMeta.Namespace(child) ?? "", JsonFields.Str(owner, "name") ?? ""));
            return;
        }
        // An orphan may be adopted by any set whose selector matches it.
        foreach (var set in _sets.Lister.List(JsonMeta.Namespace(child) ?? ""))
            if (WorkloadSelector.NonEmpty(set) is { } s && s.Matches(JsonMeta.Labels(child))) Enqueue(set);
    }

    public async Task ReconcileAsync(NamespacedName key, CancellationToken ct)
    {
        var set = _sets.Lister.Get(key);
        if (set is null || WorkloadSelector.NonEmpty(set) is not { } selector) return;
        var controllerRef = ControllerRefs.New(set, "apps/v1", "StatefulSet");
        var setName = JsonMeta.Name(set)!;

        var pods = (await _refs.ClaimAsync(StatefulSetSync.Pods, set, controllerRef, selector, _pods.Lister.List(key.Namespace), ct))
            .Where(p => StatefulPodIdentity.Ordinal(setName, JsonMeta.Name(p) ?? "") is not null).ToList();
        var revisions = await _refs.ClaimAsync(RevisionHistory.Resource, set, controllerRef, selector, _revisions.Lister.List(key.Namespace), ct);

        var collisionCount = (int)(JsonFields.Int(set, "status", "collisionCount") ?? 0);
        var (updateRevision, newCollisionCount) = await _history.EnsureAsync(set, "apps/v1", "StatefulSet",
            ControllerRevisions.TemplatePatch(set), revisions, collisionCount, ct);
        var currentName = JsonFields.Str(set, "status", "currentRevision");
        var currentRevision = revisions.FirstOrDefault(r => JsonMeta.Name(r) == currentName) ?? updateRevision;

        var result = await _sync.SyncAsync(set, pods, currentRevision, updateRevision, newCollisionCount, ct);
        await WriteStatusAsync(set, result.Status, ct);
        if (result.RequeueAfter is { } after) _queue.AddAfter(key, after);

        var live = new HashSet<string>(StringComparer.Ordinal) { JsonMeta.Name(updateRevision)!, JsonFields.Str(result.Status, "currentRevision") ?? "" };
        foreach (var pod in pods)
            if (JsonMeta.Labels(pod)?.GetValueOrDefault(ControllerRevisionHash.Label) is { } r) live.Add(r);
        var kept = revisions.Where(r => JsonMeta.Name(r) != JsonMeta.Name(updateRevision)).Append(updateRevision).ToList();
        await _history.TruncateAsync(kept, live, (int)(JsonFields.Int(set, "spec", "revisionHistoryLimit") ?? 10), ct);
    }

    async Task WriteStatusAsync(JsonObject set, JsonObject status, CancellationToken ct)
    {
        if (JsonFields.Same(set["status"], status)) return;
        var updated = (JsonObject)set.DeepClone();
        updated["status"] = status;
        try
        {
            await _api.UpdateAsync(StatefulSets, JsonMeta.Namespace(set), updated, "status", new WriteOptions { FieldManager = FieldManager }, ct);
        }
        catch (StatusError e) when (e.Code == 409)
        {
            // The set changed meanwhile; its update event brings it back with the news.
            _queue.AddRateLimited(JsonMeta.Key(set));
        }
        catch (StatusError e) when (e.Code == 404) { }
    }
}
