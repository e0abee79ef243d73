using System.Text.Json.Nodes;
using KubeSharp.Api.Validation;

namespace KubeSharp.Api.Strategies;

/// <summary>core/v1 PersistentVolumes.</summary>
public sealed class PersistentVolumeStrategy() : BuiltInStrategy(hasStatus: true)
{
    static readonly HashSet<string> NonSourceFields =
    [
        "accessModes", "capacity", "claimRef", "persistentVolumeReclaimPolicy", "storageClassName", "mountOptions",
        "volumeMode", "nodeAffinity", "volumeAttributesClassName",
    ];

    public override void Default(JsonObject obj)
    {
        var spec = Spec(obj);
        Json.Default(spec, "persistentVolumeReclaimPolicy", "Retain");
        Json.Default(spec, "volumeMode", "Filesystem");
        Json.Default(Json.Ensure(obj, "status"), "phase", "Pending");
    }

    /// <summary>Status starts over at Pending, as upstream's PrepareForCreate.</summary>
    public override void PrepareForCreate(JsonObject obj)
    {
        base.PrepareForCreate(obj);
        obj["status"] = new JsonObject { ["phase"] = "Pending" };
    }

    public override IReadOnlyList<FieldError> ValidateCreate(JsonObject obj)
    {
        var errs = new List<FieldError>();
        var spec = Json.Obj(obj, "spec");
        var modes = Json.Strings(spec?["accessModes"]).ToList();
        if (modes.Count == 0) errs.Add(FieldError.Required("spec.accessModes"));
        foreach (var m in modes)
            if (!PersistentVolumeClaimStrategy.AccessModes.Contains(m)) errs.Add(FieldError.NotSupported("spec.accessModes", m, PersistentVolumeClaimStrategy.AccessModes));
        var capacity = Json.Obj(spec, "capacity");
        if (capacity is null || capacity.Count == 0) errs.Add(FieldError.Required("spec.capacity"));
        else if (capacity["storage"] is not { } storage || capacity.Count != 1)
            errs.Add(FieldError.NotSupported("spec.capacity", string.Join(",", capacity.Select(kv => kv.Key)), ["storage"]));
        else errs.AddRange(FieldChecks.Quantity(storage, "spec.capacity[storage]"));
        errs.AddRange(FieldChecks.OneOf(Json.Str(spec, "persistentVolumeReclaimPolicy"), "spec.persistentVolumeReclaimPolicy", ["Delete", "Recycle", "Retain"]));
        errs.AddRange(FieldChecks.OneOf(Json.Str(spec, "volumeMode"), "spec.volumeMode", ["Block", "Filesystem"]));
        var sources = spec?.Where(kv => !NonSourceFields.Contains(kv.Key) && kv.Value is not null).Select(kv => kv.Key).ToList() ?? [];
        if (sources.Count == 0) errs.Add(FieldError.Required("spec", "must specify a volume type"));
        else if (sources.Count > 1) errs.Add(FieldError.Forbidden("spec." + sources[1], "may not specify more than 1 volume type"));
        if (Json.Obj(spec, "hostPath") is { } hp && string.IsNullOrEmpty(Json.Str(hp, "path")))
            errs.Add(FieldError.Required("spec.hostPath.path"));
        if (Json.Obj(spec, "local") is { } local && string.IsNullOrEmpty(Json.Str(local, "path")))
            errs.Add(FieldError.Required("spec.local.path"));
        return errs;
    }

    protected override IEnumerable<FieldError> ValidateImmutable(JsonObject obj, JsonObject old)
    {
        foreach (var e in FieldChecks.Immutable(Json.At(obj, "spec", "volumeMode"), Json.At(old, "spec", "volumeMode"), "volumeMode")) yield return e;
        foreach (var source in (Json.Obj(old, "spec") ?? []).Where(kv => !NonSourceFields.Contains(kv.Key)).Select(kv => kv.Key))
            foreach (var e in FieldChecks.Immutable(Json.At(obj, "spec", source), Json.At(old, "spec", source), "spec.persistentvolumesource", GoValue.Elided("core.PersistentVolumeSource")))
                yield return e;
    }
}
