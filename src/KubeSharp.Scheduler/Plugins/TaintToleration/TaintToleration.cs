using KubeSharp.Scheduler.Cache;
using KubeSharp.Scheduler.Framework;
using KubeSharp.Scheduler.Framework.Matching;

namespace KubeSharp.Scheduler.Plugins.TaintToleration;

/// <summary>
/// Filters out nodes with a NoSchedule or NoExecute taint the pod does not tolerate; prefers nodes with
/// fewer untolerated PreferNoSchedule taints.
/// </summary>
public sealed class TaintToleration : IFilterPlugin, IScorePlugin
{
    public const string PluginName = "TaintToleration";

    public string Name => PluginName;

    public Status Filter(CycleState state, PodInfo pod, NodeInfo node)
    {
        var taints = node.Taints;
        for (var i = 0; i < taints.Count; i++)
        {
            var taint = taints[i];
            if (taint.Effect is not (Tolerations.NoSchedule or Tolerations.NoExecute)) continue;
            if (!Tolerations.AnyTolerates(pod.Tolerations, taint))
                return Status.Unresolvable(PluginName, $"node(s) had untolerated taint {{{taint.Key}: {taint.Value ?? ""}}}");
        }
        return Status.Success;
    }

    /// <summary>The number of PreferNoSchedule taints not tolerated by a toleration for that effect (or any effect).</summary>
    public long Score(CycleState state, PodInfo pod, NodeInfo node)
    {
        long count = 0;
        var taints = node.Taints;
        for (var i = 0; i < taints.Count; i++)
        {
            var taint = taints[i];
            if (taint.Effect != Tolerations.PreferNoSchedule) continue;
            var tolerated = false;
            foreach (var t in pod.Tolerations)
                if (string.IsNullOrEmpty(t.Effect) || t.Effect == Tolerations.PreferNoSchedule)
                    if (Tolerations.Tolerates(t, taint)) { tolerated = true; break; }
            if (!tolerated) count++;
        }
        return count;
    }

    public void NormalizeScore(CycleState state, PodInfo pod, IReadOnlyList<NodeInfo> nodes, Span<long> scores) => ScoreNormalization.Default(scores, reverse: true);
}
