using System.Text.Json.Nodes;
using KubeSharp.Api.Errors;
using KubeJson = KubeSharp.Api.Model.KubeJson;
using IntOrString = KubeSharp.Api.Model.IntOrString;
using KubeSharp.Api.Resources;
using KubeSharp.Client;
using KubeSharp.Client.Events;
using KubeSharp.Controllers.History;

namespace KubeSharp.Controllers.StatefulSet;

/// <summary>
/// One pass of upstream's stateful set control loop over a consistent view of a set and its pods: create
/// missing ordinals (one at a time, each after its predecessor is Running and Ready, unless the policy is
/// Parallel), replace finished pods, remove ordinals beyond the replica count from the highest down, then
/// roll pods at or above the partition onto the update revision from the highest ordinal down. It does at
/// most what is safe to do now and relies on the next pod event to continue.
/// </summary>
public sealed class StatefulSetSync(IApiClient api, StatefulSetClaims claims, EventRecorder? events, TimeProvider time, string fieldManager)
{
    public static readonly GroupVersionResource Pods = new("", "v1", "pods");

    /// <summary>The status to record and, when a pod is waiting out minReadySeconds, when to look again.</summary>
    public sealed record Result(JsonObject Status, TimeSpan? RequeueAfter);

    sealed record Plan(JsonObject Set, JsonObject?[] Replicas, List<(int Ordinal, JsonObject Pod)> Condemned, int Start, bool Monotonic,
        int MinReadySeconds, string CurrentRevision, string UpdateRevision, JsonObject CurrentTemplate, JsonObject UpdateTemplate);

    public async Task<Result> SyncAsync(JsonObject set, IReadOnlyList<JsonObject> pods, JsonObject currentRevision, JsonObject updateRevision,
        int collisionCount, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var plan = MakePlan(set, pods, currentRevision, updateRevision);
        var status = StatefulSetStatusCalculator.Compute(set, pods, plan.CurrentRevision, plan.UpdateRevision, collisionCount, now);
        TimeSpan? requeue = null;
        foreach (var pod in pods)
            if (PodReadiness.UntilAvailable(pod, plan.MinReadySeconds, now) is { } wait && (requeue is null || wait < requeue)) requeue = wait;

        // A set being deleted only reports status; the garbage collector removes its pods.
        if (set["metadata"]?["deletionTimestamp"] is null)
            await ConvergeAsync(plan, now, ct);
        return new Result(status, requeue);
    }

    async Task ConvergeAsync(Plan plan, DateTimeOffset now, CancellationToken ct)
    {
        foreach (var (ordinal, pod) in plan.Condemned)
            if (!claims.RetentionMatches(plan.Set, pod, ordinal, scaledDown: true))
                await claims.UpdateRetentionAsync(plan.Set, pod, ordinal, scaledDown: true, ct);

        var firstUnhealthy = plan.Replicas.OfType<JsonObject>().Concat(plan.Condemned.Select(c => c.Pod)).FirstOrDefault(p => !IsHealthy(p));

        for (var i = 0; i < plan.Replicas.Length; i++)
            if (await ProcessReplicaAsync(plan, i, now, ct)) return;

        foreach (var (ordinal, pod) in plan.Condemned)
        {
            if (PodReadiness.IsTerminating(pod))
            {
                if (plan.Monotonic) return;
                continue;
            }
            if (plan.Monotonic && !ReferenceEquals(pod, firstUnhealthy)
                && (!PodReadiness.IsRunningAndReady(pod) || !PodReadiness.IsAvailable(pod, plan.MinReadySeconds, now))) return;
            await DeletePodAsync(plan.Set, pod, ct);
            if (plan.Monotonic) return;
        }

        if (JsonFields.Str(plan.Set, "spec", "updateStrategy", "type") == "OnDelete") return;
        await RollAsync(plan, ct);
    }

    /// <summary>Brings one ordinal's pod into shape; true when the pass must stop here (ordered policy waiting).</summary>
    async Task<bool> ProcessReplicaAsync(Plan plan, int index, DateTimeOffset now, CancellationToken ct)
    {
        var ordinal = plan.Start + index;
        var pod = plan.Replicas[index];
        if (pod is null)
        {
            // The old pod's claim must be gone (or released) before a new pod can use that name.
            if (claims.AnyStale(plan.Set, ordinal)) return plan.Monotonic;
            await CreatePodAsync(plan, index, ct);
            return plan.Monotonic;
        }
        if (PodReadiness.IsFinished(pod))
        {
            // The replacement is created on a later pass, once the finished pod is gone from the store.
            if (!PodReadiness.IsTerminating(pod)) await DeletePodAsync(plan.Set, pod, ct);
            return plan.Monotonic;
        }
        if (PodReadiness.Phase(pod) == "Pending") await claims.CreateMissingAsync(plan.Set, pod, ordinal, ct);
        if (plan.Monotonic && (PodReadiness.IsTerminating(pod) || !PodReadiness.IsRunningAndReady(pod)
            || !PodReadiness.IsAvailable(pod, plan.MinReadySeconds, now))) return true;
        if (PodReadiness.IsTerminating(pod)) return false;

        var retentionMatches = claims.RetentionMatches(plan.Set, pod, ordinal, scaledDown: false);
        if (StatefulPodIdentity.IdentityMatches(plan.Set, pod, ordinal) && StatefulPodIdentity.StorageMatches(plan.Set, pod, ordinal) && retentionMatches)
            return false;
        await UpdatePodAsync(plan.Set, pod, ordinal, ct);
        if (!retentionMatches) await claims.UpdateRetentionAsync(plan.Set, pod, ordinal, scaledDown: false, ct);
        return false;
    }

    /// <summary>
    /// RollingUpdate: deletes, from the highest ordinal down to the partition, pods not on the update
    /// revision, no more at once than maxUnavailable allows; the deleted ordinals come back on the new revision.
    /// </summary>
    async Task RollAsync(Plan plan, CancellationToken ct)
    {
        var partition = (int)(JsonFields.Int(plan.Set, "spec", "updateStrategy", "rollingUpdate", "partition") ?? 0);
        var maxUnavailable = MaxUnavailable(plan.Set, plan.Replicas.Length);
        var unavailable = plan.Replicas.Count(p => p is null || !IsHealthy(p));
        var budget = maxUnavailable - unavailable;
        for (var i = plan.Replicas.Length - 1; i >= Math.Max(partition, 0) && budget > 0; i--)
        {
            var pod = plan.Replicas[i];
            if (pod is null || PodReadiness.IsTerminating(pod) || Revision(pod) == plan.UpdateRevision) continue;
            await DeletePodAsync(plan.Set, pod, ct);
            budget--;
        }
    }

    static int MaxUnavailable(JsonObject set, int replicas)
    {
        var value = KubeJson.Deserialize<IntOrString?>(JsonFields.At(set, "spec", "updateStrategy", "rollingUpdate", "maxUnavailable"));
        return Math.Max(value?.Scaled(replicas, roundUp: true) ?? 1, 1);
    }

    static bool IsHealthy(JsonObject pod) => PodReadiness.IsRunningAndReady(pod) && !PodReadiness.IsTerminating(pod);

    static string? Revision(JsonObject pod) => JsonMeta.Labels(pod)?.GetValueOrDefault(ControllerRevisionHash.Label);

    static Plan MakePlan(JsonObject set, IReadOnlyList<JsonObject> pods, JsonObject currentRevision, JsonObject updateRevision)
    {
        var setName = JsonMeta.Name(set)!;
        var replicaCount = (int)(JsonFields.Int(set, "spec", "replicas") ?? 1);
        var start = (int)(JsonFields.Int(set, "spec", "ordinals", "start") ?? 0);
        var replicas = new JsonObject?[Math.Max(replicaCount, 0)];
        var condemned = new List<(int, JsonObject)>();
        foreach (var pod in pods)
        {
            if (StatefulPodIdentity.Ordinal(setName, JsonMeta.Name(pod) ?? "") is not { } ordinal) continue;
            if (ordinal >= start && ordinal < start + replicas.Length) replicas[ordinal - start] = pod;
            else condemned.Add((ordinal, pod));
        }
        condemned.Sort((a, b) => b.Item1.CompareTo(a.Item1));
        var template = JsonFields.Obj(set, "spec", "template") ?? [];
        return new Plan(set, replicas, condemned, start,
            Monotonic: JsonFields.Str(set, "spec", "podManagementPolicy") != "Parallel",
            MinReadySeconds: (int)(JsonFields.Int(set, "spec", "minReadySeconds") ?? 0),
            CurrentRevision: JsonMeta.Name(currentRevision)!,
            UpdateRevision: JsonMeta.Name(updateRevision)!,
            CurrentTemplate: ControllerRevisions.TemplateOf(currentRevision) ?? template,
            UpdateTemplate: ControllerRevisions.TemplateOf(updateRevision) ?? template);
    }

    async Task CreatePodAsync(Plan plan, int index, CancellationToken ct)
    {
        var ordinal = plan.Start + index;
        // Under RollingUpdate, ordinals below the partition keep the current revision (as upstream's newVersionedStatefulSetPod).
        var partition = (int)(JsonFields.Int(plan.Set, "spec", "updateStrategy", "rollingUpdate", "partition") ?? 0);
        var onCurrent = JsonFields.Str(plan.Set, "spec", "updateStrategy", "type") is null or "RollingUpdate" && index < partition;
        var pod = StatefulPodIdentity.NewPod(plan.Set, onCurrent ? plan.CurrentTemplate : plan.UpdateTemplate, ordinal,
            onCurrent ? plan.CurrentRevision : plan.UpdateRevision);
        await claims.CreateMissingAsync(plan.Set, pod, ordinal, ct);
        try
        {
            await api.CreateAsync(Pods, JsonMeta.Namespace(pod), pod, options: new WriteOptions { FieldManager = fieldManager }, ct: ct);
            events?.Event(plan.Set, EventTypes.Normal, "SuccessfulCreate", $"create Pod {JsonMeta.Name(pod)} in StatefulSet {JsonMeta.Name(plan.Set)} successful");
        }
        catch (StatusError e) when (e.Code == 409) { }
        catch (StatusError e)
        {
            events?.Event(plan.Set, EventTypes.Warning, "FailedCreate", $"create Pod {JsonMeta.Name(pod)} in StatefulSet {JsonMeta.Name(plan.Set)} failed error: {e.Message}");
            throw;
        }
    }

    async Task UpdatePodAsync(JsonObject set, JsonObject pod, int ordinal, CancellationToken ct)
    {
        var copy = (JsonObject)pod.DeepClone();
        StatefulPodIdentity.UpdateIdentity(set, copy, ordinal);
        if (!StatefulPodIdentity.StorageMatches(set, pod, ordinal)) await claims.CreateMissingAsync(set, pod, ordinal, ct);
        try
        {
            await api.UpdateAsync(Pods, JsonMeta.Namespace(copy), copy, options: new WriteOptions { FieldManager = fieldManager }, ct: ct);
        }
        catch (StatusError e) when (e.Code is 404 or 409) { }
    }

    async Task DeletePodAsync(JsonObject set, JsonObject pod, CancellationToken ct)
    {
        try
        {
            await api.DeleteAsync(Pods, JsonMeta.Namespace(pod), JsonMeta.Name(pod)!,
                new DeleteOptions { PreconditionUid = JsonMeta.Uid(pod) }, ct);
            events?.Event(set, EventTypes.Normal, "SuccessfulDelete", $"delete Pod {JsonMeta.Name(pod)} in StatefulSet {JsonMeta.Name(set)} successful");
        }
        catch (StatusError e) when (e.Code is 404 or 409) { }
    }
}
