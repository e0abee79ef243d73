using KubeSharp.Scheduler.Cache;
using KubeSharp.Scheduler.Framework;

namespace KubeSharp.Scheduler.Plugins.NodeResources;

/// <summary>
/// NodeResourcesFit: the pod's requests (init containers, sidecars and overhead included) must fit in
/// what the node has allocatable minus what its bound and assumed pods request. Scores with the
/// LeastAllocated strategy: the more CPU and memory stays free, the better.
/// </summary>
public sealed class Fit : IPreFilterPlugin, IFilterPlugin, IScorePlugin
{
    public const string PluginName = "NodeResourcesFit";
    public const string TooManyPods = "Too many pods";

    static readonly Status PodsFull = Status.Unschedulable(PluginName, TooManyPods);

    public string Name => PluginName;

    public Status PreFilter(CycleState state, PodInfo pod, IReadOnlyList<NodeInfo> nodes) => Status.Success;

    public Status Filter(CycleState state, PodInfo pod, NodeInfo node)
    {
        var alloc = node.Allocatable;
        var used = node.Requested;
        var want = pod.Requests;
        List<string>? reasons = null;
        var unresolvable = false;
        if (node.Pods.Count + 1 > alloc.AllowedPods) reasons = [TooManyPods];
        if (want.IsZero) return reasons is null ? Status.Success : PodsFull;

        Check(want.MilliCpu, alloc.MilliCpu, used.MilliCpu, Resource.Cpu, ref reasons, ref unresolvable);
        Check(want.MemoryBytes, alloc.MemoryBytes, used.MemoryBytes, Resource.Memory, ref reasons, ref unresolvable);
        Check(want.EphemeralStorageBytes, alloc.EphemeralStorageBytes, used.EphemeralStorageBytes, Resource.EphemeralStorage, ref reasons, ref unresolvable);
        if (want.Scalars is not null)
            foreach (var (name, amount) in want.Scalars.OrderBy(kv => kv.Key, StringComparer.Ordinal))
                Check(amount, alloc.Scalar(name), used.Scalar(name), name, ref reasons, ref unresolvable);

        if (reasons is null) return Status.Success;
        return unresolvable ? Status.Unresolvable(PluginName, [.. reasons]) : Status.Unschedulable(PluginName, [.. reasons]);
    }

    static void Check(long wanted, long allocatable, long requested, string resource, ref List<string>? reasons, ref bool unresolvable)
    {
        if (wanted <= 0 || wanted <= allocatable - requested) return;
        (reasons ??= []).Add("Insufficient " + resource);
        // More than the whole node has: evicting pods could never make room.
        if (wanted > allocatable) unresolvable = true;
    }

    /// <summary>LeastAllocated over CPU and memory (weight 1 each), counting upstream's non-zero defaults.</summary>
    public long Score(CycleState state, PodInfo pod, NodeInfo node)
    {
        var cpu = LeastAllocated(node.NonZeroRequested.MilliCpu + pod.NonZeroRequests.MilliCpu, node.Allocatable.MilliCpu);
        var memory = LeastAllocated(node.NonZeroRequested.MemoryBytes + pod.NonZeroRequests.MemoryBytes, node.Allocatable.MemoryBytes);
        return (cpu + memory) / 2;
    }

    static long LeastAllocated(long requested, long capacity)
    {
        if (capacity == 0 || requested > capacity) return 0;
        return (capacity - requested) * IScorePlugin.MaxNodeScore / capacity;
    }
}
