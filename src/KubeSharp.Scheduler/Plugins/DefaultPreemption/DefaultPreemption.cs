using KubeSharp.Scheduler.Cache;
using KubeSharp.Scheduler.Framework;

namespace KubeSharp.Scheduler.Plugins.DefaultPreemption;

/// <summary>
/// Stands in for upstream's preemption: it evicts nothing, but explains per node, in upstream's words,
/// why preemption does not help — nodes rejected for reasons no eviction can change are "not helpful",
/// the others have no victims (this scheduler never preempts).
/// </summary>
public sealed class DefaultPreemption : IPostFilterPlugin
{
    public const string PluginName = "DefaultPreemption";
    public const string NotHelpful = "Preemption is not helpful for scheduling";
    public const string NoVictims = "No preemption victims found for incoming pod";

    public string Name => PluginName;

    public string? PostFilter(CycleState state, PodInfo pod, Diagnosis diagnosis, int numAllNodes)
    {
        if (pod.PreemptionPolicy == "Never") return "preemption: not eligible due to preemptionPolicy=Never.";
        var reasons = diagnosis.NodeToStatus.Values.Select(s => s.Code == StatusCode.UnschedulableAndUnresolvable ? NotHelpful : NoVictims);
        return $"preemption: 0/{numAllNodes} nodes are available: {FitError.Histogram(reasons)}.";
    }
}
