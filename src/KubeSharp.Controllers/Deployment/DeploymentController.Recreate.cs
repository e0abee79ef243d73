namespace KubeSharp.Controllers.Deployment;

/// <summary>The Recreate strategy: every old pod gone before the new ReplicaSet grows (upstream's recreate.go).</summary>
public sealed partial class DeploymentController
{
    async Task RolloutRecreateAsync(DeploymentState d, List<ReplicaSetView> rsList, CancellationToken ct)
    {
        // The new ReplicaSet is not created yet: it would start pods before the old ones are gone.
        var (newRS, oldRSs) = await GetAllReplicaSetsAndSyncRevisionAsync(d, rsList, false, ct);
        var allRSs = oldRSs.Concat(Maybe(newRS)).ToList();

        var scaledDown = false;
        foreach (var rs in oldRSs.Where(r => r.Replicas > 0))
            scaledDown |= await ScaleReplicaSetAndRecordEventAsync(rs, 0, d, ct);
        if (scaledDown || OldPodsRunning(newRS, oldRSs))
        {
            await SyncRolloutStatusAsync(d, allRSs, newRS, ct);
            return;
        }

        if (newRS is null)
        {
            (newRS, oldRSs) = await GetAllReplicaSetsAndSyncRevisionAsync(d, rsList, true, ct);
            allRSs = oldRSs.Concat(Maybe(newRS)).ToList();
        }
        if (newRS is not null) await ScaleReplicaSetAndRecordEventAsync(newRS, d.Replicas, d, ct);
        if (DeploymentStatusCalculator.Complete(d, d.Status)) await CleanupDeploymentAsync(d, oldRSs, ct);
        await SyncRolloutStatusAsync(d, allRSs, newRS, ct);
    }

    /// <summary>Any old ReplicaSet still reporting replicas, or any old pod not finished (terminating ones included).</summary>
    bool OldPodsRunning(ReplicaSetView? newRS, List<ReplicaSetView> oldRSs)
    {
        if (oldRSs.Sum(r => r.StatusReplicas) > 0) return true;
        foreach (var rs in oldRSs)
        {
            if (newRS is not null && rs.Uid == newRS.Uid) continue;
            if (PodsOf(rs).Any(p => ReplicaSet.PodState.Phase(p) is not ("Succeeded" or "Failed"))) return true;
        }
        return false;
    }
}
