using KubeSharp.Scheduler.Cache;
using KubeSharp.Scheduler.Framework;

namespace KubeSharp.Scheduler.Plugins.NodeResources;

/// <summary>
/// NodeResourcesBalancedAllocation: prefers nodes where, with the pod placed, CPU and memory are used in
/// similar proportions (100 × (1 − standard deviation of the fractions)). Best-effort pods are not scored.
/// </summary>
public sealed class BalancedAllocation : IPreScorePlugin, IScorePlugin
{
    public const string PluginName = "NodeResourcesBalancedAllocation";

    public string Name => PluginName;

    public Status PreScore(CycleState state, PodInfo pod, IReadOnlyList<NodeInfo> feasible, IReadOnlyList<NodeInfo> allNodes) =>
        pod.Requests.MilliCpu == 0 && pod.Requests.MemoryBytes == 0 ? Status.Skip : Status.Success;

    public long Score(CycleState state, PodInfo pod, NodeInfo node)
    {
        var cpuAlloc = node.Allocatable.MilliCpu;
        var memAlloc = node.Allocatable.MemoryBytes;
        // A resource the node does not offer takes no part; with one left there is nothing to balance.
        if (cpuAlloc == 0 || memAlloc == 0) return IScorePlugin.MaxNodeScore;
        var cpu = Math.Min(1, (double)(node.Requested.MilliCpu + pod.Requests.MilliCpu) / cpuAlloc);
        var memory = Math.Min(1, (double)(node.Requested.MemoryBytes + pod.Requests.MemoryBytes) / memAlloc);
        // With two resources the standard deviation is half their difference.
        var std = Math.Abs(cpu - memory) / 2;
        return (long)((1 - std) * IScorePlugin.MaxNodeScore);
    }
}
