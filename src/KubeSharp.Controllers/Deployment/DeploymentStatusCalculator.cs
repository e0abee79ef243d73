using KubeSharp.Api.Model.Apps;

namespace KubeSharp.Controllers.Deployment;

/// <summary>The Deployment's counts from its ReplicaSets, and when a rollout counts as complete or progressing.</summary>
public static class DeploymentStatusCalculator
{
    /// <summary>Upstream's calculateStatus: sums over the ReplicaSets plus the Available condition.</summary>
    public static DeploymentStatus Calculate(IReadOnlyList<ReplicaSetView> allRSs, ReplicaSetView? newRS, DeploymentState d, DateTimeOffset now)
    {
        var available = allRSs.Sum(r => r.AvailableReplicas);
        var total = allRSs.Sum(r => r.Replicas);
        var status = new DeploymentStatus
        {
            ObservedGeneration = d.Generation,
            Replicas = allRSs.Sum(r => r.StatusReplicas),
            UpdatedReplicas = newRS?.StatusReplicas ?? 0,
            ReadyReplicas = allRSs.Sum(r => r.ReadyReplicas),
            AvailableReplicas = available,
            UnavailableReplicas = Math.Max(0, total - available),
            CollisionCount = d.Status.CollisionCount,
            Conditions = d.Status.Conditions?.ToList(),
        };
        var condition = available >= d.Replicas - RolloutMath.MaxUnavailable(d)
            ? DeploymentConditions.New(DeploymentConditions.Available, "True", DeploymentConditions.MinimumReplicasAvailable, "Deployment has minimum availability.", now)
            : DeploymentConditions.New(DeploymentConditions.Available, "False", DeploymentConditions.MinimumReplicasUnavailable, "Deployment does not have minimum availability.", now);
        return DeploymentConditions.Set(status, condition);
    }

    /// <summary>Every replica updated and available, and the latest generation observed.</summary>
    public static bool Complete(DeploymentState d, DeploymentStatus s) =>
        (s.UpdatedReplicas ?? 0) == d.Replicas && (s.Replicas ?? 0) == d.Replicas
        && (s.AvailableReplicas ?? 0) == d.Replicas && (s.ObservedGeneration ?? 0) >= d.Generation;

    /// <summary>Upstream's DeploymentProgressing: more updated, ready or available pods, or fewer old ones, than last recorded.</summary>
    public static bool Progressing(DeploymentState d, DeploymentStatus s)
    {
        var old = d.Status;
        var oldOld = (old.Replicas ?? 0) - (old.UpdatedReplicas ?? 0);
        var newOld = (s.Replicas ?? 0) - (s.UpdatedReplicas ?? 0);
        return (s.UpdatedReplicas ?? 0) > (old.UpdatedReplicas ?? 0) || newOld < oldOld
            || (s.ReadyReplicas ?? 0) > (old.ReadyReplicas ?? 0) || (s.AvailableReplicas ?? 0) > (old.AvailableReplicas ?? 0);
    }

    /// <summary>Upstream's DeploymentTimedOut: no progress recorded for progressDeadlineSeconds.</summary>
    public static bool TimedOut(DeploymentState d, DeploymentStatus s, DateTimeOffset now)
    {
        if (!d.HasProgressDeadline) return false;
        var condition = DeploymentConditions.Get(s, DeploymentConditions.Progressing);
        if (condition is null || condition.Reason == DeploymentConditions.NewReplicaSetAvailable) return false;
        if (condition.Reason == DeploymentConditions.ProgressDeadlineExceeded) return true;
        if (condition.LastUpdateTime is not { } from) return false;
        return from.AddSeconds(d.Spec.ProgressDeadlineSeconds!.Value) < now;
    }

    /// <summary>The status as upstream serialises it: zero counts omitted, so equal statuses compare equal.</summary>
    public static DeploymentStatus Normalize(DeploymentStatus s) => s with
    {
        ObservedGeneration = s.ObservedGeneration is 0 ? null : s.ObservedGeneration,
        Replicas = Zero(s.Replicas),
        UpdatedReplicas = Zero(s.UpdatedReplicas),
        ReadyReplicas = Zero(s.ReadyReplicas),
        AvailableReplicas = Zero(s.AvailableReplicas),
        UnavailableReplicas = Zero(s.UnavailableReplicas),
        Conditions = s.Conditions is { Count: 0 } ? null : s.Conditions,
    };

    static int? Zero(int? v) => v is 0 ? null : v;
}
