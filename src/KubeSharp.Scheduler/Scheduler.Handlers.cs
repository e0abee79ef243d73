using System.Text.Json.Nodes;
using KubeSharp.Api.Model;
using KubeSharp.Api.Model.Core;
using KubeSharp.Api.Resources;
using KubeSharp.Client;
using KubeSharp.Scheduler.Cache;
using KubeSharp.Scheduler.Queue;
using InterPodAffinityPlugin = KubeSharp.Scheduler.Plugins.InterPodAffinity.InterPodAffinity;
using FitPlugin = KubeSharp.Scheduler.Plugins.NodeResources.Fit;
using NodePortsPlugin = KubeSharp.Scheduler.Plugins.NodePorts.NodePorts;
using SpreadPlugin = KubeSharp.Scheduler.Plugins.PodTopologySpread.PodTopologySpread;

namespace KubeSharp.Scheduler;

/// <summary>How informer events feed the cache and the queue; JSON is turned into typed snapshots here, once.</summary>
public sealed partial class Scheduler
{
    public const string SchedulingGatedReason = "SchedulingGated";
    public const string SchedulingGatedMessage = "Scheduling is blocked due to non-empty scheduling gates";

    /// <summary>Plugins whose rejections a deleted (or finished) pod on a node can resolve.</summary>
    static readonly HashSet<string> FreedByPodRemoval = [FitPlugin.PluginName, NodePortsPlugin.PluginName, InterPodAffinityPlugin.PluginName, SpreadPlugin.PluginName];
    /// <summary>Plugins whose rejections a newly placed pod can resolve.</summary>
    static readonly HashSet<string> ResolvedByPodAdd = [InterPodAffinityPlugin.PluginName, SpreadPlugin.PluginName];

    void RegisterHandlers()
    {
        _pods.AddEventHandler(onAdd: OnPodAdd, onUpdate: OnPodUpdate, onDelete: OnPodDelete);
        _nodes.AddEventHandler(onAdd: OnNodeAddOrUpdate, onUpdate: (_, n) => OnNodeAddOrUpdate(n), onDelete: OnNodeDelete);
    }

    PodInfo? Read(JsonObject obj)
    {
        try { return PodInfo.FromJson(obj); }
        catch (Exception e)
        {
            _log.Unreadable("pod", JsonMeta.Key(obj).ToString(), e);
            return null;
        }
    }

    void OnPodAdd(JsonObject obj)
    {
        if (Read(obj) is not { } pod) return;
        if (pod.NodeName is not null)
        {
            if (pod.Terminal) return;
            Cache.AddOrUpdatePod(pod);
            Queue.MoveAllToActiveOrBackoff(q => Affected(q, ResolvedByPodAdd));
        }
        else if (pod.IsPendingFor(_options.SchedulerName)) Enqueue(pod);
    }

    void OnPodUpdate(JsonObject old, JsonObject obj)
    {
        var oldNode = NodeNameOf(old);
        var newNode = NodeNameOf(obj);
        // A bound pod whose status moved on (the node reporting it running) changes nothing here.
        if (oldNode is not null && oldNode == newNode && SameForPlacement(old, obj)) return;
        // The binding this scheduler made landed: the assumed copy already says everything, no need to parse.
        if (oldNode is null && newNode is not null && SameForPlacement(old, obj, ignoringNodeName: true) && Cache.Confirm(JsonMeta.Key(obj), newNode))
        {
            Queue.Delete(JsonMeta.Key(obj));
            Queue.MoveAllToActiveOrBackoff(q => Affected(q, ResolvedByPodAdd));
            return;
        }
        if (Read(obj) is not { } pod) return;
        if (pod.NodeName is not null)
        {
            Queue.Delete(pod.Key);
            Cache.AddOrUpdatePod(pod);
            if (pod.Terminal) Queue.MoveAllToActiveOrBackoff(q => Affected(q, FreedByPodRemoval));
            else if (oldNode is null) Queue.MoveAllToActiveOrBackoff(q => Affected(q, ResolvedByPodAdd));
            return;
        }
        if (!pod.IsPendingFor(_options.SchedulerName))
        {
            Queue.Delete(pod.Key);
            return;
        }
        if (Cache.Contains(pod.Key)) return; // assumed; the binding is on its way
        if (SameForPlacement(old, obj) && !pod.SchedulingGated && Queue.Contains(pod.Key)) Queue.Refresh(pod);
        else Enqueue(pod);
    }

    void Enqueue(PodInfo pod)
    {
        if (!pod.SchedulingGated)
        {
            Queue.Update(pod);
            return;
        }
        Queue.Delete(pod.Key);
        if (pod.ScheduledCondition?.Reason != SchedulingGatedReason)
            Track(WriteConditionAsync(pod, SchedulingGatedReason, SchedulingGatedMessage, releaseSlot: false, CancellationToken.None));
    }

    void OnPodDelete(JsonObject obj)
    {
        var key = JsonMeta.Key(obj);
        Queue.Delete(key);
        if (!Cache.Contains(key)) return;
        Cache.RemovePod(key);
        Queue.MoveAllToActiveOrBackoff(q => Affected(q, FreedByPodRemoval));
    }

    void OnNodeAddOrUpdate(JsonObject obj)
    {
        Node? node;
        try { node = KubeJson.Deserialize<Node>(obj); }
        catch (Exception e)
        {
            _log.Unreadable("node", JsonMeta.Name(obj) ?? "", e);
            return;
        }
        if (node is null) return;
        if (Cache.AddOrUpdateNode(node)) Queue.MoveAllToActiveOrBackoff();
    }

    void OnNodeDelete(JsonObject obj) => Cache.RemoveNode(JsonMeta.Name(obj) ?? "");

    /// <summary>Pods rejected by none of the plugins (e.g. "no nodes available") retry on any change.</summary>
    static bool Affected(QueuedPodInfo queued, HashSet<string> plugins) =>
        queued.UnschedulablePlugins.Count == 0 || queued.UnschedulablePlugins.Overlaps(plugins);

    static string? NodeNameOf(JsonObject pod) =>
        pod["spec"]?["nodeName"] is JsonValue v && v.TryGetValue<string>(out var s) && s.Length > 0 ? s : null;

    /// <summary>Spec, labels and deletion unchanged, and neither or both finished: nothing the scheduler decides on differs.</summary>
    static bool SameForPlacement(JsonObject a, JsonObject b, bool ignoringNodeName = false) =>
        (ignoringNodeName ? SameSpecButNodeName(a["spec"] as JsonObject, b["spec"] as JsonObject) : JsonNode.DeepEquals(a["spec"], b["spec"]))
        && JsonNode.DeepEquals(a["metadata"]?["labels"], b["metadata"]?["labels"])
        && JsonNode.DeepEquals(a["metadata"]?["deletionTimestamp"], b["metadata"]?["deletionTimestamp"])
        && IsTerminal(a) == IsTerminal(b);

    static bool SameSpecButNodeName(JsonObject? a, JsonObject? b)
    {
        if (a is null || b is null) return a is null && b is null;
        foreach (var (k, v) in b)
            if (k != "nodeName" && !JsonNode.DeepEquals(v, a[k])) return false;
        foreach (var (k, _) in a)
            if (k != "nodeName" && !b.ContainsKey(k)) return false;
        return true;
    }

    static bool IsTerminal(JsonObject pod) => pod["status"]?["phase"] is JsonValue v && v.TryGetValue<string>(out var phase) && phase is "Succeeded" or "Failed";
}
