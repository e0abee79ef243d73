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
        var ranked = pods.Select(p => new Ranked(p, PodState.NodeName(p) is { Length: > 0 } n ? perNode.GetValueOrDefault(n) : 0)).ToList();
        ranked.Sort(Compare);
        return ranked.Take(count).Select(r => r.Pod).ToList();
    }

    sealed record Ranked(JsonObject Pod, int Rank);

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
        var (pa, pb) = (a.Pod, b.Pod);
        bool assignedA = PodState.NodeName(pa) is { Length: > 0 }, assignedB = PodState.NodeName(pb) is { Length: > 0 };
        if (assignedA != assignedB) return assignedA ? 1 : -1;
        var phase = PhaseOrdinal(pa).CompareTo(PhaseOrdinal(pb));
        if (phase != 0) return phase;
        bool readyA = PodState.IsReady(pa), readyB = PodState.IsReady(pb);
        if (readyA != readyB) return readyA ? 1 : -1;
        var cost = PodState.DeletionCost(pa).CompareTo(PodState.DeletionCost(pb));
        if (cost != 0) return cost;
        if (a.Rank != b.Rank) return b.Rank.CompareTo(a.Rank);
        if (readyA && readyB)
        {
            var since = Later(PodState.ReadySince(pa), PodState.ReadySince(pb));
            if (since != 0) return since;
        }
        var restarts = PodState.MaxRestarts(pb).CompareTo(PodState.MaxRestarts(pa));
        if (restarts != 0) return restarts;
        return Later(ObjectFields.CreationTimestamp(pa), ObjectFields.CreationTimestamp(pb));
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
