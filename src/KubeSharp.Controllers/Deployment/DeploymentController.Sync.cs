using System.Globalization;
using System.Text.Json.Nodes;
using KubeSharp.Api.Errors;
using KubeSharp.Api.Model;
using KubeSharp.Api.Model.Apps;
using KubeSharp.Client;
using KubeSharp.Client.Events;
using KubeSharp.Controllers.History;
using KubeSharp.Controllers.ReplicaSet;
using Microsoft.Extensions.Logging;

namespace KubeSharp.Controllers.Deployment;

/// <summary>Finding and creating the new ReplicaSet, revisions, scaling, and writing status (upstream's sync.go).</summary>
public sealed partial class DeploymentController
{
    /// <summary>Status only, for a Deployment being deleted.</summary>
    async Task SyncStatusOnlyAsync(DeploymentState d, List<ReplicaSetView> rsList, CancellationToken ct)
    {
        var (newRS, oldRSs) = await GetAllReplicaSetsAndSyncRevisionAsync(d, rsList, false, ct);
        await SyncDeploymentStatusAsync(d, [.. oldRSs, .. Maybe(newRS)], newRS, ct);
    }

    /// <summary>Scaling without rolling out: for paused Deployments and resizes in the middle of a rollout.</summary>
    async Task SyncAsync(DeploymentState d, List<ReplicaSetView> rsList, CancellationToken ct)
    {
        var (newRS, oldRSs) = await GetAllReplicaSetsAndSyncRevisionAsync(d, rsList, false, ct);
        await ScaleAsync(d, newRS, oldRSs, ct);
        if (d.Paused && RollbackRevision(d) is null) await CleanupDeploymentAsync(d, oldRSs, ct);
        await SyncDeploymentStatusAsync(d, [.. oldRSs, .. Maybe(newRS)], newRS, ct);
    }

    static IEnumerable<ReplicaSetView> Maybe(ReplicaSetView? rs) => rs is null ? [] : [rs];

    /// <summary>A ReplicaSet sized for another replica count than the Deployment's current one means the Deployment was resized.</summary>
    async Task<bool> IsScalingEventAsync(DeploymentState d, List<ReplicaSetView> rsList, CancellationToken ct)
    {
        var (newRS, oldRSs) = await GetAllReplicaSetsAndSyncRevisionAsync(d, rsList, false, ct);
        foreach (var rs in oldRSs.Concat(Maybe(newRS)).Where(r => r.Replicas > 0))
            if (RevisionAnnotations.IntAnnotation(rs.Annotations, RevisionAnnotations.DesiredReplicas) is { } desired && desired != d.Replicas)
                return true;
        return false;
    }

    /// <summary>The ReplicaSet running the current template (the oldest such) and all the others; revisions brought up to date.</summary>
    async Task<(ReplicaSetView? NewRS, List<ReplicaSetView> OldRSs)> GetAllReplicaSetsAndSyncRevisionAsync(
        DeploymentState d, List<ReplicaSetView> rsList, bool createIfNotExisted, CancellationToken ct)
    {
        var existing = FindNewReplicaSet(d, rsList);
        var oldRSs = rsList.Where(r => !ReferenceEquals(r, existing)).ToList();
        var newRS = await GetNewReplicaSetAsync(d, existing, rsList, oldRSs, createIfNotExisted, ct);
        return (newRS, oldRSs);
    }

    /// <summary>Upstream's FindNewReplicaSet: the oldest ReplicaSet whose template equals the Deployment's, ignoring the hash label.</summary>
    public static ReplicaSetView? FindNewReplicaSet(DeploymentState d, IEnumerable<ReplicaSetView> rsList)
    {
        var sorted = rsList.ToList();
        sorted.Sort(ReplicaSetView.ByCreation);
        return sorted.FirstOrDefault(rs => PodTemplateHash.EqualIgnoreHash(rs.Template, d.Template));
    }

    async Task<ReplicaSetView?> GetNewReplicaSetAsync(DeploymentState d, ReplicaSetView? existing, List<ReplicaSetView> rsList,
        List<ReplicaSetView> oldRSs, bool createIfNotExisted, CancellationToken ct)
    {
        var maxOldRevision = oldRSs.Select(r => r.Revision ?? 0).DefaultIfEmpty(0).Max();
        var newRevision = maxOldRevision + 1;
        var now = Now();

        if (existing is not null)
        {
            // A template seen before (e.g. after `kubectl rollout undo`): reuse its ReplicaSet and give it the newest revision.
            var annotations = existing.Annotations;
            var annotationsChanged = RevisionAnnotations.SetNewReplicaSetAnnotations(d.Annotations, annotations, newRevision, true, d.Replicas, RolloutMath.MaxSurge(d));
            if (annotationsChanged || existing.MinReadySeconds != d.MinReadySeconds)
            {
                var copy = (JsonObject)existing.Json.DeepClone();
                SetAnnotations(copy, annotations);
                SetMinReadySeconds(copy, d.MinReadySeconds);
                existing.Json = await _api.UpdateAsync(ReplicaSets, d.Namespace, copy, null, new WriteOptions { FieldManager = FieldManager }, ct);
                return existing;
            }
            var statusChanged = false;
            if (d.HasProgressDeadline && DeploymentConditions.Get(d.Status, DeploymentConditions.Progressing) is null)
            {
                d.Status = DeploymentConditions.Set(d.Status, DeploymentConditions.New(DeploymentConditions.Progressing, "True",
                    DeploymentConditions.FoundNewReplicaSet, $"Found new replica set \"{existing.Name}\"", now));
                statusChanged = true;
            }
            await SetDeploymentRevisionAsync(d, existing.Annotations.GetValueOrDefault(RevisionAnnotations.Revision), ct);
            if (statusChanged) await WriteStatusAsync(d, d.Status, ct);
            return existing;
        }
        if (!createIfNotExisted) return null;

        var hash = PodTemplateHash.Compute(d.Template, d.Status.CollisionCount);
        var rsName = $"{d.Name}-{hash}";
        var template = (JsonObject)(d.Template?.DeepClone() ?? new JsonObject());
        var templateLabels = ObjectFields.Ensure(ObjectFields.Ensure(template, "metadata"), "labels");
        templateLabels[PodTemplateHash.LabelKey] = hash;
        var selector = (JsonObject)(d.Selector?.DeepClone() ?? new JsonObject());
        ObjectFields.Ensure(selector, "matchLabels")[PodTemplateHash.LabelKey] = hash;

        var currentPods = oldRSs.Sum(r => Math.Max(r.Replicas, ActivePodCount(r)));
        var replicas = RolloutMath.NewRSNewReplicas(d, currentPods, 0);
        var rsAnnotations = new Dictionary<string, string>(StringComparer.Ordinal);
        RevisionAnnotations.SetNewReplicaSetAnnotations(d.Annotations, rsAnnotations, newRevision, false, d.Replicas, RolloutMath.MaxSurge(d));
        var rs = new JsonObject
        {
            ["apiVersion"] = "apps/v1",
            ["kind"] = "ReplicaSet",
            ["metadata"] = new JsonObject
            {
                ["name"] = rsName,
                ["namespace"] = d.Namespace,
                ["labels"] = templateLabels.DeepClone(),
                ["annotations"] = ToJson(rsAnnotations),
                ["ownerReferences"] = new JsonArray(ControllerRefs.New(d.Json, "apps/v1", "Deployment")),
            },
            ["spec"] = new JsonObject
            {
                ["replicas"] = replicas,
                ["minReadySeconds"] = d.MinReadySeconds,
                ["selector"] = selector,
                ["template"] = template,
            },
        };

        JsonObject created;
        var alreadyExisted = false;
        try
        {
            created = await _api.CreateAsync(ReplicaSets, d.Namespace, rs, null, new WriteOptions { FieldManager = FieldManager }, ct);
        }
        catch (StatusError e) when (e.Code == 409 && e.Reason == "AlreadyExists")
        {
            var found = _replicaSets.Lister.Get(d.Namespace, rsName);
            if (found is null) throw;
            if (ObjectFields.ControllerOf(found)?.Uid == d.Uid && PodTemplateHash.EqualIgnoreHash(d.Template, found["spec"]?["template"]))
            {
                created = found;
                alreadyExisted = true;
            }
            else
            {
                // Someone else's ReplicaSet has our name: salt the hash and try again with the next name.
                var collisions = (d.Status.CollisionCount ?? 0) + 1;
                await WriteStatusAsync(d, d.Status with { CollisionCount = collisions }, ct);
                _log.LogInformation("hash collision for deployment {Namespace}/{Name}; collisionCount is now {Count}", d.Namespace, d.Name, collisions);
                throw;
            }
        }
        catch (StatusError e) when (!PodControl.IsNamespaceTerminating(e))
        {
            var message = $"Failed to create new replica set \"{rsName}\": {e.Message}";
            if (d.HasProgressDeadline)
            {
                d.Status = DeploymentConditions.Set(d.Status, DeploymentConditions.New(DeploymentConditions.Progressing, "False",
                    DeploymentConditions.ReplicaSetCreateError, message, now));
                try { await WriteStatusAsync(d, d.Status, ct); }
                catch (StatusError) { }
            }
            _recorder.Event(d.Involved, EventTypes.Warning, DeploymentConditions.ReplicaSetCreateError, message);
            throw;
        }

        if (!alreadyExisted && replicas > 0)
            _recorder.Event(d.Involved, EventTypes.Normal, "ScalingReplicaSet", $"Scaled up replica set {rsName} from 0 to {replicas}");
        await SetDeploymentRevisionAsync(d, newRevision.ToString(CultureInfo.InvariantCulture), ct);
        if (!alreadyExisted && d.HasProgressDeadline)
        {
            d.Status = DeploymentConditions.Set(d.Status, DeploymentConditions.New(DeploymentConditions.Progressing, "True",
                DeploymentConditions.NewReplicaSetCreated, $"Created new replica set \"{rsName}\"", now));
            await WriteStatusAsync(d, d.Status, ct);
        }
        var view = new ReplicaSetView(created);
        rsList.Add(view);
        return view;
    }

    /// <summary>Proportional scaling, so a resize in the middle of a rollout keeps the old/new ratio (upstream's scale).</summary>
    async Task ScaleAsync(DeploymentState d, ReplicaSetView? newRS, List<ReplicaSetView> oldRSs, CancellationToken ct)
    {
        if (RolloutMath.FindActiveOrLatest(newRS, oldRSs) is { } activeOrLatest)
        {
            if (activeOrLatest.Replicas != d.Replicas) await ScaleReplicaSetAndRecordEventAsync(activeOrLatest, d.Replicas, d, ct);
            return;
        }
        if (RolloutMath.IsSaturated(d, newRS))
        {
            foreach (var old in oldRSs.Where(r => r.Replicas > 0)) await ScaleReplicaSetAndRecordEventAsync(old, 0, d, ct);
            return;
        }
        if (!d.IsRollingUpdate) return;

        var active = oldRSs.Concat(Maybe(newRS)).Where(r => r.Replicas > 0).ToList();
        var allowed = d.Replicas > 0 ? d.Replicas + RolloutMath.MaxSurge(d) : 0;
        var toAdd = allowed - active.Sum(r => r.Replicas);
        var operation = "";
        if (toAdd > 0)
        {
            active.Sort(ReplicaSetView.BySizeNewer);
            operation = "up";
        }
        else if (toAdd < 0)
        {
            active.Sort(ReplicaSetView.BySizeOlder);
            operation = "down";
        }
        var added = 0;
        var sizes = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var rs in active)
        {
            if (toAdd == 0)
            {
                sizes[rs.Name] = rs.Replicas;
                continue;
            }
            var proportion = RolloutMath.Proportion(rs, d, toAdd, added);
            sizes[rs.Name] = rs.Replicas + proportion;
            added += proportion;
        }
        for (var i = 0; i < active.Count; i++)
        {
            var rs = active[i];
            // Rounding leftovers go to the largest ReplicaSet.
            if (i == 0 && toAdd != 0) sizes[rs.Name] = Math.Max(0, sizes[rs.Name] + toAdd - added);
            await ScaleReplicaSetAsync(rs, sizes[rs.Name], d, operation, ct);
        }
    }

    Task<bool> ScaleReplicaSetAndRecordEventAsync(ReplicaSetView rs, int newScale, DeploymentState d, CancellationToken ct)
    {
        if (rs.Replicas == newScale) return Task.FromResult(false);
        return ScaleReplicaSetAsync(rs, newScale, d, rs.Replicas < newScale ? "up" : "down", ct);
    }

    /// <summary>Sets the ReplicaSet's size and its desired/max-replicas annotations; true when the size changed.</summary>
    async Task<bool> ScaleReplicaSetAsync(ReplicaSetView rs, int newScale, DeploymentState d, string operation, CancellationToken ct)
    {
        var sizeChanges = rs.Replicas != newScale;
        var max = d.Replicas + RolloutMath.MaxSurge(d);
        var annotations = rs.Annotations;
        if (!sizeChanges && !RevisionAnnotations.ReplicasAnnotationsNeedUpdate(annotations, d.Replicas, max)) return false;
        var oldScale = rs.Replicas;
        var copy = (JsonObject)rs.Json.DeepClone();
        ObjectFields.Ensure(copy, "spec")["replicas"] = newScale;
        RevisionAnnotations.SetReplicasAnnotations(annotations, d.Replicas, max);
        SetAnnotations(copy, annotations);
        rs.Json = await _api.UpdateAsync(ReplicaSets, rs.Namespace, copy, null, new WriteOptions { FieldManager = FieldManager }, ct);
        if (sizeChanges)
            _recorder.Event(d.Involved, EventTypes.Normal, "ScalingReplicaSet", $"Scaled {operation} replica set {rs.Name} from {oldScale} to {newScale}");
        return sizeChanges;
    }

    async Task SyncDeploymentStatusAsync(DeploymentState d, List<ReplicaSetView> allRSs, ReplicaSetView? newRS, CancellationToken ct)
    {
        var status = DeploymentStatusCalculator.Calculate(allRSs, newRS, d, Now());
        await WriteStatusAsync(d, status, ct);
    }

    /// <summary>Writes <paramref name="status"/> unless it equals what is stored; keeps <paramref name="d"/> current.</summary>
    async Task WriteStatusAsync(DeploymentState d, DeploymentStatus status, CancellationToken ct)
    {
        var normalized = DeploymentStatusCalculator.Normalize(status);
        var json = KubeJson.ToObject(normalized);
        d.Status = status;
        if (JsonNode.DeepEquals(json, d.Json["status"] ?? new JsonObject())) return;
        var copy = (JsonObject)d.Json.DeepClone();
        copy["status"] = json;
        d.Json = await _api.UpdateAsync(Deployments, d.Namespace, copy, "status", new WriteOptions { FieldManager = FieldManager }, ct);
    }

    /// <summary>
    /// Mirrors the new ReplicaSet's revision on the Deployment. Upstream does it through the status
    /// subresource, which here keeps metadata as stored, so it is a metadata patch of its own.
    /// </summary>
    async Task SetDeploymentRevisionAsync(DeploymentState d, string? revision, CancellationToken ct)
    {
        if (revision is null || d.Annotation(RevisionAnnotations.Revision) == revision) return;
        d.Annotations[RevisionAnnotations.Revision] = revision;
        var patch = new JsonObject
        {
            ["metadata"] = new JsonObject
            {
                ["uid"] = d.Uid,
                ["annotations"] = new JsonObject { [RevisionAnnotations.Revision] = revision },
            },
        };
        d.Json = await _api.PatchAsync(Deployments, d.Namespace, d.Name, PatchType.Merge, patch.ToJsonString(), null, new WriteOptions { FieldManager = FieldManager }, ct);
    }

    static JsonObject ToJson(IReadOnlyDictionary<string, string> map)
    {
        var o = new JsonObject();
        foreach (var (k, v) in map.OrderBy(p => p.Key, StringComparer.Ordinal)) o[k] = v;
        return o;
    }

    static void SetAnnotations(JsonObject obj, IReadOnlyDictionary<string, string> annotations) =>
        ObjectFields.Ensure(obj, "metadata")["annotations"] = ToJson(annotations);

    static void SetMinReadySeconds(JsonObject rs, int seconds)
    {
        var spec = ObjectFields.Ensure(rs, "spec");
        if (seconds == 0) spec.Remove("minReadySeconds");
        else spec["minReadySeconds"] = seconds;
    }
}
