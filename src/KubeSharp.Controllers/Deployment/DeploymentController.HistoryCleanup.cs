using KubeSharp.Api.Errors;
using KubeSharp.Client;

namespace KubeSharp.Controllers.Deployment;

/// <summary>revisionHistoryLimit: old ReplicaSets scaled to zero beyond the limit are deleted, oldest revision first.</summary>
public sealed partial class DeploymentController
{
    async Task CleanupDeploymentAsync(DeploymentState d, List<ReplicaSetView> oldRSs, CancellationToken ct)
    {
        if (!d.HasRevisionHistoryLimit) return;
        var cleanable = oldRSs.Where(r => !r.Deleting).ToList();
        var diff = cleanable.Count - d.Spec.RevisionHistoryLimit!.Value;
        if (diff <= 0) return;
        cleanable.Sort(ReplicaSetView.ByRevision);
        for (var i = 0; i < diff; i++)
        {
            var rs = cleanable[i];
            // Only ReplicaSets that are empty and whose emptiness the ReplicaSet controller has confirmed.
            if (rs.StatusReplicas != 0 || rs.Replicas != 0 || rs.Generation > rs.ObservedGeneration || rs.Deleting) continue;
            try
            {
                await _api.DeleteAsync(ReplicaSets, rs.Namespace, rs.Name, new DeleteOptions { PreconditionUid = rs.Uid }, ct);
            }
            catch (StatusError e) when (e.Code is 404 or 409) { }
        }
    }
}
