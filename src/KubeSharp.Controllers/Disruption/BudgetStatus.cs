using System.Text.Json.Nodes;
using KubeSharp.Api.Model;
using KubeSharp.Api.Resources;
using KubeSharp.Client;
using KubeSharp.Controllers.ReplicaSet;

namespace KubeSharp.Controllers.Disruption;

/// <summary>What a PodDisruptionBudget's status says, and how it is worked out from its pods (upstream's disruption.go).</summary>
public sealed record BudgetStatus(int CurrentHealthy, int DesiredHealthy, int ExpectedPods, IReadOnlyDictionary<string, DateTimeOffset> DisruptedPods)
{
    /// <summary>An eviction the API approved is expected to delete its pod within this time; after it, the pod counts again.</summary>
    public static readonly TimeSpan DeletionTimeout = TimeSpan.FromMinutes(2);

    public const string ConditionType = "DisruptionAllowed";

    public int DisruptionsAllowed => ExpectedPods <= 0 ? 0 : Math.Max(0, CurrentHealthy - DesiredHealthy);

    /// <summary>
    /// The approved evictions still pending: pods listed in status.disruptedPods that are neither deleted nor
    /// overdue. Also returns when the earliest of them expires, to look again then.
    /// </summary>
    public static (Dictionary<string, DateTimeOffset> Disrupted, DateTimeOffset? Recheck, List<string> Overdue) PendingDisruptions(
        JsonObject pdb, IReadOnlyList<JsonObject> pods, DateTimeOffset now)
    {
        var recorded = pdb["status"]?["disruptedPods"] as JsonObject;
        var result = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        var overdue = new List<string>();
        DateTimeOffset? recheck = null;
        if (recorded is null) return (result, null, overdue);
        foreach (var pod in pods)
        {
            if (ObjectFields.IsDeleting(pod)) continue;
            var name = JsonMeta.Name(pod) ?? "";
            if (ObjectFields.Time(recorded[name]) is not { } at) continue;
            var expected = at + DeletionTimeout;
            if (expected < now)
            {
                overdue.Add(name);
                continue;
            }
            if (recheck is null || expected < recheck) recheck = expected;
            result[name] = at;
        }
        return (result, recheck, overdue);
    }

    /// <summary>Ready pods that are neither being deleted nor about to be (an approved eviction).</summary>
    public static int CountHealthy(IReadOnlyList<JsonObject> pods, IReadOnlyDictionary<string, DateTimeOffset> disrupted, DateTimeOffset now)
    {
        var healthy = 0;
        foreach (var pod in pods)
        {
            if (ObjectFields.IsDeleting(pod)) continue;
            if (disrupted.TryGetValue(JsonMeta.Name(pod) ?? "", out var at) && at + DeletionTimeout > now) continue;
            if (PodState.IsReady(pod)) healthy++;
        }
        return healthy;
    }

    /// <summary>A copy of <paramref name="pdb"/> carrying this status; null when the stored one already says the same.</summary>
    public JsonObject? ApplyTo(JsonObject pdb, DateTimeOffset now)
    {
        var generation = ObjectFields.Generation(pdb);
        var old = pdb["status"] as JsonObject;
        var status = new JsonObject();
        if (DisruptedPods.Count > 0)
        {
            var disrupted = new JsonObject();
            foreach (var (name, at) in DisruptedPods.OrderBy(p => p.Key, StringComparer.Ordinal)) disrupted[name] = KubeJson.FormatTime(at);
            status["disruptedPods"] = disrupted;
        }
        status["disruptionsAllowed"] = DisruptionsAllowed;
        status["currentHealthy"] = CurrentHealthy;
        status["desiredHealthy"] = DesiredHealthy;
        status["expectedPods"] = ExpectedPods;
        ObjectFields.SetOmitZero(status, "observedGeneration", generation);
        status["conditions"] = Conditions(old, DisruptionsAllowed > 0 ? ("True", "SufficientPods") : ("False", "InsufficientPods"), "", generation, now);
        if (old is not null && SameStatus(old, status)) return null;
        var updated = (JsonObject)pdb.DeepClone();
        updated["status"] = status;
        return updated;
    }

    /// <summary>The status upstream writes when the budget cannot be worked out: no disruption allowed, condition SyncFailed.</summary>
    public static JsonObject FailSafe(JsonObject pdb, string message, DateTimeOffset now)
    {
        var updated = (JsonObject)pdb.DeepClone();
        var status = ObjectFields.Ensure(updated, "status");
        var generation = ObjectFields.Generation(pdb);
        status["disruptionsAllowed"] = 0;
        foreach (var field in new[] { "currentHealthy", "desiredHealthy", "expectedPods" }) status[field] ??= 0;
        ObjectFields.SetOmitZero(status, "observedGeneration", generation);
        status["conditions"] = Conditions(pdb["status"] as JsonObject, ("False", "SyncFailed"), message, generation, now);
        return updated;
    }

    /// <summary>Sets DisruptionAllowed as upstream's SetStatusCondition: the transition time moves only when the status flips.</summary>
    static JsonArray Conditions(JsonObject? oldStatus, (string Status, string Reason) want, string message, long generation, DateTimeOffset now)
    {
        var result = new JsonArray();
        JsonObject? previous = null;
        if (oldStatus?["conditions"] is JsonArray existing)
            foreach (var c in existing.OfType<JsonObject>())
            {
                if (ObjectFields.Str(c["type"]) == ConditionType) previous = c;
                else result.Add(c.DeepClone());
            }
        var transition = previous is not null && ObjectFields.Str(previous["status"]) == want.Status
            ? previous["lastTransitionTime"]?.DeepClone() ?? KubeJson.FormatTime(now)
            : KubeJson.FormatTime(now);
        var condition = new JsonObject
        {
            ["type"] = ConditionType,
            ["status"] = want.Status,
            ["lastTransitionTime"] = transition,
            ["reason"] = want.Reason,
            ["message"] = message,
        };
        ObjectFields.SetOmitZero(condition, "observedGeneration", generation);
        result.Add(condition);
        return result;
    }

    static bool SameStatus(JsonObject a, JsonObject b)
    {
        foreach (var key in new[] { "disruptionsAllowed", "currentHealthy", "desiredHealthy", "expectedPods", "observedGeneration" })
            if (ObjectFields.Long(a[key]) != ObjectFields.Long(b[key])) return false;
        var da = ObjectFields.StringMap(a["disruptedPods"]);
        var db = ObjectFields.StringMap(b["disruptedPods"]);
        if (da.Count != db.Count || da.Any(p => !db.TryGetValue(p.Key, out var v) || ObjectFields.Time(v) != ObjectFields.Time(p.Value))) return false;
        return JsonNode.DeepEquals(a["conditions"], b["conditions"]);
    }
}
