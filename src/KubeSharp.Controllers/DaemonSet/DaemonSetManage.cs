using System.Text.Json.Nodes;
using KubeSharp.Api.Resources;
using KubeSharp.Client;
using KubeSharp.Controllers.History;
using IntOrString = KubeSharp.Api.Model.IntOrString;
using KubeJson = KubeSharp.Api.Model.KubeJson;

namespace KubeSharp.Controllers.DaemonSet;

/// <summary>
/// Upstream's manage pass: one pod on every node that should run one, none on nodes that must not, finished
/// pods replaced, and extra pods on a node removed (keeping the oldest, or during a surge the pair that lets
/// the update progress).
/// </summary>
public static class DaemonSetManage
{
    public static DaemonSetActions Plan(JsonObject daemonSet, IReadOnlyList<JsonObject> nodes, IReadOnlyDictionary<string, List<JsonObject>> podsByNode,
        string hash, DateTimeOffset now)
    {
        var create = new List<string>();
        var delete = new List<JsonObject>();
        var force = new List<JsonObject>();
        var podSpec = DaemonPodTemplate.PodSpec(daemonSet);
        var surge = AllowsSurge(daemonSet);
        var minReadySeconds = (int)(JsonFields.Int(daemonSet, "spec", "minReadySeconds") ?? 0);
        var known = new HashSet<string>(StringComparer.Ordinal);

        foreach (var node in nodes)
        {
            var nodeName = JsonMeta.Name(node) ?? "";
            known.Add(nodeName);
            var verdict = NodeEligibility.EvaluateSpec(node, podSpec);
            var exists = podsByNode.TryGetValue(nodeName, out var pods) && pods.Count > 0;
            if (verdict.ShouldRun && !exists)
            {
                create.Add(nodeName);
            }
            else if (verdict.ShouldContinueRunning && exists)
            {
                var running = new List<JsonObject>();
                foreach (var pod in pods!)
                {
                    if (PodReadiness.IsTerminating(pod)) continue;
                    if (PodReadiness.IsFinished(pod)) delete.Add(pod);
                    else running.Add(pod);
                }
                delete.AddRange(surge ? SurplusWhileSurging(running, hash, minReadySeconds, now) : DaemonPods.OldestFirst(running).Skip(1));
            }
            else if (!verdict.ShouldContinueRunning && exists)
            {
                delete.AddRange(pods!.Where(p => !PodReadiness.IsTerminating(p)));
            }
        }

        // Pods of nodes that left the cluster; nothing will ever finish terminating them gracefully.
        foreach (var (nodeName, pods) in podsByNode)
            if (!known.Contains(nodeName)) force.AddRange(pods);
        return new DaemonSetActions(create, delete, force);
    }

    /// <summary>
    /// During a surge a node may hold one updated and one old pod, but only while the updated one is not yet
    /// available and the old one is ready; every other pod goes.
    /// </summary>
    static IEnumerable<JsonObject> SurplusWhileSurging(List<JsonObject> running, string hash, int minReadySeconds, DateTimeOffset now)
    {
        JsonObject? oldestNew = null, oldestOld = null;
        var surplus = new List<JsonObject>();
        foreach (var pod in DaemonPods.OldestFirst(running))
        {
            var isNew = JsonMeta.Labels(pod)?.GetValueOrDefault(ControllerRevisionHash.Label) == hash;
            if (isNew && oldestNew is null) oldestNew = pod;
            else if (!isNew && oldestOld is null) oldestOld = pod;
            else surplus.Add(pod);
        }
        if (oldestNew is not null && oldestOld is not null
            && (!PodReadiness.IsReady(oldestOld) || PodReadiness.IsAvailable(oldestNew, minReadySeconds, now)))
            surplus.Add(oldestOld);
        return surplus;
    }

    public static bool AllowsSurge(JsonObject daemonSet) =>
        JsonFields.Str(daemonSet, "spec", "updateStrategy", "type") is null or "RollingUpdate"
        && MaxSurgeSetting(daemonSet) is { } surge && surge.Scaled(1, roundUp: true) > 0;

    internal static IntOrString? MaxSurgeSetting(JsonObject daemonSet) =>
        KubeJson.Deserialize<IntOrString?>(JsonFields.At(daemonSet, "spec", "updateStrategy", "rollingUpdate", "maxSurge"));

    internal static IntOrString? MaxUnavailableSetting(JsonObject daemonSet) =>
        KubeJson.Deserialize<IntOrString?>(JsonFields.At(daemonSet, "spec", "updateStrategy", "rollingUpdate", "maxUnavailable"));
}
