using System.Text.Json.Nodes;
using KubeSharp.Api.Validation;

namespace KubeSharp.Api.Strategies;

/// <summary>Pods: spec defaults, status reset to Pending with its QoS class on create, and upstream's narrow set of mutable spec fields.</summary>
public sealed class PodStrategy() : BuiltInStrategy(hasStatus: true)
{
    const string UpdateForbidden =
        "pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)";

    public override void PrepareForCreate(JsonObject obj)
    {
        base.PrepareForCreate(obj);
        obj["status"] = new JsonObject { ["phase"] = "Pending", ["qosClass"] = PodQos.Compute(Json.Obj(obj, "spec")) };
    }

    public override void Default(JsonObject obj)
    {
        var spec = Spec(obj);
        PodSpecDefaults.Apply(spec);
        Json.Default(spec, "enableServiceLinks", true);
        // Priority admission fills these when no priority class applies.
        Json.Default(spec, "preemptionPolicy", "PreemptLowerPriority");
        Json.Default(spec, "priority", 0);
        foreach (var list in (ReadOnlySpan<string>)["initContainers", "containers"])
            foreach (var (_, c) in Json.Items(spec[list]))
                DefaultRequestsFromLimits(c);
    }

    /// <summary>A limit without a request means the request equals the limit.</summary>
    static void DefaultRequestsFromLimits(JsonObject container)
    {
        if (Json.Obj(container, "resources", "limits") is not { Count: > 0 } limits) return;
        var requests = Json.Ensure(Json.Ensure(container, "resources"), "requests");
        foreach (var (name, q) in limits)
            if (requests[name] is null && q is not null) requests[name] = q.DeepClone();
    }

    public override IReadOnlyList<FieldError> ValidateCreate(JsonObject obj) =>
        PodSpecValidation.Validate(Json.Obj(obj, "spec"), "spec");

    protected override IEnumerable<FieldError> ValidateImmutable(JsonObject obj, JsonObject old)
    {
        var spec = Json.Obj(obj, "spec")?.DeepClone() as JsonObject ?? new JsonObject();
        var oldSpec = Json.Obj(old, "spec") ?? new JsonObject();
        // Lay the mutable fields of the new spec over the old one; whatever still differs was not allowed to change.
        var masked = (JsonObject)oldSpec.DeepClone();
        foreach (var list in (ReadOnlySpan<string>)["containers", "initContainers"])
        {
            var newList = Json.Arr(spec, list);
            var maskedList = Json.Arr(masked, list);
            if (newList is null || maskedList is null || newList.Count != maskedList.Count) continue;
            for (int i = 0; i < newList.Count; i++)
                if (maskedList[i] is JsonObject m && newList[i] is JsonObject n) m["image"] = n["image"]?.DeepClone();
        }
        var oldDeadline = Json.Int(oldSpec, "activeDeadlineSeconds");
        var newDeadline = Json.Int(spec, "activeDeadlineSeconds");
        // The deadline may be set, or shortened, never lengthened or removed.
        if (newDeadline is not null && (oldDeadline is null || newDeadline <= oldDeadline))
            masked["activeDeadlineSeconds"] = newDeadline;
        var oldTolerations = Json.Arr(oldSpec, "tolerations")?.ToList() ?? [];
        var newTolerations = Json.Arr(spec, "tolerations")?.ToList() ?? [];
        if (oldTolerations.All(t => newTolerations.Any(n => JsonNode.DeepEquals(n, t))))
            masked["tolerations"] = spec["tolerations"]?.DeepClone();
        if (Json.Int(oldSpec, "terminationGracePeriodSeconds") is < 0 && Json.Int(spec, "terminationGracePeriodSeconds") == 1)
            masked["terminationGracePeriodSeconds"] = 1;
        // Scheduling gates may only be removed.
        var oldGates = Json.Arr(oldSpec, "schedulingGates")?.ToList() ?? [];
        var newGates = Json.Arr(spec, "schedulingGates")?.ToList() ?? [];
        if (newGates.All(g => oldGates.Any(o => JsonNode.DeepEquals(o, g))))
            masked["schedulingGates"] = spec["schedulingGates"]?.DeepClone();
        // Ephemeral containers change through their own subresource.
        masked["ephemeralContainers"] = spec["ephemeralContainers"]?.DeepClone();
        // nodeName is set through the binding subresource; a body that repeats it is not a change.
        if (Json.Str(oldSpec, "nodeName") is null && Json.Str(spec, "nodeName") is null) masked.Remove("nodeName");

        foreach (var key in masked.Select(kv => kv.Key).Concat(spec.Select(kv => kv.Key)).Distinct().ToList())
        {
            if (Json.Same(masked[key], spec[key])) continue;
            yield return FieldError.Forbidden("spec", UpdateForbidden);
            yield break;
        }
    }
}
