using KubeSharp.Api.Model.Core;
using KubeSharp.Api.Resources;

namespace KubeSharp.Scheduler.Cache;

/// <summary>
/// The scheduler's view of the cluster: a <see cref="NodeInfo"/> per node with the pods bound to it, plus
/// pods the scheduler has assumed onto a node but whose binding the informer has not reported yet — so
/// that a burst of pods never overcommits a node. Thread-safe; a scheduling cycle reads it through
/// <see cref="Read{T}"/>, which holds the lock for the whole cycle.
/// </summary>
public sealed class SchedulerCache
{
    sealed record PodState(PodInfo Pod, bool Assumed);

    readonly Lock _lock = new();
    readonly Dictionary<string, NodeInfo> _nodes = new(StringComparer.Ordinal);
    readonly Dictionary<NamespacedName, PodState> _pods = [];
    NodeInfo[]? _nodeList;

    public int NodeCount { get { lock (_lock) return Nodes().Length; } }

    public int PodCount { get { lock (_lock) return _pods.Count; } }

    /// <summary>Adds or refreshes a node; true when something that affects scheduling changed.</summary>
    public bool AddOrUpdateNode(Node node)
    {
        var name = node.Metadata.Name ?? "";
        lock (_lock)
        {
            var info = NodeFor(name);
            var had = info.HasNode;
            var changed = info.SetNode(node);
            if (!had) _nodeList = null;
            return changed;
        }
    }

    public void RemoveNode(string name)
    {
        lock (_lock)
        {
            if (!_nodes.TryGetValue(name, out var info)) return;
            info.ClearNode();
            // Pods still bound to it keep a placeholder until they are gone, as upstream keeps them.
            if (info.Pods.Count == 0) _nodes.Remove(name);
            _nodeList = null;
        }
    }

    /// <summary>A pod the informer reports on a node; replaces the assumed copy if there is one.</summary>
    public void AddOrUpdatePod(PodInfo pod)
    {
        if (pod.NodeName is null) return;
        lock (_lock)
        {
            if (_pods.TryGetValue(pod.Key, out var old)) Unlink(old.Pod);
            if (pod.Terminal)
            {
                _pods.Remove(pod.Key);
                return;
            }
            _pods[pod.Key] = new PodState(pod, Assumed: false);
            NodeFor(pod.NodeName).AddPod(pod);
        }
    }

    public void RemovePod(NamespacedName key)
    {
        lock (_lock)
            if (_pods.Remove(key, out var old)) Unlink(old.Pod);
    }

    /// <summary>Counts <paramref name="pod"/> (with its node set) on its node before the API confirms the binding.</summary>
    public void AssumePod(PodInfo pod)
    {
        if (pod.NodeName is null) throw new ArgumentException("an assumed pod needs a node", nameof(pod));
        lock (_lock)
        {
            if (_pods.TryGetValue(pod.Key, out var old)) Unlink(old.Pod);
            _pods[pod.Key] = new PodState(pod, Assumed: true);
            NodeFor(pod.NodeName).AddPod(pod);
        }
    }

    /// <summary>Drops an assumed pod whose binding failed; a confirmed pod stays.</summary>
    public void ForgetPod(NamespacedName key)
    {
        lock (_lock)
            if (_pods.TryGetValue(key, out var state) && state.Assumed)
            {
                _pods.Remove(key);
                Unlink(state.Pod);
            }
    }

    /// <summary>Marks an assumed pod bound to <paramref name="nodeName"/> as the API reported it; false when the cache holds something else.</summary>
    public bool Confirm(NamespacedName key, string nodeName)
    {
        lock (_lock)
        {
            if (!_pods.TryGetValue(key, out var state) || !state.Assumed || state.Pod.NodeName != nodeName) return false;
            _pods[key] = state with { Assumed = false };
            return true;
        }
    }

    /// <summary>True while the pod is assumed or bound: it must not be scheduled again.</summary>
    public bool Contains(NamespacedName key)
    {
        lock (_lock) return _pods.ContainsKey(key);
    }

    public bool IsAssumed(NamespacedName key)
    {
        lock (_lock) return _pods.TryGetValue(key, out var s) && s.Assumed;
    }

    /// <summary>Runs <paramref name="read"/> over the nodes under the lock; nothing changes meanwhile.</summary>
    public T Read<T>(Func<IReadOnlyList<NodeInfo>, T> read)
    {
        lock (_lock) return read(Nodes());
    }

    /// <summary>Node <paramref name="name"/> and its pods, or null; for diagnostics and tests (read it under no lock only when quiet).</summary>
    public NodeInfo? NodeInfo(string name)
    {
        lock (_lock) return _nodes.GetValueOrDefault(name);
    }

    NodeInfo[] Nodes() => _nodeList ??= [.. _nodes.Values.Where(n => n.HasNode).OrderBy(n => n.Name, StringComparer.Ordinal)];

    NodeInfo NodeFor(string name)
    {
        if (!_nodes.TryGetValue(name, out var info)) _nodes[name] = info = new NodeInfo(name);
        return info;
    }

    void Unlink(PodInfo pod)
    {
        if (pod.NodeName is null || !_nodes.TryGetValue(pod.NodeName, out var info)) return;
        info.RemovePod(pod.Key);
        if (!info.HasNode && info.Pods.Count == 0) _nodes.Remove(pod.NodeName);
    }
}
