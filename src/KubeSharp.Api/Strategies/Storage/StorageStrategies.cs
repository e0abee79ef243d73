using System.Text.Json.Nodes;
using KubeSharp.Api.Validation;

namespace KubeSharp.Api.Strategies;

/// <summary>storage.k8s.io/v1 StorageClasses: provisioner, parameters and reclaim policy are fixed at creation.</summary>
public sealed class StorageClassStrategy() : BuiltInStrategy(hasStatus: false)
{
    public override void Default(JsonObject obj)
    {
        Json.Default(obj, "reclaimPolicy", "Delete");
        Json.Default(obj, "volumeBindingMode", "Immediate");
    }

    public override IReadOnlyList<FieldError> ValidateCreate(JsonObject obj)
    {
        var errs = new List<FieldError>();
        var provisioner = Json.Str(obj, "provisioner") ?? "";
        if (provisioner.Length == 0) errs.Add(FieldError.Required("provisioner"));
        else foreach (var m in NameValidation.IsQualifiedName(provisioner.ToLowerInvariant())) errs.Add(FieldError.Invalid("provisioner", provisioner, m));
        errs.AddRange(FieldChecks.OneOf(Json.Str(obj, "reclaimPolicy"), "reclaimPolicy", ["Delete", "Retain"]));
        errs.AddRange(FieldChecks.OneOf(Json.Str(obj, "volumeBindingMode"), "volumeBindingMode", ["Immediate", "WaitForFirstConsumer"], required: true));
        return errs;
    }

    protected override IEnumerable<FieldError> ValidateImmutable(JsonObject obj, JsonObject old)
    {
        foreach (var field in new[] { "provisioner", "parameters", "reclaimPolicy" })
            if (!Json.Same(obj[field], old[field])) yield return FieldError.Forbidden(field, $"updates to {field} are forbidden.");
        foreach (var e in FieldChecks.Immutable(obj["volumeBindingMode"], old["volumeBindingMode"], "volumeBindingMode")) yield return e;
    }
}

/// <summary>storage.k8s.io/v1 CSIDrivers.</summary>
public sealed class CSIDriverStrategy() : BuiltInStrategy(hasStatus: false)
{
    public override void Default(JsonObject obj)
    {
        var spec = Spec(obj);
        Json.Default(spec, "attachRequired", true);
        Json.Default(spec, "podInfoOnMount", false);
        Json.Default(spec, "storageCapacity", false);
        Json.Default(spec, "fsGroupPolicy", "ReadWriteOnceWithFSType");
        Json.Default(spec, "requiresRepublish", false);
        if (Json.IsEmpty(spec["volumeLifecycleModes"])) spec["volumeLifecycleModes"] = new JsonArray("Persistent");
    }

    protected override IEnumerable<FieldError> ValidateImmutable(JsonObject obj, JsonObject old)
    {
        foreach (var field in new[] { "attachRequired", "podInfoOnMount", "volumeLifecycleModes", "fsGroupPolicy" })
            foreach (var e in FieldChecks.Immutable(Json.At(obj, "spec", field), Json.At(old, "spec", field), "spec." + field)) yield return e;
    }
}
