using System.Text.Json.Nodes;
using KubeSharp.Api.Errors;
using KubeSharp.Api.Resources;
using KubeSharp.Client;
using KubeSharp.Client.Cache;
using KubeSharp.Client.Events;
using KubeSharp.Client.Queue;
using KubeSharp.Controllers.Expectations;
using Microsoft.Extensions.Logging;

namespace KubeSharp.Controllers.ReplicaSet;

/// <summary>
/// Upstream's ReplicaSetController, serving ReplicaSets and ReplicationControllers alike: keeps
/// spec.replicas active pods matching the selector (creating from the template in slow-start batches,
/// deleting surplus pods in <see cref="PodDeletionOrder"/>), adopts and releases pods, and reports status.
/// </summary>
public sealed class ReplicaManager
{
    /// <summary>At most this many pods are created or deleted by one sync, as upstream's BurstReplicas.</summary>
    public const int BurstReplicas = 500;

    readonly ReplicaKind _kind;
    readonly IApiClient _api;
    readonly TimeProvider _time;
    readonly Informer _owners;
    readonly Informer _pods;
    readonly PodControl _podControl;
    readonly ControllerRefManager _refs;
    readonly WorkQueue<NamespacedName> _queue;
    readonly Controller<NamespacedName> _controller;

    public ControllerExpectations Expectations { get; }

    public ReplicaManager(ReplicaKind kind, IApiClient api, SharedInformerFactory informers, TimeProvider time, EventRecorder recorder, ILogger log,
        WorkQueueMetrics? queueMetrics = null)
    {
        _kind = kind;
        _api = api;
        _time = time;
        Expectations = new ControllerExpectations(time);
        _owners = informers.InformerFor(kind.Resource);
        _pods = informers.InformerFor(PodControl.Pods);
        ControllerIndex.EnsureOn(_owners);
        ControllerIndex.EnsureOn(_pods);
        _podControl = new PodControl(api, recorder, kind);
        _refs = new ControllerRefManager(api, PodControl.Pods, ReplicaKind.FieldManager);
        _queue = new WorkQueue<NamespacedName>(time, metrics: queueMetrics);
        _controller = new Controller<NamespacedName>(kind.ControllerName, _queue, ReconcileAsync, log);
        _owners.AddEventHandler(
            onAdd: o => _queue.Add(JsonMeta.Key(o)),
            onUpdate: (_, o) => _queue.Add(JsonMeta.Key(o)),
            onDelete: o =>
            {
                Expectations.Forget(JsonMeta.Key(o));
                _queue.Add(JsonMeta.Key(o));
            });
        _pods.AddEventHandler(onAdd: PodAdded, onUpdate: PodUpdated, onDelete: PodDeleted);
    }

    public WorkQueue<NamespacedName> Queue => _queue;

    public Task RunAsync(int workers, CancellationToken ct) => _controller.RunAsync(workers, ct);

    // ---------------------------------------------------------------- event handlers: which owners to look at

    /// <summary>The owner a controller reference points at, if it is one of ours and still the same object.</summary>
    JsonObject? ResolveOwner(string ns, Api.Model.OwnerReference? controllerRef)
    {
        if (controllerRef is null || controllerRef.Kind != _kind.Kind) return null;
        var owner = _owners.Lister.Get(ns, controllerRef.Name);
        return owner is not null && JsonMeta.Uid(owner) == controllerRef.Uid ? owner : null;
    }

    void EnqueueMatchingOwners(JsonObject pod)
    {
        var ns = JsonMeta.Namespace(pod) ?? "";
        var labels = JsonMeta.Labels(pod);
        if (labels is null || labels.Count == 0) return;
        foreach (var owner in _owners.Lister.List(ns))
            if (_kind.Selector(owner).Matches(labels)) _queue.Add(JsonMeta.Key(owner));
    }

    void PodAdded(JsonObject pod)
    {
        if (ObjectFields.IsDeleting(pod))
        {
            // Seen for the first time already terminating (e.g. after a restart): it is as good as gone.
            PodDeleted(pod);
            return;
        }
        var ns = JsonMeta.Namespace(pod) ?? "";
        if (ObjectFields.ControllerOf(pod) is { } controllerRef)
        {
            if (ResolveOwner(ns, controllerRef) is not { } owner) return;
            var key = JsonMeta.Key(owner);
            Expectations.CreationObserved(key);
            _queue.Add(key);
            return;
        }
        EnqueueMatchingOwners(pod);
    }

    void PodUpdated(JsonObject old, JsonObject cur)
    {
        if (JsonMeta.ResourceVersion(old) == JsonMeta.ResourceVersion(cur)) return;
        var labelsChanged = !SameLabels(old, cur);
        if (ObjectFields.IsDeleting(cur))
        {
            PodDeleted(cur);
            if (labelsChanged) PodDeleted(old);
            return;
        }
        var ns = JsonMeta.Namespace(cur) ?? "";
        var oldRef = ObjectFields.ControllerOf(old);
        var curRef = ObjectFields.ControllerOf(cur);
        var refChanged = oldRef?.Uid != curRef?.Uid;
        if (refChanged && ResolveOwner(ns, oldRef) is { } previous) _queue.Add(JsonMeta.Key(previous));
        if (curRef is not null)
        {
            if (ResolveOwner(ns, curRef) is not { } owner) return;
            _queue.Add(JsonMeta.Key(owner));
            // A pod that just became ready becomes available minReadySeconds later; nothing else will tell us.
            var minReady = ReplicaKind.MinReadySeconds(owner);
            if (minReady > 0 && !PodState.IsReady(old) && PodState.IsReady(cur))
                _queue.AddAfter(JsonMeta.Key(owner), TimeSpan.FromSeconds(minReady) + TimeSpan.FromMilliseconds(100));
            return;
        }
        if (labelsChanged || refChanged) EnqueueMatchingOwners(cur);
    }

    void PodDeleted(JsonObject pod)
    {
        if (ResolveOwner(JsonMeta.Namespace(pod) ?? "", ObjectFields.ControllerOf(pod)) is not { } owner) return;
        var key = JsonMeta.Key(owner);
        Expectations.DeletionObserved(key, JsonMeta.Uid(pod) ?? "");
        _queue.Add(key);
    }

    static bool SameLabels(JsonObject a, JsonObject b) =>
        JsonNode.DeepEquals(a["metadata"]?["labels"], b["metadata"]?["labels"]);

    // ---------------------------------------------------------------- reconcile

    public async Task ReconcileAsync(NamespacedName key, CancellationToken ct)
    {
        var owner = _owners.Lister.Get(key);
        if (owner is null)
        {
            Expectations.Forget(key);
            return;
        }
        var needsSync = Expectations.Satisfied(key) && !ObjectFields.IsDeleting(owner);
        var selector = _kind.Selector(owner);
        var uid = JsonMeta.Uid(owner) ?? "";
        var candidates = ControllerIndex.Candidates(_pods, key.Namespace, uid).Where(PodState.IsActive).ToList();
        var pods = await _refs.ClaimAsync(owner, _kind.ApiVersion, _kind.Kind, selector, candidates, c => OwnerStillCurrentAsync(owner, c), ct);

        Exception? failure = null;
        if (needsSync)
        {
            try
            {
                await ManageReplicasAsync(owner, key, pods, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                failure = e;
            }
        }
        var now = _time.GetUtcNow();
        var status = ReplicaStatus.Calculate(owner, pods, now);
        var failureReason = failure switch
        {
            null => null,
            ReplicaDeleteException => "FailedDelete",
            _ => "FailedCreate",
        };
        await WriteStatusAsync(owner, status, failureReason, failure?.Message, now, ct);
        RequeueForAvailability(key, owner, pods, now);
        if (failure is not null) throw failure;
    }

    /// <summary>Upstream re-reads the owner before adopting, so a deleted or recreated owner adopts nothing.</summary>
    async Task<bool> OwnerStillCurrentAsync(JsonObject owner, CancellationToken ct)
    {
        try
        {
            var fresh = await _api.GetAsync(_kind.Resource, JsonMeta.Namespace(owner), JsonMeta.Name(owner) ?? "", null, ct);
            return JsonMeta.Uid(fresh) == JsonMeta.Uid(owner) && !ObjectFields.IsDeleting(fresh);
        }
        catch (StatusError e) when (e.Code == 404)
        {
            return false;
        }
    }

    /// <summary>Creates or deletes the difference between the active pods and spec.replicas, at most <see cref="BurstReplicas"/> at a time.</summary>
    async Task ManageReplicasAsync(JsonObject owner, NamespacedName key, IReadOnlyList<JsonObject> pods, CancellationToken ct)
    {
        var diff = pods.Count - ReplicaKind.Replicas(owner);
        if (diff < 0)
        {
            var count = Math.Min(-diff, BurstReplicas);
            Expectations.ExpectCreations(key, count);
            var (created, error) = await SlowStart.RunAsync(count, 1, c => _podControl.CreateAsync(owner, c), ct);
            if (created < count) Expectations.Lower(key, count - created, 0);
            if (error is not null)
            {
                if (error is StatusError se && PodControl.IsNamespaceTerminating(se)) return;
                throw error;
            }
            return;
        }
        if (diff > 0)
        {
            var count = Math.Min(diff, BurstReplicas);
            var victims = PodDeletionOrder.PodsToDelete(pods, RelatedPods(owner), count);
            Expectations.ExpectDeletions(key, victims.Select(p => JsonMeta.Uid(p) ?? "").ToList());
            var errors = await Task.WhenAll(victims.Select(async pod =>
            {
                try
                {
                    if (!await _podControl.DeleteAsync(owner, pod, ct)) Expectations.DeletionObserved(key, JsonMeta.Uid(pod) ?? "");
                    return null;
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The informer will never report this deletion.
                    Expectations.DeletionObserved(key, JsonMeta.Uid(pod) ?? "");
                    return e;
                }
            }));
            if (errors.FirstOrDefault(e => e is not null) is { } first) throw new ReplicaDeleteException(first);
        }
    }

    /// <summary>The owner's pods and those of its siblings (owners with the same controller, e.g. one Deployment's ReplicaSets).</summary>
    IEnumerable<JsonObject> RelatedPods(JsonObject owner)
    {
        var ns = JsonMeta.Namespace(owner) ?? "";
        var owners = ObjectFields.ControllerOf(owner) is { } parent
            ? _owners.ByIndex(ControllerIndex.Name, ControllerIndex.Owned(parent.Uid))
            : [owner];
        foreach (var o in owners)
            foreach (var pod in _pods.ByIndex(ControllerIndex.Name, ControllerIndex.Owned(JsonMeta.Uid(o) ?? "")))
                if (JsonMeta.Namespace(pod) == ns) yield return pod;
    }

    async Task WriteStatusAsync(JsonObject owner, ReplicaStatus status, string? failureReason, string? failureMessage, DateTimeOffset now, CancellationToken ct)
    {
        var updated = status.ApplyTo(owner, failureReason, failureMessage, now);
        if (updated is null) return;
        try
        {
            await _api.UpdateAsync(_kind.Resource, JsonMeta.Namespace(owner), updated, "status", new WriteOptions { FieldManager = ReplicaKind.FieldManager }, ct);
        }
        // A newer version exists; its watch event queues the owner again and the status is recomputed then.
        catch (StatusError e) when (e.Code is 404 or 409) { }
    }

    /// <summary>Ready pods become available minReadySeconds later without any event; look again then.</summary>
    void RequeueForAvailability(NamespacedName key, JsonObject owner, IReadOnlyList<JsonObject> pods, DateTimeOffset now)
    {
        var minReady = ReplicaKind.MinReadySeconds(owner);
        if (minReady <= 0) return;
        DateTimeOffset? next = null;
        foreach (var pod in pods)
        {
            if (!PodState.IsReady(pod) || PodState.IsAvailable(pod, minReady, now)) continue;
            var at = (PodState.ReadySince(pod) ?? now).AddSeconds(minReady);
            if (next is null || at < next) next = at;
        }
        if (next is { } when) _queue.AddAfter(key, (when - now) + TimeSpan.FromMilliseconds(100));
    }
}

/// <summary>Deleting surplus pods failed; reported as the FailedDelete ReplicaFailure condition.</summary>
public sealed class ReplicaDeleteException(Exception inner) : Exception(inner.Message, inner);
