using KubeSharp.Scheduler.Framework.Matching;
using KubeSharp.Scheduler.Plugins.DefaultPreemption;
using KubeSharp.Scheduler.Plugins.InterPodAffinity;
using KubeSharp.Scheduler.Plugins.NodeAffinity;
using KubeSharp.Scheduler.Plugins.NodeName;
using KubeSharp.Scheduler.Plugins.NodePorts;
using KubeSharp.Scheduler.Plugins.NodeResources;
using KubeSharp.Scheduler.Plugins.NodeUnschedulable;
using KubeSharp.Scheduler.Plugins.PodTopologySpread;
using KubeSharp.Scheduler.Plugins.TaintToleration;

namespace KubeSharp.Scheduler.Framework;

/// <summary>A score plugin with the weight its normalised score is multiplied by.</summary>
public sealed record WeightedScorePlugin(IScorePlugin Plugin, int Weight);

/// <summary>The plugins of one scheduler profile at each extension point, in the order they run.</summary>
public sealed record Profile
{
    public required string SchedulerName { get; init; }
    public IReadOnlyList<IPreFilterPlugin> PreFilters { get; init; } = [];
    public IReadOnlyList<IFilterPlugin> Filters { get; init; } = [];
    public IReadOnlyList<IPostFilterPlugin> PostFilters { get; init; } = [];
    public IReadOnlyList<IPreScorePlugin> PreScores { get; init; } = [];
    public IReadOnlyList<WeightedScorePlugin> Scores { get; init; } = [];

    /// <summary>Upstream's default profile (without the volume and image plugins): its order and score weights.</summary>
    public static Profile Default(string schedulerName, NamespaceLabels namespaceLabels)
    {
        var nodeUnschedulable = new NodeUnschedulable();
        var nodeName = new NodeName();
        var taints = new TaintToleration();
        var nodeAffinity = new NodeAffinity();
        var ports = new NodePorts();
        var fit = new Fit();
        var balanced = new BalancedAllocation();
        var spread = new PodTopologySpread();
        var podAffinity = new InterPodAffinity(namespaceLabels);
        return new Profile
        {
            SchedulerName = schedulerName,
            PreFilters = [nodeAffinity, ports, fit, spread, podAffinity],
            Filters = [nodeUnschedulable, nodeName, taints, nodeAffinity, ports, fit, spread, podAffinity],
            PostFilters = [new DefaultPreemption()],
            PreScores = [nodeAffinity, spread, podAffinity, balanced],
            Scores =
            [
                new(taints, 3),
                new(nodeAffinity, 2),
                new(fit, 1),
                new(spread, 2),
                new(podAffinity, 2),
                new(balanced, 1),
            ],
        };
    }
}
