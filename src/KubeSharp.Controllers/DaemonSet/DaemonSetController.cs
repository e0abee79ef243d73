using System.Text.Json.Nodes;
using KubeSharp.Api.Errors;
using KubeSharp.Api.Resources;
using KubeSharp.Api.Selectors;
using KubeSharp.Client;
using KubeSharp.Client.Cache;
using KubeSharp.Client.Events;
using KubeSharp.Client.Queue;
using KubeSharp.Controllers.Expectations;
using KubeSharp.Controllers.History;
using Microsoft.Extensions.Logging;

namespace KubeSharp.Controllers.DaemonSet;

/// <summary>
/// Upstream's daemonset controller: one pod per eligible node (created with a node affinity naming the
/// node, then bound by the scheduler), rolling updates node by node, history in ControllerRevisions, and
/// a status counted node by node.
/// </summary>
public sealed class DaemonSetController : IController
{
    public static readonly GroupVersionResource DaemonSets = new("apps", "v1", "daemonsets");
    public static readonly GroupVersionResource Pods = new("", "v1", "pods");
    public static readonly GroupVersionResource Nodes = new("", "v1", "nodes");
    const string FieldManager = "daemonset-controller";

    readonly IApiClient _api;
    readonly TimeProvider _time;
    readonly EventRecorder? _events;
    readonly Informer _sets, _pods, _nodes, _revisions;
    readonly WorkQueue<NamespacedName> _queue;
    readonly Controller<NamespacedName> _controller;
    readonly RevisionHistory _history;
    readonly ControllerRefClaims _refs;

    public ControllerExpectations Expectations { get; }

    public DaemonSetController(ControllerContext ctx)
        : this(ctx.Api, ctx.Informers, ctx.Time, ctx.Recorder("daemonset-controller"), ctx.Logs.CreateLogger<DaemonSetController>()) { }

    public DaemonSetController(IApiClient api, SharedInformerFactory informers, TimeProvider time, EventRecorder? events, ILogger log)
    {
        _api = api;
        _time = time;
        _events = events;
        _sets = informers.InformerFor(DaemonSets);
        _pods = informers.InformerFor(Pods);
        _nodes = informers.InformerFor(Nodes);
        _revisions = informers.InformerFor(RevisionHistory.Resource);
        _queue = new WorkQueue<NamespacedName>(time);
        _controller = new Controller<NamespacedName>(Name, _queue, ReconcileAsync, log);
        _history = new RevisionHistory(api, FieldManager);
        _refs = new ControllerRefClaims(api, FieldManager);
        Expectations = new ControllerExpectations(time);

        _sets.AddEventHandler(onAdd: Enqueue, onUpdate: (_, n) => Enqueue(n), onDelete: OnSetDeleted);
        _pods.AddEventHandler(onAdd: OnPodAdded, onUpdate: OnChildUpdate, onDelete: OnPodDeleted);
        _revisions.AddEventHandler(onAdd: OnChild, onUpdate: OnChildUpdate, onDelete: OnChild);
        _nodes.AddEventHandler(onAdd: _ => EnqueueAll(), onUpdate: OnNodeUpdate, onDelete: _ => EnqueueAll());
    }

    public string Name => "daemonset";

    public Task RunAsync(CancellationToken ct) => _controller.RunAsync(2, ct);

    void Enqueue(JsonObject set) => _queue.Add(JsonMeta.Key(set));

    void EnqueueAll()
    {
        foreach (var set in _sets.Lister.List()) Enqueue(set);
    }

    void OnSetDeleted(JsonObject set)
    {
        Expectations.Forget(JsonMeta.Key(set));
        Enqueue(set);
    }

    /// <summary>Only changes that can alter eligibility matter: labels, taints, readiness of scheduling.</summary>
    void OnNodeUpdate(JsonObject old, JsonObject now)
    {
        if (!JsonFields.Same(old["metadata"]?["labels"], now["metadata"]?["labels"]) || !JsonFields.Same(old["spec"], now["spec"])) EnqueueAll();
    }

    static NamespacedName? OwnerKey(JsonObject child) =>
        ControllerRefs.Of(child) is { } owner && JsonFields.Str(owner, "kind") == "DaemonSet"
            && JsonFields.Str(owner, "apiVersion")?.StartsWith("apps/", StringComparison.Ordinal) == true
            ? new NamespacedName(JsonMeta.Namespace(child) ?? "", JsonFields.Str(owner, "name") ?? "")
            : null;

    void OnPodAdded(JsonObject pod)
    {
        if (OwnerKey(pod) is { } key) Expectations.CreationObserved(key);
        OnChild(pod);
    }

    void OnPodDeleted(JsonObject pod)
    {
        if (OwnerKey(pod) is { } key) Expectations.DeletionObserved(key);
        OnChild(pod);
    }

    void OnChildUpdate(JsonObject old, JsonObject now)
    {
        if (ControllerRefs.OwnerUid(old) != ControllerRefs.OwnerUid(now)) OnChild(old);
        OnChild(now);
    }

    void OnChild(JsonObject child)
    {
        if (OwnerKey(child) is { } key)
        {
            _queue.Add(key);
            return;
        }
        if (ControllerRefs.Of(child) is not null) return;
        foreach (var set in _sets.Lister.List(JsonMeta.Namespace(child) ?? ""))
            if (WorkloadSelector.NonEmpty(set) is { } s && s.Matches(JsonMeta.Labels(child))) Enqueue(set);
    }

    public async Task ReconcileAsync(NamespacedName key, CancellationToken ct)
    {
        var set = _sets.Lister.Get(key);
        if (set is null)
        {
            Expectations.Forget(key);
            return;
        }
        if (WorkloadSelector.NonEmpty(set) is not { } selector) return;
        var controllerRef = ControllerRefs.New(set, "apps/v1", "DaemonSet");
        var pods = await _refs.ClaimAsync(Pods, set, controllerRef, selector, _pods.Lister.List(key.Namespace), ct);
        var revisions = await _refs.ClaimAsync(RevisionHistory.Resource, set, controllerRef, selector, _revisions.Lister.List(key.Namespace), ct);
        var nodes = _nodes.Lister.List();
        var now = _time.GetUtcNow();

        var collisionCount = (int)(JsonFields.Int(set, "status", "collisionCount") ?? 0);
        var (current, newCollisionCount) = await _history.EnsureAsync(set, "apps/v1", "DaemonSet", ControllerRevisions.TemplatePatch(set), revisions, collisionCount, ct);
        var hash = JsonMeta.Labels(current)?.GetValueOrDefault(ControllerRevisionHash.Label) ?? "";
        var byNode = DaemonPods.ByNode(pods);

        // A set being deleted only reports status; the garbage collector removes its pods.
        if (set["metadata"]?["deletionTimestamp"] is null && Expectations.Satisfied(key))
        {
            var actions = DaemonSetManage.Plan(set, nodes, byNode, hash, now);
            if (actions.IsEmpty && JsonFields.Str(set, "spec", "updateStrategy", "type") is null or "RollingUpdate")
                actions = DaemonSetRollingUpdate.Plan(set, nodes, byNode, hash, now);
            if (!actions.IsEmpty) await ApplyAsync(key, set, actions, hash, ct);

            var live = new HashSet<string>(StringComparer.Ordinal) { JsonMeta.Name(current)! };
            var liveHashes = pods.Select(p => JsonMeta.Labels(p)?.GetValueOrDefault(ControllerRevisionHash.Label)).OfType<string>().ToHashSet(StringComparer.Ordinal);
            var all = revisions.Where(r => JsonMeta.Name(r) != JsonMeta.Name(current)).Append(current).ToList();
            foreach (var r in all)
                if (JsonMeta.Labels(r)?.GetValueOrDefault(ControllerRevisionHash.Label) is { } h && liveHashes.Contains(h)) live.Add(JsonMeta.Name(r)!);
            await _history.TruncateAsync(all, live, (int)(JsonFields.Int(set, "spec", "revisionHistoryLimit") ?? 10), ct);
        }

        var status = DaemonSetStatusCalculator.Compute(set, nodes, byNode, hash, newCollisionCount, now);
        await WriteStatusAsync(set, status, ct);
        var minReadySeconds = (int)(JsonFields.Int(set, "spec", "minReadySeconds") ?? 0);
        var wait = pods.Select(p => PodReadiness.UntilAvailable(p, minReadySeconds, now)).OfType<TimeSpan>().DefaultIfEmpty().Min();
        if (wait > TimeSpan.Zero) _queue.AddAfter(key, wait);
    }

    /// <summary>Creates in slow-start batches (1, 2, 4, …) so a failing template costs one error, not hundreds; then deletes.</summary>
    async Task ApplyAsync(NamespacedName key, JsonObject set, DaemonSetActions actions, string hash, CancellationToken ct)
    {
        var deletes = actions.PodsToDelete.Concat(actions.PodsToForceDelete).ToList();
        Expectations.Expect(key, actions.NodesNeedingPods.Count, deletes.Count);

        var pending = actions.NodesNeedingPods.ToList();
        var batch = 1;
        var sent = 0;
        try
        {
            while (sent < pending.Count)
            {
                var size = Math.Min(batch, pending.Count - sent);
                await Task.WhenAll(pending.Skip(sent).Take(size).Select(node => CreatePodAsync(key, set, node, hash, ct)));
                sent += size;
                batch *= 2;
            }
        }
        catch
        {
            Expectations.Lower(key, pending.Count - sent, 0);
            throw;
        }

        foreach (var pod in deletes)
        {
            var force = actions.PodsToForceDelete.Contains(pod);
            try
            {
                await _api.DeleteAsync(Pods, JsonMeta.Namespace(pod), JsonMeta.Name(pod)!,
                    new DeleteOptions { PreconditionUid = JsonMeta.Uid(pod), GracePeriodSeconds = force ? 0 : null }, ct);
                _events?.Event(set, EventTypes.Normal, "SuccessfulDelete", $"Deleted pod: {JsonMeta.Name(pod)}");
            }
            catch (StatusError e) when (e.Code is 404 or 409)
            {
                Expectations.DeletionObserved(key);
            }
        }
    }

    async Task CreatePodAsync(NamespacedName key, JsonObject set, string nodeName, string hash, CancellationToken ct)
    {
        var pod = DaemonPodTemplate.NewPod(set, nodeName, hash);
        try
        {
            var created = await _api.CreateAsync(Pods, key.Namespace, pod, options: new WriteOptions { FieldManager = FieldManager }, ct: ct);
            _events?.Event(set, EventTypes.Normal, "SuccessfulCreate", $"Created pod: {JsonMeta.Name(created)}");
        }
        catch (StatusError e)
        {
            Expectations.CreationObserved(key);
            _events?.Event(set, EventTypes.Warning, "FailedCreate", $"Error creating: {e.Message}");
            throw;
        }
    }

    async Task WriteStatusAsync(JsonObject set, JsonObject status, CancellationToken ct)
    {
        if (JsonFields.Same(set["status"], status)) return;
        var updated = (JsonObject)set.DeepClone();
        updated["status"] = status;
        try
        {
            await _api.UpdateAsync(DaemonSets, JsonMeta.Namespace(set), updated, "status", new WriteOptions { FieldManager = FieldManager }, ct);
        }
        catch (StatusError e) when (e.Code == 409)
        {
            _queue.AddRateLimited(JsonMeta.Key(set));
        }
        catch (StatusError e) when (e.Code == 404) { }
    }
}
