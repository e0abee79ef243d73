using KubeSharp.Api.Model.Core;
using KubeSharp.Scheduler.Cache;
using KubeSharp.Scheduler.Framework;
using KubeSharp.Scheduler.Framework.Matching;

namespace KubeSharp.Scheduler.Plugins.NodeUnschedulable;

/// <summary>Keeps pods off cordoned nodes (<c>spec.unschedulable</c>) unless they tolerate the unschedulable taint.</summary>
public sealed class NodeUnschedulable : IFilterPlugin
{
    public const string PluginName = "NodeUnschedulable";
    public const string ErrReason = "node(s) were unschedulable";
    public const string TaintKey = "node.kubernetes.io/unschedulable";

    static readonly Taint UnschedulableTaint = new() { Key = TaintKey, Effect = Tolerations.NoSchedule };
    static readonly Status Cordoned = Status.Unresolvable(PluginName, ErrReason);

    public string Name => PluginName;

    public Status Filter(CycleState state, PodInfo pod, NodeInfo node) =>
        !node.Unschedulable || Tolerations.AnyTolerates(pod.Tolerations, UnschedulableTaint) ? Status.Success : Cordoned;
}
