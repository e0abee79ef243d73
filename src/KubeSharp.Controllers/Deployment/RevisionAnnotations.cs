using System.Globalization;

namespace KubeSharp.Controllers.Deployment;

/// <summary>The annotations through which a Deployment and its ReplicaSets record revisions and sizes.</summary>
public static class RevisionAnnotations
{
    public const string Revision = "deployment.kubernetes.io/revision";
    public const string RevisionHistory = "deployment.kubernetes.io/revision-history";
    public const string DesiredReplicas = "deployment.kubernetes.io/desired-replicas";
    public const string MaxReplicas = "deployment.kubernetes.io/max-replicas";
    public const string RollbackTo = "deprecated.deployment.rollback.to";
    public const string LastAppliedConfig = "kubectl.kubernetes.io/last-applied-configuration";
    public const string ChangeCause = "kubernetes.io/change-cause";

    /// <summary>Upstream keeps revision-history below this many characters.</summary>
    public const int RevisionHistoryLimitInChars = 2000;

    /// <summary>Annotations that belong to the object they are on and are never copied between a Deployment and its ReplicaSets.</summary>
    public static readonly IReadOnlySet<string> Skipped = new HashSet<string>(StringComparer.Ordinal)
    {
        LastAppliedConfig, Revision, RevisionHistory, DesiredReplicas, MaxReplicas, RollbackTo,
    };

    /// <summary>The revision annotation as a number: 0 when absent, null when it is not a number.</summary>
    public static long? ParseRevision(IReadOnlyDictionary<string, string> annotations) =>
        !annotations.TryGetValue(Revision, out var v) ? 0
        : long.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var r) ? r : null;

    /// <summary>
    /// Brings a ReplicaSet's annotations in line with its Deployment, as upstream's SetNewReplicaSetAnnotations:
    /// copies the Deployment's own annotations, raises the revision to <paramref name="newRevision"/> (remembering
    /// the one it replaces in revision-history) and, for a ReplicaSet about to be created, records the sizes.
    /// </summary>
    /// <returns>True when anything changed.</returns>
    public static bool SetNewReplicaSetAnnotations(IReadOnlyDictionary<string, string> deployment, Dictionary<string, string> rs,
        long newRevision, bool exists, int replicas, int maxSurge)
    {
        var changed = CopyDeploymentAnnotations(deployment, rs);
        var hadRevision = rs.TryGetValue(Revision, out var oldRevision);
        long oldRevisionNumber = 0;
        if (hadRevision && !long.TryParse(oldRevision, NumberStyles.Integer, CultureInfo.InvariantCulture, out oldRevisionNumber))
            return false;
        if (oldRevisionNumber < newRevision)
        {
            rs[Revision] = newRevision.ToString(CultureInfo.InvariantCulture);
            changed = true;
        }
        // An existing revision being raised means an old template came back (a rollback); keep its old number.
        if (hadRevision && oldRevisionNumber < newRevision)
        {
            var history = rs.GetValueOrDefault(RevisionHistory) ?? "";
            var entries = history.Length == 0 ? new List<string>() : history.Split(',').ToList();
            entries.Add(oldRevision!);
            while (string.Join(",", entries).Length > RevisionHistoryLimitInChars && entries.Count > 1) entries.RemoveAt(0);
            rs[RevisionHistory] = string.Join(",", entries);
        }
        if (!exists && SetReplicasAnnotations(rs, replicas, replicas + maxSurge)) changed = true;
        return changed;
    }

    /// <summary>Copies every annotation but <see cref="Skipped"/> ones; never removes any.</summary>
    public static bool CopyDeploymentAnnotations(IReadOnlyDictionary<string, string> deployment, Dictionary<string, string> rs)
    {
        var changed = false;
        foreach (var (k, v) in deployment)
        {
            if (Skipped.Contains(k) || (rs.TryGetValue(k, out var existing) && existing == v)) continue;
            rs[k] = v;
            changed = true;
        }
        return changed;
    }

    public static bool SetReplicasAnnotations(Dictionary<string, string> rs, int desired, int max)
    {
        var changed = false;
        var d = desired.ToString(CultureInfo.InvariantCulture);
        var m = max.ToString(CultureInfo.InvariantCulture);
        if (rs.GetValueOrDefault(DesiredReplicas) != d) { rs[DesiredReplicas] = d; changed = true; }
        if (rs.GetValueOrDefault(MaxReplicas) != m) { rs[MaxReplicas] = m; changed = true; }
        return changed;
    }

    public static bool ReplicasAnnotationsNeedUpdate(IReadOnlyDictionary<string, string> rs, int desired, int max) =>
        rs.GetValueOrDefault(DesiredReplicas) != desired.ToString(CultureInfo.InvariantCulture)
        || rs.GetValueOrDefault(MaxReplicas) != max.ToString(CultureInfo.InvariantCulture);

    public static int? IntAnnotation(IReadOnlyDictionary<string, string> annotations, string key) =>
        annotations.TryGetValue(key, out var v) && int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) ? i : null;
}
