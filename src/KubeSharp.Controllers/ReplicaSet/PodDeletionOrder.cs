using System.Text.Json.Nodes;

namespace KubeSharp.Controllers.ReplicaSet;

/// <summary>
/// Which surplus pods go first when an owner scales down, as upstream's ActivePodsWithRanks: unscheduled
/// before scheduled; Pending before Unknown before Running; not ready before ready; lower
/// pod-deletion-cost first; pods sharing a node with more of their siblings first; the most recently
/// ready first; more restarts first; the newest first.
/// </summary>
public static class PodDeletionOrder
{
    /// <summary>The <paramref name="count"/> pods to delete from <paramref name="pods"/>.</summary>
    /// <param name="related">Pods whose placement ranks <paramref name="pods"/>: the owner's own and its siblings'.</param>
    public static IReadOnlyList<JsonObject> PodsToDelete(IReadOnlyList<JsonObject> pods, IEnumerable<JsonObject> related, int count)
    {
        if (count >= pods.Count) return pods;
        var perNode = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var p in related)
            if (PodState.IsActive(p) && PodState.NodeName(p) is { Length: > 0 } node)
                perNode[node] = perNode.GetValueOrDefault(node) + 1;
        // Every sort key is read from the JSON once per pod, not once per comparison: a rollout of 1,000
        // replicas sorts 1,000 pods several times, and each field read walks and decodes the tree.
        var ranked = pods.Select(p => Ranked.Of(p, PodState.NodeName(p) is { Length: > 0 } n ? perNode.GetValueOrDefault(n) : 0)).ToList();
        ranked.Sort(Compare);
        return ranked.Take(count).Select(r => r.Pod).ToList();
    }

    sealed record Ranked(JsonObject Pod, int Rank, bool Assigned, int Phase, bool Ready, int Cost, DateTimeOffset? ReadySince, int Restarts, DateTimeOffset? Created)
    {
        public static Ranked Of(JsonObject pod, int rank)
        {
            var ready = PodState.IsReady(pod);
            return new Ranked(pod, rank, PodState.NodeName(pod) is { Length: > 0 }, PhaseOrdinal(pod), ready, PodState.DeletionCost(pod),
                ready ? PodState.ReadySince(pod) : null, PodState.MaxRestarts(pod), ObjectFields.CreationTimestamp(pod));
        }
    }

    static int PhaseOrdinal(JsonObject pod) => PodState.Phase(pod) switch
    {
        "Pending" => 0,
        "Unknown" => 1,
        "Running" => 2,
        _ => 0,
    };

    /// <summary>Negative when <paramref name="a"/> should be deleted before <paramref name="b"/>.</summary>
    static int Compare(Ranked a, Ranked b)
    {
        if (a.Assigned != b.Assigned) return a.Assigned ? 1 : -1;
        var phase = a.Phase.CompareTo(b.Phase);
        if (phase != 0) return phase;
        if (a.Ready != b.Ready) return a.Ready ? 1 : -1;
        var cost = a.Cost.CompareTo(b.Cost);
        if (cost != 0) return cost;
        if (a.Rank != b.Rank) return b.Rank.CompareTo(a.Rank);
        if (a.Ready && b.Ready)
        {
            var since = Later(a.ReadySince, b.ReadySince);
            if (since != 0) return since;
        }
        var restarts = b.Restarts.CompareTo(a.Restarts);
        if (restarts != 0) return restarts;
        return Later(a.Created, b.Created);
    }

    /// <summary>Unknown times first, then the later time first.</summary>
    static int Later(DateTimeOffset? a, DateTimeOffset? b)
    {
        if (a is null && b is null) return 0;
        if (a is null) return -1;
        if (b is null) return 1;
        return b.Value.CompareTo(a.Value);
    }
}
