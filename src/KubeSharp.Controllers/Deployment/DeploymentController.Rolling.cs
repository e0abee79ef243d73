namespace KubeSharp.Controllers.Deployment;

/// <summary>The RollingUpdate strategy (upstream's rolling.go).</summary>
public sealed partial class DeploymentController
{
    async Task RolloutRollingAsync(DeploymentState d, List<ReplicaSetView> rsList, CancellationToken ct)
    {
        var (newRS, oldRSs) = await GetAllReplicaSetsAndSyncRevisionAsync(d, rsList, true, ct);
        var allRSs = oldRSs.Concat(Maybe(newRS)).ToList();

        if (newRS is not null && await ReconcileNewReplicaSetAsync(allRSs, newRS, d, ct))
        {
            await SyncRolloutStatusAsync(d, allRSs, newRS, ct);
            return;
        }
        if (newRS is not null && await ReconcileOldReplicaSetsAsync(allRSs, oldRSs.Where(r => r.Replicas > 0).ToList(), newRS, d, ct))
        {
            await SyncRolloutStatusAsync(d, allRSs, newRS, ct);
            return;
        }
        if (DeploymentStatusCalculator.Complete(d, d.Status)) await CleanupDeploymentAsync(d, oldRSs, ct);
        await SyncRolloutStatusAsync(d, allRSs, newRS, ct);
    }

    /// <summary>Grows the new ReplicaSet as far as maxSurge allows (or shrinks it to the Deployment's size).</summary>
    async Task<bool> ReconcileNewReplicaSetAsync(List<ReplicaSetView> allRSs, ReplicaSetView newRS, DeploymentState d, CancellationToken ct)
    {
        if (newRS.Replicas == d.Replicas) return false;
        if (newRS.Replicas > d.Replicas) return await ScaleReplicaSetAndRecordEventAsync(newRS, d.Replicas, d, ct);
        // Pods count as they are, not only as the ReplicaSets are sized: an old pod still running after its
        // ReplicaSet shrank keeps its place under maxSurge until it is actually terminating.
        var currentPods = allRSs.Sum(r => Math.Max(r.Replicas, ActivePodCount(r)));
        var target = RolloutMath.NewRSNewReplicas(d, currentPods, newRS.Replicas);
        return await ScaleReplicaSetAndRecordEventAsync(newRS, target, d, ct);
    }

    /// <summary>Shrinks old ReplicaSets: unhealthy replicas first, then as far as maxUnavailable allows (upstream's reconcileOldReplicaSets).</summary>
    async Task<bool> ReconcileOldReplicaSetsAsync(List<ReplicaSetView> allRSs, List<ReplicaSetView> oldRSs, ReplicaSetView newRS, DeploymentState d, CancellationToken ct)
    {
        if (oldRSs.Sum(r => r.Replicas) == 0) return false;
        var allPods = allRSs.Sum(r => r.Replicas);
        var minAvailable = d.Replicas - RolloutMath.MaxUnavailable(d);
        var newUnavailable = newRS.Replicas - newRS.AvailableReplicas;
        var maxScaledDown = allPods - minAvailable - newUnavailable;
        if (maxScaledDown <= 0) return false;

        var cleaned = await CleanupUnhealthyReplicasAsync(oldRSs, d, maxScaledDown, ct);
        var scaled = await ScaleDownOldReplicaSetsForRollingUpdateAsync(allRSs, oldRSs, d, ct);
        return cleaned + scaled > 0;
    }

    /// <summary>Old replicas that are not available can go without lowering availability.</summary>
    async Task<int> CleanupUnhealthyReplicasAsync(List<ReplicaSetView> oldRSs, DeploymentState d, int maxCleanup, CancellationToken ct)
    {
        oldRSs.Sort(ReplicaSetView.ByCreation);
        var total = 0;
        foreach (var rs in oldRSs)
        {
            if (total >= maxCleanup) break;
            if (rs.Replicas == 0 || rs.Replicas <= Available(rs)) continue;
            var count = Math.Min(maxCleanup - total, rs.Replicas - Available(rs));
            await ScaleReplicaSetAndRecordEventAsync(rs, rs.Replicas - count, d, ct);
            total += count;
        }
        return total;
    }

    async Task<int> ScaleDownOldReplicaSetsForRollingUpdateAsync(List<ReplicaSetView> allRSs, List<ReplicaSetView> oldRSs, DeploymentState d, CancellationToken ct)
    {
        var minAvailable = d.Replicas - RolloutMath.MaxUnavailable(d);
        var available = allRSs.Sum(Available);
        if (available <= minAvailable) return 0;
        oldRSs.Sort(ReplicaSetView.ByCreation);
        var total = 0;
        var target = available - minAvailable;
        foreach (var rs in oldRSs)
        {
            if (total >= target) break;
            if (rs.Replicas == 0) continue;
            var count = Math.Min(rs.Replicas, target - total);
            await ScaleReplicaSetAndRecordEventAsync(rs, rs.Replicas - count, d, ct);
            total += count;
        }
        return total;
    }

    /// <summary>
    /// Available replicas as the rollout may count them: never more than the ReplicaSet's size, because a
    /// ReplicaSet that was just shrunk still reports the pods it is about to delete as available.
    /// </summary>
    static int Available(ReplicaSetView rs) => Math.Min(rs.AvailableReplicas, rs.Replicas);
}
