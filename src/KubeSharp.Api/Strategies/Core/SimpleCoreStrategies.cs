using System.Text.Json.Nodes;
using KubeSharp.Api.Validation;

namespace KubeSharp.Api.Strategies;

/// <summary>core/v1 Nodes: the kubelet registers a node with its status, so status survives create.</summary>
public sealed class NodeStrategy() : BuiltInStrategy(hasStatus: true)
{
    public override void PrepareForCreate(JsonObject obj)
    {
        var status = obj["status"]?.DeepClone();
        base.PrepareForCreate(obj);
        if (status is not null) obj["status"] = status;
    }

    public override void Default(JsonObject obj)
    {
        var spec = Spec(obj);
        if (Json.Str(spec, "podCIDR") is { Length: > 0 } cidr && Json.IsEmpty(spec["podCIDRs"]))
            spec["podCIDRs"] = new JsonArray(cidr);
        if (Json.Obj(obj, "status") is { } status && status["allocatable"] is null && Json.Obj(status, "capacity") is { } capacity)
            status["allocatable"] = capacity.DeepClone();
    }

    public override IReadOnlyList<FieldError> ValidateCreate(JsonObject obj)
    {
        var errs = new List<FieldError>();
        foreach (var (i, t) in Json.Items(Json.At(obj, "spec", "taints")))
        {
            var key = Json.Str(t, "key") ?? "";
            if (key.Length == 0) errs.Add(FieldError.Required($"spec.taints[{i}].key"));
            else errs.AddRange(NameValidation.ValidateLabelName(key, $"spec.taints[{i}].key"));
            errs.AddRange(FieldChecks.OneOf(Json.Str(t, "effect"), $"spec.taints[{i}].effect", ["NoSchedule", "PreferNoSchedule", "NoExecute"], required: true));
        }
        return errs;
    }

    protected override IEnumerable<FieldError> ValidateImmutable(JsonObject obj, JsonObject old)
    {
        // podCIDRs may be set once, never changed.
        var oldCidrs = Json.At(old, "spec", "podCIDRs");
        if (!Json.IsEmpty(oldCidrs))
            foreach (var e in FieldChecks.Immutable(Json.At(obj, "spec", "podCIDRs"), oldCidrs, "spec.podCIDRs", GoValue.Strings(Json.Strings(Json.At(obj, "spec", "podCIDRs")))))
                yield return e;
    }
}

/// <summary>core/v1 Events: the involved object must live in the event's namespace.</summary>
public sealed class EventStrategy() : BuiltInStrategy(hasStatus: false)
{
    public override IReadOnlyList<FieldError> ValidateCreate(JsonObject obj)
    {
        var errs = new List<FieldError>();
        var ns = Json.Str(obj, "metadata", "namespace") ?? "";
        var involvedNs = Json.Str(obj, "involvedObject", "namespace") ?? "";
        if (involvedNs.Length > 0 && ns != involvedNs)
            errs.Add(FieldError.Invalid("involvedObject.namespace", involvedNs, "does not match event.namespace"));
        errs.AddRange(FieldChecks.OneOf(Json.Str(obj, "type"), "type", ["Normal", "Warning"]));
        return errs;
    }
}

/// <summary>core/v1 Endpoints: ports default to TCP.</summary>
public sealed class EndpointsStrategy() : BuiltInStrategy(hasStatus: false)
{
    public override void Default(JsonObject obj)
    {
        foreach (var (_, subset) in Json.Items(obj["subsets"]))
            foreach (var (_, port) in Json.Items(subset["ports"]))
                Json.Default(port, "protocol", "TCP");
    }

    public override IReadOnlyList<FieldError> ValidateCreate(JsonObject obj)
    {
        var errs = new List<FieldError>();
        foreach (var (i, subset) in Json.Items(obj["subsets"]))
            foreach (var (j, port) in Json.Items(subset["ports"]))
            {
                var p = Json.Int(port, "port") ?? 0;
                foreach (var m in ContainerValidation.PortNumber(p)) errs.Add(FieldError.Invalid($"subsets[{i}].ports[{j}].port", p, m));
                errs.AddRange(FieldChecks.OneOf(Json.Str(port, "protocol"), $"subsets[{i}].ports[{j}].protocol", ContainerValidation.Protocols, required: true));
            }
        return errs;
    }
}

/// <summary>core/v1 PodTemplates.</summary>
public sealed class PodTemplateStrategy() : BuiltInStrategy(hasStatus: false)
{
    public override void Default(JsonObject obj) => PodSpecDefaults.ApplyToTemplate(obj);

    public override IReadOnlyList<FieldError> ValidateCreate(JsonObject obj) =>
        PodSpecValidation.ValidateTemplate(obj["template"], "template");
}
