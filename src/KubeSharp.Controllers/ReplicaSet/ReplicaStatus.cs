using System.Text.Json.Nodes;
using KubeSharp.Api.Model;
using LabelSelector = KubeSharp.Api.Selectors.LabelSelector;
using KubeSharp.Api.Resources;
using KubeSharp.Api.Selectors;

namespace KubeSharp.Controllers.ReplicaSet;

/// <summary>The counts a ReplicaSet or ReplicationController reports about the pods it controls.</summary>
public sealed record ReplicaStatus(int Replicas, int FullyLabeledReplicas, int ReadyReplicas, int AvailableReplicas)
{
    /// <summary>Counts the active pods an owner controls, as upstream's calculateStatus.</summary>
    public static ReplicaStatus Calculate(JsonObject owner, IReadOnlyList<JsonObject> pods, DateTimeOffset now)
    {
        var templateLabels = LabelSelector.FromSet(ObjectFields.StringMap(owner["spec"]?["template"]?["metadata"]?["labels"]));
        var minReady = ReplicaKind.MinReadySeconds(owner);
        int fully = 0, ready = 0, available = 0;
        foreach (var pod in pods)
        {
            if (templateLabels.Matches(JsonMeta.Labels(pod))) fully++;
            if (!PodState.IsReady(pod)) continue;
            ready++;
            // Without minReadySeconds ready means available; skip re-reading the conditions (this runs per pod per sync).
            if (minReady <= 0 || PodState.IsAvailable(pod, minReady, now)) available++;
        }
        return new ReplicaStatus(pods.Count, fully, ready, available);
    }

    /// <summary>
    /// A copy of <paramref name="owner"/> with this status, observedGeneration and the ReplicaFailure
    /// condition (set when creating or deleting failed, removed once it works again); null when
    /// nothing would change.
    /// </summary>
    public JsonObject? ApplyTo(JsonObject owner, string? failureReason, string? failureMessage, DateTimeOffset now)
    {
        var updated = (JsonObject)owner.DeepClone();
        var status = ObjectFields.Ensure(updated, "status");
        status["replicas"] = Replicas;
        ObjectFields.SetOmitZero(status, "fullyLabeledReplicas", FullyLabeledReplicas);
        ObjectFields.SetOmitZero(status, "readyReplicas", ReadyReplicas);
        ObjectFields.SetOmitZero(status, "availableReplicas", AvailableReplicas);
        ObjectFields.SetOmitZero(status, "observedGeneration", ObjectFields.Generation(owner));
        var conditions = status["conditions"] as JsonArray;
        var failure = conditions?.OfType<JsonObject>().FirstOrDefault(c => ObjectFields.Str(c["type"]) == "ReplicaFailure");
        if (failureReason is not null && failure is null)
        {
            conditions ??= [];
            conditions.Add(new JsonObject
            {
                ["type"] = "ReplicaFailure",
                ["status"] = "True",
                ["lastTransitionTime"] = KubeJson.FormatTime(now),
                ["reason"] = failureReason,
                ["message"] = failureMessage,
            });
            status["conditions"] = conditions;
        }
        else if (failureReason is null && failure is not null)
        {
            conditions!.Remove(failure);
            if (conditions.Count == 0) status.Remove("conditions");
        }
        return JsonNode.DeepEquals(updated["status"], owner["status"]) ? null : updated;
    }
}
