using System.Text.Json.Nodes;
using KubeSharp.Api.Errors;
using KubeSharp.Api.Model;
using KubeSharp.Api.Resources;
using KubeSharp.Client;
using KubeSharp.Client.Cache;
using KubeSharp.Client.Events;
using KubeSharp.Client.Queue;
using KubeSharp.Controllers.History;
using KubeSharp.Controllers.ReplicaSet;
using Microsoft.Extensions.Logging;

namespace KubeSharp.Controllers.Deployment;

/// <summary>
/// Upstream's deployment controller: one ReplicaSet per template version, rolled over with the
/// RollingUpdate or Recreate strategy, revisions and history kept in annotations, progress and
/// availability reported as conditions. The concerns live in the partial files next to this one.
/// </summary>
public sealed partial class DeploymentController : IController
{
    public static readonly GroupVersionResource Deployments = new("apps", "v1", "deployments");
    public static readonly GroupVersionResource ReplicaSets = new("apps", "v1", "replicasets");
    const string FieldManager = "kube-controller-manager";

    readonly IApiClient _api;
    readonly TimeProvider _time;
    readonly EventRecorder _recorder;
    readonly ILogger _log;
    readonly Informer _deployments;
    readonly Informer _replicaSets;
    readonly Informer _pods;
    readonly ControllerRefManager _rsRefs;
    readonly WorkQueue<NamespacedName> _queue;
    readonly Controller<NamespacedName> _controller;

    public DeploymentController(ControllerContext ctx)
        : this(ctx.Api, ctx.Informers, ctx.Time, ctx.Recorder("deployment-controller"), ctx.Logs.CreateLogger<DeploymentController>(),
            ctx.QueueMetricsFor("deployment")) { }

    public DeploymentController(IApiClient api, SharedInformerFactory informers, TimeProvider time, EventRecorder recorder, ILogger log,
        WorkQueueMetrics? queueMetrics = null)
    {
        _api = api;
        _time = time;
        _recorder = recorder;
        _log = log;
        _deployments = informers.InformerFor(Deployments);
        _replicaSets = informers.InformerFor(ReplicaSets);
        _pods = informers.InformerFor(PodControl.Pods);
        ControllerIndex.EnsureOn(_replicaSets);
        ControllerIndex.EnsureOn(_pods);
        _rsRefs = new ControllerRefManager(api, ReplicaSets, FieldManager);
        _queue = new WorkQueue<NamespacedName>(time, metrics: queueMetrics);
        _controller = new Controller<NamespacedName>("deployment", _queue, ReconcileAsync, log);
        _deployments.AddEventHandler(
            onAdd: d => _queue.Add(JsonMeta.Key(d)),
            onUpdate: (_, d) => _queue.Add(JsonMeta.Key(d)),
            onDelete: d => _queue.Add(JsonMeta.Key(d)));
        _replicaSets.AddEventHandler(onAdd: ReplicaSetAdded, onUpdate: ReplicaSetUpdated, onDelete: ReplicaSetDeleted);
        _pods.AddEventHandler(onUpdate: PodUpdated, onDelete: PodDeleted);
    }

    public string Name => "deployment";

    public WorkQueue<NamespacedName> Queue => _queue;

    public Task RunAsync(CancellationToken ct) => _controller.RunAsync(5, ct);

    // ---------------------------------------------------------------- event handlers

    JsonObject? ResolveDeployment(string ns, OwnerReference? controllerRef)
    {
        if (controllerRef is null || controllerRef.Kind != "Deployment") return null;
        var d = _deployments.Lister.Get(ns, controllerRef.Name);
        return d is not null && JsonMeta.Uid(d) == controllerRef.Uid ? d : null;
    }

    void EnqueueMatchingDeployments(JsonObject rs)
    {
        var labels = JsonMeta.Labels(rs);
        if (labels is null || labels.Count == 0) return;
        foreach (var d in _deployments.Lister.List(JsonMeta.Namespace(rs) ?? ""))
            if (WorkloadSelector.Of(d).Matches(labels)) _queue.Add(JsonMeta.Key(d));
    }

    void ReplicaSetAdded(JsonObject rs)
    {
        if (ObjectFields.IsDeleting(rs))
        {
            ReplicaSetDeleted(rs);
            return;
        }
        if (ObjectFields.ControllerOf(rs) is { } controllerRef)
        {
            if (ResolveDeployment(JsonMeta.Namespace(rs) ?? "", controllerRef) is { } d) _queue.Add(JsonMeta.Key(d));
            return;
        }
        EnqueueMatchingDeployments(rs);
    }

    void ReplicaSetUpdated(JsonObject old, JsonObject cur)
    {
        if (JsonMeta.ResourceVersion(old) == JsonMeta.ResourceVersion(cur)) return;
        var ns = JsonMeta.Namespace(cur) ?? "";
        var oldRef = ObjectFields.ControllerOf(old);
        var curRef = ObjectFields.ControllerOf(cur);
        var refChanged = oldRef?.Uid != curRef?.Uid;
        if (refChanged && ResolveDeployment(ns, oldRef) is { } previous) _queue.Add(JsonMeta.Key(previous));
        if (curRef is not null)
        {
            if (ResolveDeployment(ns, curRef) is { } d) _queue.Add(JsonMeta.Key(d));
            return;
        }
        var labelsChanged = !JsonNode.DeepEquals(old["metadata"]?["labels"], cur["metadata"]?["labels"]);
        if (labelsChanged || refChanged) EnqueueMatchingDeployments(cur);
    }

    void ReplicaSetDeleted(JsonObject rs)
    {
        if (ResolveDeployment(JsonMeta.Namespace(rs) ?? "", ObjectFields.ControllerOf(rs)) is { } d) _queue.Add(JsonMeta.Key(d));
    }

    /// <summary>The Deployment behind a pod's ReplicaSet.</summary>
    JsonObject? DeploymentOfPod(JsonObject pod)
    {
        var ns = JsonMeta.Namespace(pod) ?? "";
        if (ObjectFields.ControllerOf(pod) is not { Kind: "ReplicaSet" } rsRef) return null;
        var rs = _replicaSets.Lister.Get(ns, rsRef.Name);
        if (rs is null || JsonMeta.Uid(rs) != rsRef.Uid) return null;
        return ResolveDeployment(ns, ObjectFields.ControllerOf(rs));
    }

    /// <summary>
    /// A pod that starts terminating frees room under maxSurge (the rollout counts live pods, not only
    /// ReplicaSet sizes), so its Deployment is looked at again.
    /// </summary>
    void PodUpdated(JsonObject old, JsonObject cur)
    {
        if (ObjectFields.IsDeleting(old) || !ObjectFields.IsDeleting(cur)) return;
        if (DeploymentOfPod(cur) is { } d) _queue.Add(JsonMeta.Key(d));
    }

    /// <summary>Recreate waits for every old pod to be gone, and surge room opens when a pod goes.</summary>
    void PodDeleted(JsonObject pod)
    {
        if (DeploymentOfPod(pod) is { } d) _queue.Add(JsonMeta.Key(d));
    }

    // ---------------------------------------------------------------- sync

    /// <summary>Upstream's syncDeployment: claim ReplicaSets, then sync, roll back, scale or roll out.</summary>
    public async Task ReconcileAsync(NamespacedName key, CancellationToken ct)
    {
        var json = _deployments.Lister.Get(key);
        if (json is null) return;
        var d = new DeploymentState(json);

        if (d.Spec.Selector is { } sel && (sel.MatchLabels?.Count ?? 0) + (sel.MatchExpressions?.Count ?? 0) == 0)
        {
            _recorder.Event(d.Involved, EventTypes.Warning, "SelectingAll", "This deployment is selecting all pods. A non-empty selector is required.");
            if ((d.Status.ObservedGeneration ?? 0) < d.Generation)
                await WriteStatusAsync(d, d.Status with { ObservedGeneration = d.Generation }, ct);
            return;
        }

        var rsList = await ClaimReplicaSetsAsync(d, ct);
        if (d.Deleting)
        {
            await SyncStatusOnlyAsync(d, rsList, ct);
            return;
        }
        await CheckPausedConditionsAsync(d, ct);
        if (d.Paused)
        {
            await SyncAsync(d, rsList, ct);
            return;
        }
        if (RollbackRevision(d) is not null)
        {
            await RollbackAsync(d, rsList, ct);
            return;
        }
        if (await IsScalingEventAsync(d, rsList, ct))
        {
            await SyncAsync(d, rsList, ct);
            return;
        }
        if (d.StrategyType == "Recreate") await RolloutRecreateAsync(d, rsList, ct);
        else await RolloutRollingAsync(d, rsList, ct);
    }

    /// <summary>The ReplicaSets this Deployment controls after adopting matching orphans and releasing ones that no longer match.</summary>
    async Task<List<ReplicaSetView>> ClaimReplicaSetsAsync(DeploymentState d, CancellationToken ct)
    {
        var candidates = ControllerIndex.Candidates(_replicaSets, d.Namespace, d.Uid).ToList();
        var claimed = await _rsRefs.ClaimAsync(d.Json, "apps/v1", "Deployment", WorkloadSelector.Of(d.Json), candidates, async c =>
        {
            try
            {
                var fresh = await _api.GetAsync(Deployments, d.Namespace, d.Name, null, c);
                return JsonMeta.Uid(fresh) == d.Uid && !ObjectFields.IsDeleting(fresh);
            }
            catch (StatusError e) when (e.Code == 404) { return false; }
        }, ct);
        return claimed.Select(rs => new ReplicaSetView(rs)).ToList();
    }

    /// <summary>Now, to the second: conditions are stored with second precision, so comparisons stay stable.</summary>
    DateTimeOffset Now() => DateTimeOffset.FromUnixTimeSeconds(_time.GetUtcNow().ToUnixTimeSeconds());

    /// <summary>Active pods of a ReplicaSet as the pod cache sees them.</summary>
    int ActivePodCount(ReplicaSetView rs) =>
        _pods.ByIndex(ControllerIndex.Name, ControllerIndex.Owned(rs.Uid)).Count(p => PodState.IsActive(p) && JsonMeta.Namespace(p) == rs.Namespace);

    /// <summary>Every pod of a ReplicaSet, terminating ones included (Recreate waits for them).</summary>
    IReadOnlyList<JsonObject> PodsOf(ReplicaSetView rs) =>
        _pods.ByIndex(ControllerIndex.Name, ControllerIndex.Owned(rs.Uid)).Where(p => JsonMeta.Namespace(p) == rs.Namespace).ToList();
}
