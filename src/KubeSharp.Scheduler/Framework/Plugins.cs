using KubeSharp.Scheduler.Cache;

namespace KubeSharp.Scheduler.Framework;

/// <summary>A scheduling plugin; its name is upstream's, as it appears in configuration and messages.</summary>
public interface IPlugin
{
    string Name { get; }
}

/// <summary>Runs once per cycle before the filters; may precompute state, reject the pod, or return Skip to bypass its filter.</summary>
public interface IPreFilterPlugin : IPlugin
{
    Status PreFilter(CycleState state, PodInfo pod, IReadOnlyList<NodeInfo> nodes);
}

/// <summary>Decides whether the pod fits one node. Called concurrently for different nodes: must only read.</summary>
public interface IFilterPlugin : IPlugin
{
    Status Filter(CycleState state, PodInfo pod, NodeInfo node);
}

/// <summary>Runs once per cycle before scoring the feasible nodes; may return Skip to bypass its score.</summary>
public interface IPreScorePlugin : IPlugin
{
    Status PreScore(CycleState state, PodInfo pod, IReadOnlyList<NodeInfo> feasible, IReadOnlyList<NodeInfo> allNodes);
}

/// <summary>Ranks a feasible node; scores are normalised to 0..<see cref="MaxNodeScore"/> and then weighted.</summary>
public interface IScorePlugin : IPlugin
{
    public const long MaxNodeScore = 100;

    long Score(CycleState state, PodInfo pod, NodeInfo node);

    /// <summary>Brings the raw scores of <paramref name="nodes"/> (same order) into 0..100.</summary>
    void NormalizeScore(CycleState state, PodInfo pod, IReadOnlyList<NodeInfo> nodes, Span<long> scores) { }
}

/// <summary>Runs after no node fitted; upstream's preemption. Returns the message shown after the filter reasons, or null.</summary>
public interface IPostFilterPlugin : IPlugin
{
    string? PostFilter(CycleState state, PodInfo pod, Diagnosis diagnosis, int numAllNodes);
}

public static class ScoreNormalization
{
    /// <summary>
    /// Upstream's default: scale so the highest raw score becomes 100; <paramref name="reverse"/> turns
    /// "most" into "worst" (all 100 when every score is 0).
    /// </summary>
    public static void Default(Span<long> scores, bool reverse)
    {
        long max = 0;
        foreach (var s in scores) if (s > max) max = s;
        if (max == 0)
        {
            if (reverse) scores.Fill(IScorePlugin.MaxNodeScore);
            return;
        }
        for (var i = 0; i < scores.Length; i++)
        {
            var s = IScorePlugin.MaxNodeScore * scores[i] / max;
            scores[i] = reverse ? IScorePlugin.MaxNodeScore - s : s;
        }
    }
}
