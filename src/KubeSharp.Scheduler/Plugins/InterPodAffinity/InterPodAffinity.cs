using KubeSharp.Scheduler.Cache;
using KubeSharp.Scheduler.Framework;
using KubeSharp.Scheduler.Framework.Matching;

namespace KubeSharp.Scheduler.Plugins.InterPodAffinity;

/// <summary>
/// Required pod affinity and anti-affinity (the incoming pod's, and the anti-affinity of pods already
/// placed) as a filter over topology domains; preferred terms as a score.
/// </summary>
public sealed class InterPodAffinity(NamespaceLabels namespaceLabels) : IPreFilterPlugin, IFilterPlugin, IPreScorePlugin, IScorePlugin
{
    public const string PluginName = "InterPodAffinity";
    public const string ErrReasonAffinityRulesNotMatch = "node(s) didn't match pod affinity rules";
    public const string ErrReasonAntiAffinityRulesNotMatch = "node(s) didn't match pod anti-affinity rules";
    public const string ErrReasonExistingAntiAffinityRulesNotMatch = "node(s) didn't satisfy existing pods anti-affinity rules";
    /// <summary>What an existing pod's required affinity term counts for when scoring (upstream's hardPodAffinityWeight).</summary>
    public const int HardPodAffinityWeight = 1;

    const string FilterStateKey = "PreFilter" + PluginName;
    const string ScoreStateKey = "PreScore" + PluginName;

    static readonly Status AffinityMismatch = Status.Unresolvable(PluginName, ErrReasonAffinityRulesNotMatch);
    static readonly Status AntiAffinityMismatch = Status.Unschedulable(PluginName, ErrReasonAntiAffinityRulesNotMatch);
    static readonly Status ExistingAntiAffinityMismatch = Status.Unschedulable(PluginName, ErrReasonExistingAntiAffinityRulesNotMatch);

    public string Name => PluginName;

    /// <summary>Matching pods per topology pair (key, value).</summary>
    sealed class FilterState
    {
        public Dictionary<(string, string), int> ExistingAntiAffinity { get; } = [];
        public Dictionary<(string, string), int> Affinity { get; } = [];
        public Dictionary<(string, string), int> AntiAffinity { get; } = [];
    }

    sealed class ScoreState
    {
        public Dictionary<string, Dictionary<string, long>> TopologyScore { get; } = new(StringComparer.Ordinal);
    }

    public Status PreFilter(CycleState state, PodInfo pod, IReadOnlyList<NodeInfo> nodes)
    {
        var hasOwn = pod.RequiredAffinity.Count + pod.RequiredAntiAffinity.Count > 0;
        var s = new FilterState();
        var anyExisting = false;
        // Index loops: this runs over every node in every cycle, and foreach over an IReadOnlyList boxes an
        // enumerator each time (thousands of allocations per pod scheduled).
        for (var n = 0; n < nodes.Count; n++)
        {
            var node = nodes[n];
            var withAntiAffinity = node.PodsWithRequiredAntiAffinity;
            for (var i = 0; i < withAntiAffinity.Count; i++)
            {
                var existing = withAntiAffinity[i];
                anyExisting = true;
                foreach (var term in existing.RequiredAntiAffinity)
                    if (node.Labels.TryGetValue(term.TopologyKey, out var v) && term.Matches(pod, namespaceLabels))
                        Increment(s.ExistingAntiAffinity, term.TopologyKey, v);
            }
            if (!hasOwn) continue;
            foreach (var existing in node.Pods)
            {
                if (pod.RequiredAffinity.Count > 0 && MatchesAll(pod.RequiredAffinity, existing))
                    foreach (var term in pod.RequiredAffinity)
                        if (node.Labels.TryGetValue(term.TopologyKey, out var v)) Increment(s.Affinity, term.TopologyKey, v);
                foreach (var term in pod.RequiredAntiAffinity)
                    if (node.Labels.TryGetValue(term.TopologyKey, out var v) && term.Matches(existing, namespaceLabels))
                        Increment(s.AntiAffinity, term.TopologyKey, v);
            }
        }
        if (!hasOwn && !anyExisting) return Status.Skip;
        state.Write(FilterStateKey, s);
        return Status.Success;
    }

    public Status Filter(CycleState state, PodInfo pod, NodeInfo node)
    {
        var s = state.Read<FilterState>(FilterStateKey) ?? throw new InvalidOperationException("InterPodAffinity filter without PreFilter");
        if (!SatisfiesAffinity(s, pod, node)) return AffinityMismatch;
        foreach (var term in pod.RequiredAntiAffinity)
            if (node.Labels.TryGetValue(term.TopologyKey, out var v) && s.AntiAffinity.GetValueOrDefault((term.TopologyKey, v)) > 0)
                return AntiAffinityMismatch;
        if (s.ExistingAntiAffinity.Count > 0)
            foreach (var (k, v) in node.Labels)
                if (s.ExistingAntiAffinity.GetValueOrDefault((k, v)) > 0) return ExistingAntiAffinityMismatch;
        return Status.Success;
    }

    bool SatisfiesAffinity(FilterState s, PodInfo pod, NodeInfo node)
    {
        var podsExist = true;
        foreach (var term in pod.RequiredAffinity)
        {
            if (!node.Labels.TryGetValue(term.TopologyKey, out var v)) return false;
            if (s.Affinity.GetValueOrDefault((term.TopologyKey, v)) <= 0) podsExist = false;
        }
        if (podsExist) return true;
        // The first pod of a group that selects itself may go anywhere its topology keys exist.
        return s.Affinity.Count == 0 && MatchesAll(pod.RequiredAffinity, pod);
    }

    bool MatchesAll(IReadOnlyList<AffinityTerm> terms, PodInfo candidate)
    {
        foreach (var term in terms) if (!term.Matches(candidate, namespaceLabels)) return false;
        return true;
    }

    static void Increment(Dictionary<(string, string), int> counts, string key, string value) =>
        counts[(key, value)] = counts.GetValueOrDefault((key, value)) + 1;

    public Status PreScore(CycleState state, PodInfo pod, IReadOnlyList<NodeInfo> feasible, IReadOnlyList<NodeInfo> allNodes)
    {
        var hasPreferred = pod.PreferredAffinity.Count + pod.PreferredAntiAffinity.Count > 0;
        var s = new ScoreState();
        for (var n = 0; n < allNodes.Count; n++)
        {
            var node = allNodes[n];
            var pods = hasPreferred ? node.Pods : node.PodsWithAffinity;
            for (var i = 0; i < pods.Count; i++) ScoreExisting(s, pod, pods[i], node);
        }
        if (s.TopologyScore.Count == 0) return Status.Skip;
        state.Write(ScoreStateKey, s);
        return Status.Success;
    }

    void ScoreExisting(ScoreState s, PodInfo pod, PodInfo existing, NodeInfo node)
    {
        foreach (var term in pod.PreferredAffinity)
            if (term.Matches(existing, namespaceLabels)) Add(s, term.TopologyKey, node, term.Weight);
        foreach (var term in pod.PreferredAntiAffinity)
            if (term.Matches(existing, namespaceLabels)) Add(s, term.TopologyKey, node, -term.Weight);
        foreach (var term in existing.RequiredAffinity)
            if (term.Matches(pod, namespaceLabels)) Add(s, term.TopologyKey, node, HardPodAffinityWeight);
        foreach (var term in existing.PreferredAffinity)
            if (term.Matches(pod, namespaceLabels)) Add(s, term.TopologyKey, node, term.Weight);
        foreach (var term in existing.PreferredAntiAffinity)
            if (term.Matches(pod, namespaceLabels)) Add(s, term.TopologyKey, node, -term.Weight);
    }

    static void Add(ScoreState s, string key, NodeInfo node, long weight)
    {
        if (weight == 0 || !node.Labels.TryGetValue(key, out var value)) return;
        if (!s.TopologyScore.TryGetValue(key, out var values)) s.TopologyScore[key] = values = new(StringComparer.Ordinal);
        values[value] = values.GetValueOrDefault(value) + weight;
    }

    public long Score(CycleState state, PodInfo pod, NodeInfo node)
    {
        var s = state.Read<ScoreState>(ScoreStateKey);
        if (s is null) return 0;
        long score = 0;
        foreach (var (key, values) in s.TopologyScore)
            if (node.Labels.TryGetValue(key, out var v)) score += values.GetValueOrDefault(v);
        return score;
    }

    /// <summary>Min-max scaling: the lowest raw score becomes 0, the highest 100.</summary>
    public void NormalizeScore(CycleState state, PodInfo pod, IReadOnlyList<NodeInfo> nodes, Span<long> scores)
    {
        if (scores.Length == 0) return;
        long min = long.MaxValue, max = long.MinValue;
        foreach (var v in scores)
        {
            min = Math.Min(min, v);
            max = Math.Max(max, v);
        }
        var diff = max - min;
        for (var i = 0; i < scores.Length; i++)
            scores[i] = diff > 0 ? (long)(IScorePlugin.MaxNodeScore * ((double)(scores[i] - min) / diff)) : 0;
    }
}
