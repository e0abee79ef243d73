using KubeSharp.Scheduler.Cache;
using KubeSharp.Scheduler.Framework;
using KubeSharp.Scheduler.Framework.Matching;
using Affinity = KubeSharp.Scheduler.Plugins.NodeAffinity.NodeAffinity;

namespace KubeSharp.Scheduler.Plugins.PodTopologySpread;

/// <summary>
/// Spreads matching pods over topology domains: DoNotSchedule constraints filter out nodes where the
/// skew would exceed maxSkew; ScheduleAnyway constraints prefer the domains with fewer matching pods.
/// (Upstream's cluster-wide default constraints are not applied.)
/// </summary>
public sealed class PodTopologySpread : IPreFilterPlugin, IFilterPlugin, IPreScorePlugin, IScorePlugin
{
    public const string PluginName = "PodTopologySpread";
    public const string ErrReasonConstraintsNotMatch = "node(s) didn't match pod topology spread constraints";
    public const string ErrReasonNodeLabelNotMatch = ErrReasonConstraintsNotMatch + " (missing required label)";
    public const string HostnameLabel = "kubernetes.io/hostname";

    const string FilterStateKey = "PreFilter" + PluginName;
    const string ScoreStateKey = "PreScore" + PluginName;

    static readonly Status SkewTooBig = Status.Unschedulable(PluginName, ErrReasonConstraintsNotMatch);
    static readonly Status MissingLabel = Status.Unresolvable(PluginName, ErrReasonNodeLabelNotMatch);

    public string Name => PluginName;

    sealed record FilterState(IReadOnlyList<SpreadConstraint> Constraints, Dictionary<(string, string), int> Counts, int[] MinMatch);

    sealed record ScoreState(IReadOnlyList<SpreadConstraint> Constraints, Dictionary<(string, string), long> Counts, double[] Weights, HashSet<string> Ignored);

    public Status PreFilter(CycleState state, PodInfo pod, IReadOnlyList<NodeInfo> nodes)
    {
        var constraints = pod.SpreadConstraints.Where(c => c.WhenUnsatisfiable == SpreadConstraint.DoNotSchedule).ToList();
        if (constraints.Count == 0) return Status.Skip;
        var counts = new Dictionary<(string, string), int>();
        foreach (var node in nodes)
        {
            if (!HasAllKeys(node, constraints)) continue;
            foreach (var c in constraints)
            {
                if (!Included(c, pod, node)) continue;
                var pair = (c.TopologyKey, node.Labels[c.TopologyKey]);
                counts[pair] = counts.GetValueOrDefault(pair) + CountMatching(node, c, pod.Namespace);
            }
        }
        var min = new int[constraints.Count];
        for (var i = 0; i < constraints.Count; i++)
        {
            var key = constraints[i].TopologyKey;
            var domains = counts.Where(kv => kv.Key.Item1 == key).Select(kv => kv.Value).ToList();
            min[i] = domains.Count == 0 || domains.Count < constraints[i].MinDomains ? 0 : domains.Min();
        }
        state.Write(FilterStateKey, new FilterState(constraints, counts, min));
        return Status.Success;
    }

    public Status Filter(CycleState state, PodInfo pod, NodeInfo node)
    {
        var s = state.Read<FilterState>(FilterStateKey) ?? throw new InvalidOperationException("PodTopologySpread filter without PreFilter");
        for (var i = 0; i < s.Constraints.Count; i++)
        {
            var c = s.Constraints[i];
            if (!node.Labels.TryGetValue(c.TopologyKey, out var value)) return MissingLabel;
            var self = c.Selector.Matches(pod.Labels) ? 1 : 0;
            var skew = s.Counts.GetValueOrDefault((c.TopologyKey, value)) + self - s.MinMatch[i];
            if (skew > c.MaxSkew) return SkewTooBig;
        }
        return Status.Success;
    }

    public Status PreScore(CycleState state, PodInfo pod, IReadOnlyList<NodeInfo> feasible, IReadOnlyList<NodeInfo> allNodes)
    {
        var constraints = pod.SpreadConstraints.Where(c => c.WhenUnsatisfiable == SpreadConstraint.ScheduleAnyway).ToList();
        if (constraints.Count == 0) return Status.Skip;
        var ignored = new HashSet<string>(StringComparer.Ordinal);
        var counts = new Dictionary<(string, string), long>();
        var sizes = new int[constraints.Count];
        foreach (var node in feasible)
        {
            if (!HasAllKeys(node, constraints))
            {
                ignored.Add(node.Name);
                continue;
            }
            for (var i = 0; i < constraints.Count; i++)
            {
                var c = constraints[i];
                if (c.TopologyKey == HostnameLabel) continue;
                if (counts.TryAdd((c.TopologyKey, node.Labels[c.TopologyKey]), 0)) sizes[i]++;
            }
        }
        var weights = new double[constraints.Count];
        for (var i = 0; i < constraints.Count; i++)
        {
            var size = constraints[i].TopologyKey == HostnameLabel ? feasible.Count - ignored.Count : sizes[i];
            weights[i] = Math.Log(size + 2);
        }
        foreach (var node in allNodes)
        {
            if (!HasAllKeys(node, constraints)) continue;
            foreach (var c in constraints)
            {
                if (c.TopologyKey == HostnameLabel || !Included(c, pod, node)) continue;
                var pair = (c.TopologyKey, node.Labels[c.TopologyKey]);
                // Only domains some feasible node is in matter.
                if (counts.TryGetValue(pair, out var n)) counts[pair] = n + CountMatching(node, c, pod.Namespace);
            }
        }
        state.Write(ScoreStateKey, new ScoreState(constraints, counts, weights, ignored));
        return Status.Success;
    }

    public long Score(CycleState state, PodInfo pod, NodeInfo node)
    {
        var s = state.Read<ScoreState>(ScoreStateKey);
        if (s is null || s.Ignored.Contains(node.Name)) return 0;
        double score = 0;
        for (var i = 0; i < s.Constraints.Count; i++)
        {
            var c = s.Constraints[i];
            if (!node.Labels.TryGetValue(c.TopologyKey, out var value)) continue;
            long count = c.TopologyKey == HostnameLabel ? CountMatching(node, c, pod.Namespace) : s.Counts.GetValueOrDefault((c.TopologyKey, value));
            score += count * s.Weights[i] + (c.MaxSkew - 1);
        }
        return (long)Math.Round(score, MidpointRounding.AwayFromZero);
    }

    /// <summary>Fewer matching pods is better: the node with the lowest count gets 100; nodes missing a key get 0.</summary>
    public void NormalizeScore(CycleState state, PodInfo pod, IReadOnlyList<NodeInfo> nodes, Span<long> scores)
    {
        var s = state.Read<ScoreState>(ScoreStateKey);
        if (s is null) return;
        long min = long.MaxValue, max = 0;
        for (var i = 0; i < scores.Length; i++)
        {
            if (s.Ignored.Contains(nodes[i].Name)) continue;
            min = Math.Min(min, scores[i]);
            max = Math.Max(max, scores[i]);
        }
        for (var i = 0; i < scores.Length; i++)
        {
            if (s.Ignored.Contains(nodes[i].Name)) scores[i] = 0;
            else if (max == 0) scores[i] = IScorePlugin.MaxNodeScore;
            else scores[i] = IScorePlugin.MaxNodeScore * (max + min - scores[i]) / max;
        }
    }

    static bool HasAllKeys(NodeInfo node, List<SpreadConstraint> constraints)
    {
        foreach (var c in constraints) if (!node.Labels.ContainsKey(c.TopologyKey)) return false;
        return true;
    }

    /// <summary>Whether the node counts for the constraint under its nodeAffinityPolicy and nodeTaintsPolicy.</summary>
    static bool Included(SpreadConstraint c, PodInfo pod, NodeInfo node)
    {
        if (c.HonorNodeAffinity && !Affinity.Matches(pod, node)) return false;
        if (c.HonorNodeTaints)
            foreach (var taint in node.Taints)
                if (taint.Effect is Tolerations.NoSchedule or Tolerations.NoExecute && !Tolerations.AnyTolerates(pod.Tolerations, taint)) return false;
        return true;
    }

    static int CountMatching(NodeInfo node, SpreadConstraint c, string ns)
    {
        var n = 0;
        foreach (var p in node.Pods)
            if (!p.Deleting && p.Namespace == ns && c.Selector.Matches(p.Labels)) n++;
        return n;
    }
}
