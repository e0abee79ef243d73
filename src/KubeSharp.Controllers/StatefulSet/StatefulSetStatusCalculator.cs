using System.Text.Json.Nodes;
using KubeSharp.Api.Resources;
using KubeSharp.Client;
using KubeSharp.Controllers.History;

namespace KubeSharp.Controllers.StatefulSet;

/// <summary>A stateful set's status as counted from the pods it owns, as upstream's computeReplicaStatus.</summary>
public static class StatefulSetStatusCalculator
{
    public static JsonObject Compute(JsonObject set, IReadOnlyList<JsonObject> pods, string currentRevision, string updateRevision,
        int collisionCount, DateTimeOffset now)
    {
        var minReadySeconds = (int)(JsonFields.Int(set, "spec", "minReadySeconds") ?? 0);
        int replicas = 0, ready = 0, available = 0, current = 0, updated = 0;
        foreach (var pod in pods)
        {
            if (PodReadiness.Phase(pod) is { Length: > 0 }) replicas++;
            if (PodReadiness.IsRunningAndReady(pod))
            {
                ready++;
                if (PodReadiness.IsAvailable(pod, minReadySeconds, now)) available++;
            }
            if (PodReadiness.Phase(pod) is { Length: > 0 } && !PodReadiness.IsTerminating(pod))
            {
                var revision = JsonMeta.Labels(pod)?.GetValueOrDefault(ControllerRevisionHash.Label);
                if (revision == currentRevision) current++;
                if (revision == updateRevision) updated++;
            }
        }

        // A finished rolling update makes the update revision the current one (upstream's completeRollingUpdate).
        if (JsonFields.Str(set, "spec", "updateStrategy", "type") is null or "RollingUpdate" && updated == replicas && ready == replicas)
        {
            current = updated;
            currentRevision = updateRevision;
        }

        var status = new JsonObject
        {
            ["observedGeneration"] = JsonFields.Int(set, "metadata", "generation") ?? 0,
            ["replicas"] = replicas,
            ["readyReplicas"] = ready,
            ["currentReplicas"] = current,
            ["updatedReplicas"] = updated,
            ["currentRevision"] = currentRevision,
            ["updateRevision"] = updateRevision,
            ["collisionCount"] = collisionCount,
            ["availableReplicas"] = available,
        };
        if (JsonFields.Arr(set, "status", "conditions")?.DeepClone() is JsonArray conditions) status["conditions"] = conditions;
        return status;
    }
}
