using KubeSharp.Scheduler.Cache;
using KubeSharp.Scheduler.Framework;

namespace KubeSharp.Scheduler.Plugins.NodeAffinity;

/// <summary>
/// The pod's nodeSelector and required node affinity as a filter; its preferred node affinity terms as a
/// score (sum of the weights of the terms a node matches).
/// </summary>
public sealed class NodeAffinity : IPreFilterPlugin, IFilterPlugin, IPreScorePlugin, IScorePlugin
{
    public const string PluginName = "NodeAffinity";
    public const string ErrReason = "node(s) didn't match Pod's node affinity/selector";

    static readonly Status Mismatch = Status.Unresolvable(PluginName, ErrReason);

    public string Name => PluginName;

    public Status PreFilter(CycleState state, PodInfo pod, IReadOnlyList<NodeInfo> nodes) =>
        pod.NodeSelector is null && pod.RequiredNodeAffinity is null ? Status.Skip : Status.Success;

    public Status Filter(CycleState state, PodInfo pod, NodeInfo node) => Matches(pod, node) ? Status.Success : Mismatch;

    /// <summary>Whether the node satisfies the pod's nodeSelector and required node affinity.</summary>
    public static bool Matches(PodInfo pod, NodeInfo node)
    {
        // A Dictionary's own struct enumerator: this runs for every node of every cycle, and enumerating
        // through the interface would allocate each time.
        if (pod.NodeSelector is Dictionary<string, string> dictionary)
        {
            foreach (var (k, v) in dictionary)
                if (!node.Labels.TryGetValue(k, out var actual) || actual != v) return false;
        }
        else if (pod.NodeSelector is { } selector)
        {
            foreach (var (k, v) in selector)
                if (!node.Labels.TryGetValue(k, out var actual) || actual != v) return false;
        }
        return pod.RequiredNodeAffinity is not { } required || required.Matches(node.Name, node.Labels);
    }

    public Status PreScore(CycleState state, PodInfo pod, IReadOnlyList<NodeInfo> feasible, IReadOnlyList<NodeInfo> allNodes) =>
        pod.PreferredNodeAffinity.Count == 0 ? Status.Skip : Status.Success;

    public long Score(CycleState state, PodInfo pod, NodeInfo node)
    {
        long score = 0;
        foreach (var term in pod.PreferredNodeAffinity)
            if (term.Term.Matches(node.Name, node.Labels)) score += term.Weight;
        return score;
    }

    public void NormalizeScore(CycleState state, PodInfo pod, IReadOnlyList<NodeInfo> nodes, Span<long> scores) => ScoreNormalization.Default(scores, reverse: false);
}
