using System.Text.Json.Nodes;
using KubeSharp.Api.Resources;
using KubeSharp.Client;
using KubeSharp.Controllers.History;

namespace KubeSharp.Controllers.DaemonSet;

/// <summary>
/// Upstream's rolling update of a daemon set, node by node. Without surge it deletes old pods while no more
/// than maxUnavailable nodes lack an available pod (the manage pass then creates the updated pod); with
/// maxSurge it first starts an updated pod beside the old one and deletes the old pod once the new one is
/// available.
/// </summary>
public static class DaemonSetRollingUpdate
{
    /// <summary>maxSurge and maxUnavailable resolved against the number of nodes that should run a pod.</summary>
    public static (int MaxSurge, int MaxUnavailable, int Desired) Budget(JsonObject daemonSet, IReadOnlyList<JsonObject> nodes)
    {
        var podSpec = DaemonPodTemplate.PodSpec(daemonSet);
        var desired = nodes.Count(n => NodeEligibility.EvaluateSpec(n, podSpec).ShouldRun);
        var maxSurge = DaemonSetManage.AllowsSurge(daemonSet) ? DaemonSetManage.MaxSurgeSetting(daemonSet)?.Scaled(desired, roundUp: true) ?? 0 : 0;
        var maxUnavailable = DaemonSetManage.MaxUnavailableSetting(daemonSet)?.Scaled(desired, roundUp: true) ?? 1;
        // Both zero would stall the update; upstream then falls back to one unavailable node.
        if (desired > 0 && maxSurge == 0 && maxUnavailable == 0) maxUnavailable = 1;
        return (maxSurge, maxUnavailable, desired);
    }

    public static DaemonSetActions Plan(JsonObject daemonSet, IReadOnlyList<JsonObject> nodes, IReadOnlyDictionary<string, List<JsonObject>> podsByNode,
        string hash, DateTimeOffset now)
    {
        var (maxSurge, maxUnavailable, _) = Budget(daemonSet, nodes);
        var minReadySeconds = (int)(JsonFields.Int(daemonSet, "spec", "minReadySeconds") ?? 0);
        bool Available(JsonObject pod) => PodReadiness.IsAvailable(pod, minReadySeconds, now);
        var ordered = podsByNode.OrderBy(kv => kv.Key, StringComparer.Ordinal).ToList();

        if (maxSurge == 0)
        {
            var unavailable = 0;
            var replaceNow = new List<JsonObject>();
            var candidates = new List<JsonObject>();
            foreach (var (_, pods) in ordered)
            {
                if (!DaemonPods.FindUpdatedOnNode(daemonSet, pods, hash, out var newPod, out var oldPod)) { unavailable++; continue; }
                if ((oldPod is null) == (newPod is null)) unavailable++;
                else if (newPod is not null) { if (!Available(newPod)) unavailable++; }
                else if (!Available(oldPod!)) replaceNow.Add(oldPod!);
                else if (unavailable < maxUnavailable) candidates.Add(oldPod!);
            }
            var deletable = Math.Clamp(maxUnavailable - unavailable, 0, candidates.Count);
            return new DaemonSetActions([], [.. replaceNow, .. candidates.Take(deletable)], []);
        }

        var podSpec = DaemonPodTemplate.PodSpec(daemonSet);
        var nodeByName = nodes.ToDictionary(n => JsonMeta.Name(n) ?? "", StringComparer.Ordinal);
        bool ShouldRun(string nodeName) => nodeByName.TryGetValue(nodeName, out var node) && NodeEligibility.EvaluateSpec(node, podSpec).ShouldRun;
        var surging = 0;
        var delete = new List<JsonObject>();
        var allowedNew = new List<string>();
        var candidateNew = new List<string>();
        foreach (var (nodeName, pods) in ordered)
        {
            if (!DaemonPods.FindUpdatedOnNode(daemonSet, pods, hash, out var newPod, out var oldPod)) { surging++; continue; }
            if (oldPod is null) continue;
            if (newPod is null)
            {
                if (!ShouldRun(nodeName)) { if (!Available(oldPod)) delete.Add(oldPod); continue; }
                if (!Available(oldPod)) allowedNew.Add(nodeName);
                else if (surging < maxSurge) candidateNew.Add(nodeName);
                continue;
            }
            if (!Available(newPod)) surging++;
            else delete.Add(oldPod);
        }
        var room = Math.Clamp(maxSurge - surging, 0, candidateNew.Count);
        return new DaemonSetActions([.. allowedNew, .. candidateNew.Take(room)], delete, []);
    }
}
