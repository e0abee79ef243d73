using System.Text.Json.Nodes;
using KubeSharp.Api.Resources;
using KubeSharp.Client;
using KubeSharp.Controllers.History;

namespace KubeSharp.Controllers.DaemonSet;

/// <summary>A daemon set's status counted node by node, as upstream's updateDaemonSetStatus.</summary>
public static class DaemonSetStatusCalculator
{
    public static JsonObject Compute(JsonObject daemonSet, IReadOnlyList<JsonObject> nodes, IReadOnlyDictionary<string, List<JsonObject>> podsByNode,
        string hash, int collisionCount, DateTimeOffset now)
    {
        var podSpec = DaemonPodTemplate.PodSpec(daemonSet);
        var minReadySeconds = (int)(JsonFields.Int(daemonSet, "spec", "minReadySeconds") ?? 0);
        var generation = DaemonPods.TemplateGeneration(daemonSet);
        int desired = 0, current = 0, misscheduled = 0, ready = 0, available = 0, updated = 0;
        foreach (var node in nodes)
        {
            var scheduled = podsByNode.TryGetValue(JsonMeta.Name(node) ?? "", out var pods) && pods.Count > 0;
            if (!NodeEligibility.EvaluateSpec(node, podSpec).ShouldRun)
            {
                if (scheduled) misscheduled++;
                continue;
            }
            desired++;
            if (!scheduled) continue;
            current++;
            var pod = DaemonPods.OldestFirst(pods!)[0];
            if (PodReadiness.IsReady(pod))
            {
                ready++;
                if (PodReadiness.IsAvailable(pod, minReadySeconds, now)) available++;
            }
            if (DaemonPods.IsUpdated(pod, hash, generation)) updated++;
        }
        var status = new JsonObject
        {
            ["currentNumberScheduled"] = current,
            ["numberMisscheduled"] = misscheduled,
            ["desiredNumberScheduled"] = desired,
            ["numberReady"] = ready,
            ["observedGeneration"] = JsonFields.Int(daemonSet, "metadata", "generation") ?? 0,
            ["updatedNumberScheduled"] = updated,
            ["numberAvailable"] = available,
            ["numberUnavailable"] = desired - available,
            ["collisionCount"] = collisionCount,
        };
        if (JsonFields.Arr(daemonSet, "status", "conditions")?.DeepClone() is JsonArray conditions) status["conditions"] = conditions;
        return status;
    }
}
