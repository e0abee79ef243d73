using System.Globalization;
using System.Text.Json.Nodes;
using KubeSharp.Client;
using KubeSharp.Client.Events;

namespace KubeSharp.Controllers.Deployment;

/// <summary>
/// Rollbacks. `kubectl rollout undo` itself copies an old ReplicaSet's template into the Deployment, and the
/// sync then finds that ReplicaSet as the new one and raises its revision (see GetNewReplicaSetAsync). This
/// file keeps upstream's older path: the <c>deprecated.deployment.rollback.to</c> annotation, which asks the
/// controller to do the copy (revision 0 meaning the previous one).
/// </summary>
public sealed partial class DeploymentController
{
    static long? RollbackRevision(DeploymentState d) =>
        d.Annotation(RevisionAnnotations.RollbackTo) is { Length: > 0 } v && long.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var r) ? r : null;

    async Task RollbackAsync(DeploymentState d, List<ReplicaSetView> rsList, CancellationToken ct)
    {
        var (newRS, oldRSs) = await GetAllReplicaSetsAndSyncRevisionAsync(d, rsList, true, ct);
        var allRSs = oldRSs.Concat(Maybe(newRS)).ToList();
        var revision = RollbackRevision(d) ?? 0;
        if (revision == 0 && (revision = LastRevision(allRSs)) == 0)
        {
            _recorder.Event(d.Involved, EventTypes.Warning, "DeploymentRollbackRevisionNotFound", "Unable to find last revision.");
            await ClearRollbackToAsync(d, null, ct);
            return;
        }
        var target = allRSs.FirstOrDefault(r => r.Revision == revision);
        if (target is null)
        {
            _recorder.Event(d.Involved, EventTypes.Warning, "DeploymentRollbackRevisionNotFound", "Unable to find the revision to rollback to.");
            await ClearRollbackToAsync(d, null, ct);
            return;
        }
        if (PodTemplateHash.EqualIgnoreHash(d.Template, target.Template))
        {
            _recorder.Event(d.Involved, EventTypes.Warning, "DeploymentRollbackTemplateUnchanged",
                $"The rollback revision contains the same template as current deployment \"{d.Name}\"");
            await ClearRollbackToAsync(d, null, ct);
            return;
        }
        await ClearRollbackToAsync(d, target, ct);
        _recorder.Event(d.Involved, EventTypes.Normal, "DeploymentRollback", $"Rolled back deployment \"{d.Name}\" to revision {revision}");
    }

    /// <summary>The second highest revision: the one before the current.</summary>
    static long LastRevision(IEnumerable<ReplicaSetView> rsList)
    {
        long max = 0, second = 0;
        foreach (var v in rsList.Select(r => r.Revision).OfType<long>())
        {
            if (v >= max) (second, max) = (max, v);
            else if (v > second) second = v;
        }
        return second;
    }

    /// <summary>Drops the rollback annotation; with a target, also takes its template (minus the hash label) and annotations.</summary>
    async Task ClearRollbackToAsync(DeploymentState d, ReplicaSetView? target, CancellationToken ct)
    {
        var copy = (JsonObject)d.Json.DeepClone();
        var meta = ReplicaSet.ObjectFields.Ensure(copy, "metadata");
        var annotations = new Dictionary<string, string>(d.Annotations, StringComparer.Ordinal);
        annotations.Remove(RevisionAnnotations.RollbackTo);
        if (target is not null)
        {
            var template = (JsonObject)(target.Template?.DeepClone() ?? new JsonObject());
            if (template["metadata"]?["labels"] is JsonObject labels) labels.Remove(PodTemplateHash.LabelKey);
            ReplicaSet.ObjectFields.Ensure(copy, "spec")["template"] = template;
            annotations = annotations.Where(p => RevisionAnnotations.Skipped.Contains(p.Key)).ToDictionary(StringComparer.Ordinal);
            annotations.Remove(RevisionAnnotations.RollbackTo);
            foreach (var (k, v) in target.Annotations)
                if (!RevisionAnnotations.Skipped.Contains(k)) annotations[k] = v;
        }
        meta["annotations"] = ToJson(annotations);
        d.Json = await _api.UpdateAsync(Deployments, d.Namespace, copy, null, new WriteOptions { FieldManager = FieldManager }, ct);
    }
}
