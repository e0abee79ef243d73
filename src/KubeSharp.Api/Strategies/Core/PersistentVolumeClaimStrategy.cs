using System.Text.Json.Nodes;
using KubeSharp.Api.Validation;

namespace KubeSharp.Api.Strategies;

/// <summary>core/v1 PersistentVolumeClaims: after creation only the storage request (and attributes class) may change.</summary>
public sealed class PersistentVolumeClaimStrategy() : BuiltInStrategy(hasStatus: true)
{
    public static readonly IReadOnlyList<string> AccessModes = ["ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod"];
    static readonly IReadOnlyList<string> VolumeModes = ["Block", "Filesystem"];

    public override void Default(JsonObject obj) => DefaultClaim(obj);

    /// <summary>Status starts over at Pending (upstream clears it and defaults the phase on read-back).</summary>
    public override void PrepareForCreate(JsonObject obj)
    {
        base.PrepareForCreate(obj);
        obj["status"] = new JsonObject { ["phase"] = "Pending" };
    }

    /// <summary>Defaults a claim object, also a StatefulSet's volume claim template.</summary>
    public static void DefaultClaim(JsonObject claim)
    {
        Json.Default(Json.Ensure(claim, "spec"), "volumeMode", "Filesystem");
        Json.Default(Json.Ensure(claim, "status"), "phase", "Pending");
    }

    public override IReadOnlyList<FieldError> ValidateCreate(JsonObject obj) => ValidateSpec(Json.Obj(obj, "spec"), "spec");

    public static IReadOnlyList<FieldError> ValidateSpec(JsonObject? spec, string path)
    {
        var errs = new List<FieldError>();
        var modes = Json.Strings(spec?["accessModes"]).ToList();
        if (modes.Count == 0) errs.Add(FieldError.Required(path + ".accessModes", "at least 1 access mode is required"));
        foreach (var m in modes)
            if (!AccessModes.Contains(m)) errs.Add(FieldError.NotSupported(path + ".accessModes", m, AccessModes));
        if (modes.Contains("ReadWriteOncePod") && modes.Count > 1)
            errs.Add(FieldError.Forbidden(path + ".accessModes", "may not use ReadWriteOncePod with other access modes"));
        errs.AddRange(FieldChecks.OneOf(Json.Str(spec, "volumeMode"), path + ".volumeMode", VolumeModes));
        var storage = Json.At(spec, "resources", "requests", "storage");
        if (storage is null) errs.Add(FieldError.Required(path + ".resources[storage]"));
        else
        {
            errs.AddRange(FieldChecks.Quantity(storage, path + ".resources[storage]"));
            if (Model.Quantity.TryParse(Json.Text(storage), out var q) && q <= 0)
                errs.Add(FieldError.Invalid(path + ".resources[storage]", Json.Text(storage), "must be greater than zero"));
        }
        if (Json.Obj(spec, "selector") is { } selector)
            errs.AddRange(Selectors.LabelSelectorValidation.Validate(FieldChecks.ToModelSelector(selector), path + ".selector"));
        return errs;
    }

    protected override IEnumerable<FieldError> ValidateImmutable(JsonObject obj, JsonObject old)
    {
        var spec = (Json.Obj(obj, "spec")?.DeepClone() as JsonObject) ?? new JsonObject();
        var oldSpec = (Json.Obj(old, "spec")?.DeepClone() as JsonObject) ?? new JsonObject();
        foreach (var s in new[] { spec, oldSpec })
        {
            s.Remove("volumeAttributesClassName");
            if (Json.Obj(s, "resources", "requests") is { } requests) requests.Remove("storage");
        }
        // A claim not yet bound may be pointed at a volume.
        if (string.IsNullOrEmpty(Json.Str(oldSpec, "volumeName"))) { spec.Remove("volumeName"); oldSpec.Remove("volumeName"); }
        if (!JsonNode.DeepEquals(Normalize(spec), Normalize(oldSpec)))
            yield return FieldError.Forbidden("spec", "spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims");
    }

    static JsonObject Normalize(JsonObject spec)
    {
        foreach (var key in spec.Where(kv => Json.IsEmpty(kv.Value) && kv.Value is not JsonValue).Select(kv => kv.Key).ToList()) spec.Remove(key);
        if (Json.Obj(spec, "resources") is { } r)
        {
            foreach (var key in r.Where(kv => Json.IsEmpty(kv.Value)).Select(kv => kv.Key).ToList()) r.Remove(key);
            if (r.Count == 0) spec.Remove("resources");
        }
        return spec;
    }
}
