using KubeSharp.Scheduler.Cache;
using KubeSharp.Scheduler.Framework;

namespace KubeSharp.Scheduler.Plugins.NodeName;

/// <summary>A pod that names a node fits only that node.</summary>
public sealed class NodeName : IFilterPlugin
{
    public const string PluginName = "NodeName";
    public const string ErrReason = "node(s) didn't match the requested node name";

    static readonly Status Mismatch = Status.Unresolvable(PluginName, ErrReason);

    public string Name => PluginName;

    public Status Filter(CycleState state, PodInfo pod, NodeInfo node) =>
        pod.NodeName is null || pod.NodeName == node.Name ? Status.Success : Mismatch;
}
