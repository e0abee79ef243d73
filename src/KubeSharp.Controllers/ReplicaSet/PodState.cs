using System.Text.Json.Nodes;

namespace KubeSharp.Controllers.ReplicaSet;

/// <summary>Pod predicates shared by the workload controllers (upstream's podutil and controller helpers).</summary>
public static class PodState
{
    public static string? Phase(JsonObject pod) => ObjectFields.Str(pod["status"]?["phase"]);

    public static string? NodeName(JsonObject pod) => ObjectFields.Str(pod["spec"]?["nodeName"]);

    /// <summary>Not finished and not being deleted: the pods a controller counts.</summary>
    public static bool IsActive(JsonObject pod) =>
        Phase(pod) is not ("Succeeded" or "Failed") && !ObjectFields.IsDeleting(pod);

    static JsonObject? ReadyCondition(JsonObject pod)
    {
        if (pod["status"]?["conditions"] is not JsonArray conditions) return null;
        foreach (var c in conditions)
            if (c is JsonObject o && ObjectFields.Str(o["type"]) == "Ready") return o;
        return null;
    }

    public static bool IsReady(JsonObject pod) => ObjectFields.Str(ReadyCondition(pod)?["status"]) == "True";

    /// <summary>When the pod last became ready; null when it is not ready or the time is unknown.</summary>
    public static DateTimeOffset? ReadySince(JsonObject pod)
    {
        var c = ReadyCondition(pod);
        return ObjectFields.Str(c?["status"]) == "True" ? ObjectFields.Time(c?["lastTransitionTime"]) : null;
    }

    /// <summary>Ready for at least <paramref name="minReadySeconds"/>, as upstream's IsPodAvailable.</summary>
    public static bool IsAvailable(JsonObject pod, int minReadySeconds, DateTimeOffset now)
    {
        if (!IsReady(pod)) return false;
        if (minReadySeconds <= 0) return true;
        return ReadySince(pod) is { } since && since.AddSeconds(minReadySeconds) < now;
    }

    /// <summary>The largest restart count among the pod's containers.</summary>
    public static int MaxRestarts(JsonObject pod)
    {
        var max = 0;
        if (pod["status"]?["containerStatuses"] is JsonArray statuses)
            foreach (var s in statuses)
                max = Math.Max(max, ObjectFields.Int(s?["restartCount"]) ?? 0);
        return max;
    }

    /// <summary>The <c>controller.kubernetes.io/pod-deletion-cost</c> annotation; 0 when absent or invalid.</summary>
    public static int DeletionCost(JsonObject pod) =>
        int.TryParse(ObjectFields.Annotation(pod, "controller.kubernetes.io/pod-deletion-cost"), out var cost) ? cost : 0;
}
