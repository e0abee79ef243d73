using KubeSharp.Scheduler.Cache;
using KubeSharp.Scheduler.Framework;

namespace KubeSharp.Scheduler.Plugins.NodePorts;

/// <summary>A pod asking for host ports fits only nodes where no other pod holds a conflicting one.</summary>
public sealed class NodePorts : IPreFilterPlugin, IFilterPlugin
{
    public const string PluginName = "NodePorts";
    public const string ErrReason = "node(s) didn't have free ports for the requested pod ports";

    static readonly Status Conflict = Status.Unschedulable(PluginName, ErrReason);

    public string Name => PluginName;

    public Status PreFilter(CycleState state, PodInfo pod, IReadOnlyList<NodeInfo> nodes) =>
        pod.HostPorts.Count == 0 ? Status.Skip : Status.Success;

    public Status Filter(CycleState state, PodInfo pod, NodeInfo node)
    {
        var used = node.UsedPorts;
        foreach (var wanted in pod.HostPorts)
            for (var i = 0; i < used.Count; i++)
                if (wanted.ConflictsWith(used[i])) return Conflict;
        return Status.Success;
    }
}
