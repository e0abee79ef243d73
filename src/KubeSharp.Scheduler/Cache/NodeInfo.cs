using KubeSharp.Api.Model.Core;
using KubeSharp.Api.Resources;

namespace KubeSharp.Scheduler.Cache;

/// <summary>
/// A node as the scheduler sees it: its labels, taints and allocatable resources, and the sums over the
/// pods bound or assumed on it. Changed only under the <see cref="SchedulerCache"/> lock; plugins read it
/// during a scheduling cycle.
/// </summary>
public sealed class NodeInfo
{
    static readonly IReadOnlyDictionary<string, string> NoLabels = new Dictionary<string, string>();

    readonly List<PodInfo> _pods = [];
    readonly List<PodInfo> _podsWithAffinity = [];
    readonly List<PodInfo> _podsWithRequiredAntiAffinity = [];
    readonly List<HostPort> _usedPorts = [];

    public NodeInfo(string name) => Name = name;

    public string Name { get; }
    /// <summary>False while only pods name this node and its Node object is unknown (or gone).</summary>
    public bool HasNode { get; private set; }
    public IReadOnlyDictionary<string, string> Labels { get; private set; } = NoLabels;
    public IReadOnlyList<Taint> Taints { get; private set; } = [];
    public bool Unschedulable { get; private set; }
    public Resource Allocatable { get; private set; } = new();
    public Resource Requested { get; } = new();
    public Resource NonZeroRequested { get; } = new();
    public IReadOnlyList<PodInfo> Pods => _pods;
    public IReadOnlyList<PodInfo> PodsWithAffinity => _podsWithAffinity;
    public IReadOnlyList<PodInfo> PodsWithRequiredAntiAffinity => _podsWithRequiredAntiAffinity;
    public IReadOnlyList<HostPort> UsedPorts => _usedPorts;

    /// <summary>Takes the node's scheduling-relevant fields; true when any of them changed.</summary>
    public bool SetNode(Node node)
    {
        var labels = node.Metadata.Labels is { Count: > 0 } l ? new Dictionary<string, string>(l, StringComparer.Ordinal) : NoLabels;
        var taints = node.Spec?.Taints ?? [];
        var unschedulable = node.Spec?.Unschedulable ?? false;
        var allocatable = Resource.From(node.Status?.Allocatable ?? node.Status?.Capacity);
        var changed = !HasNode
            || unschedulable != Unschedulable
            || !SameLabels(labels, Labels)
            || !taints.SequenceEqual(Taints)
            || !SameResource(allocatable, Allocatable);
        HasNode = true;
        Labels = labels;
        Taints = taints;
        Unschedulable = unschedulable;
        Allocatable = allocatable;
        return changed;
    }

    public void ClearNode()
    {
        HasNode = false;
        Labels = NoLabels;
        Taints = [];
        Unschedulable = false;
        Allocatable = new Resource();
    }

    public void AddPod(PodInfo pod)
    {
        _pods.Add(pod);
        if (pod.HasAffinity) _podsWithAffinity.Add(pod);
        if (pod.RequiredAntiAffinity.Count > 0) _podsWithRequiredAntiAffinity.Add(pod);
        Requested.Add(pod.Requests);
        NonZeroRequested.Add(pod.NonZeroRequests);
        _usedPorts.AddRange(pod.HostPorts);
    }

    public bool RemovePod(NamespacedName key)
    {
        var index = _pods.FindIndex(p => p.Key == key);
        if (index < 0) return false;
        var pod = _pods[index];
        _pods.RemoveAt(index);
        _podsWithAffinity.RemoveAll(p => p.Key == key);
        _podsWithRequiredAntiAffinity.RemoveAll(p => p.Key == key);
        Requested.Add(pod.Requests, -1);
        NonZeroRequested.Add(pod.NonZeroRequests, -1);
        foreach (var port in pod.HostPorts) _usedPorts.Remove(port);
        return true;
    }

    static bool SameLabels(IReadOnlyDictionary<string, string> a, IReadOnlyDictionary<string, string> b) =>
        a.Count == b.Count && a.All(kv => b.TryGetValue(kv.Key, out var v) && v == kv.Value);

    static bool SameResource(Resource a, Resource b) =>
        a.MilliCpu == b.MilliCpu && a.MemoryBytes == b.MemoryBytes && a.EphemeralStorageBytes == b.EphemeralStorageBytes && a.AllowedPods == b.AllowedPods
        && (a.Scalars?.Count ?? 0) == (b.Scalars?.Count ?? 0) && (a.Scalars ?? []).All(kv => b.Scalar(kv.Key) == kv.Value);
}
