using KubeSharp.Api.Model;

namespace KubeSharp.Controllers.Deployment;

/// <summary>The arithmetic of a rollout, as upstream's deployment util: surge, unavailability, proportions.</summary>
public static class RolloutMath
{
    /// <summary>
    /// maxSurge (percentages rounded up) and maxUnavailable (rounded down) against <paramref name="desired"/>;
    /// both zero would deadlock a rollout, so unavailability is then 1, as upstream's ResolveFenceposts.
    /// </summary>
    public static (int Surge, int Unavailable) ResolveFenceposts(IntOrString? maxSurge, IntOrString? maxUnavailable, int desired)
    {
        var surge = (maxSurge ?? new IntOrString(0)).Scaled(desired, roundUp: true);
        var unavailable = (maxUnavailable ?? new IntOrString(0)).Scaled(desired, roundUp: false);
        if (surge == 0 && unavailable == 0) unavailable = 1;
        return (surge, unavailable);
    }

    public static int MaxSurge(DeploymentState d)
    {
        if (!d.IsRollingUpdate) return 0;
        var rolling = d.Spec.Strategy?.RollingUpdate;
        return ResolveFenceposts(rolling?.MaxSurge ?? "25%", rolling?.MaxUnavailable ?? "25%", d.Replicas).Surge;
    }

    public static int MaxUnavailable(DeploymentState d)
    {
        if (!d.IsRollingUpdate || d.Replicas == 0) return 0;
        var rolling = d.Spec.Strategy?.RollingUpdate;
        var unavailable = ResolveFenceposts(rolling?.MaxSurge ?? "25%", rolling?.MaxUnavailable ?? "25%", d.Replicas).Unavailable;
        return Math.Min(unavailable, d.Replicas);
    }

    /// <summary>How many replicas the new ReplicaSet may have now, as upstream's NewRSNewReplicas.</summary>
    /// <param name="currentPodCount">Pods of every ReplicaSet of the Deployment as the rollout counts them.</param>
    public static int NewRSNewReplicas(DeploymentState d, int currentPodCount, int newRSReplicas)
    {
        if (!d.IsRollingUpdate) return d.Replicas;
        var maxTotal = d.Replicas + MaxSurge(d);
        if (currentPodCount >= maxTotal) return newRSReplicas;
        var scaleUp = Math.Min(maxTotal - currentPodCount, d.Replicas - newRSReplicas);
        return newRSReplicas + scaleUp;
    }

    /// <summary>The new ReplicaSet has every replica, all available, and was sized for the current replica count.</summary>
    public static bool IsSaturated(DeploymentState d, ReplicaSetView? rs)
    {
        if (rs is null) return false;
        if (RevisionAnnotations.IntAnnotation(rs.Annotations, RevisionAnnotations.DesiredReplicas) is not { } desired) return false;
        return rs.Replicas == d.Replicas && desired == d.Replicas && rs.AvailableReplicas == d.Replicas;
    }

    /// <summary>The only active ReplicaSet, or the newest when none is active; null when several are active.</summary>
    public static ReplicaSetView? FindActiveOrLatest(ReplicaSetView? newRS, IReadOnlyList<ReplicaSetView> oldRSs)
    {
        if (newRS is null && oldRSs.Count == 0) return null;
        var newestFirst = oldRSs.OrderByDescending(r => r.Created).ThenByDescending(r => r.Name, StringComparer.Ordinal).ToList();
        var all = newestFirst.Append(newRS).OfType<ReplicaSetView>().Where(r => r.Replicas > 0).ToList();
        return all.Count switch
        {
            0 => newRS ?? newestFirst[0],
            1 => all[0],
            _ => null,
        };
    }

    /// <summary>The share of <paramref name="toAdd"/> a ReplicaSet gets when a Deployment is resized mid-rollout (upstream's GetProportion).</summary>
    public static int Proportion(ReplicaSetView rs, DeploymentState d, int toAdd, int added)
    {
        if (rs.Replicas == 0 || toAdd == 0 || toAdd == added) return 0;
        var fraction = Fraction(rs, d);
        var allowed = toAdd - added;
        return toAdd > 0 ? Math.Min(fraction, allowed) : Math.Max(fraction, allowed);
    }

    static int Fraction(ReplicaSetView rs, DeploymentState d)
    {
        if (d.Replicas == 0) return -rs.Replicas;
        var deploymentReplicas = d.Replicas + MaxSurge(d);
        var annotated = RevisionAnnotations.IntAnnotation(rs.Annotations, RevisionAnnotations.MaxReplicas) ?? d.Status.Replicas ?? 0;
        if (annotated == 0) return 0;
        var size = (double)rs.Replicas * deploymentReplicas / annotated;
        return (int)Math.Round(size, MidpointRounding.AwayFromZero) - rs.Replicas;
    }
}
