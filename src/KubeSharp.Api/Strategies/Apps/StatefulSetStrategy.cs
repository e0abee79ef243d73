using System.Text.Json.Nodes;
using KubeSharp.Api.Validation;

namespace KubeSharp.Api.Strategies;

/// <summary>apps/v1 StatefulSets: everything but a few fields of the spec is fixed at creation.</summary>
public sealed class StatefulSetStrategy() : BuiltInStrategy(hasStatus: true)
{
    static readonly string[] MutableSpecFields = ["replicas", "ordinals", "template", "updateStrategy", "persistentVolumeClaimRetentionPolicy", "minReadySeconds"];
    const string UpdateForbidden =
        "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden";

    public override void Default(JsonObject obj)
    {
        var spec = Spec(obj);
        Json.Default(spec, "podManagementPolicy", "OrderedReady");
        var strategy = Json.Ensure(spec, "updateStrategy");
        Json.Default(strategy, "type", "RollingUpdate");
        if (Json.Str(strategy, "type") == "RollingUpdate")
        {
            var rolling = Json.Ensure(strategy, "rollingUpdate");
            if (rolling["partition"] is null) rolling["partition"] = 0;
        }
        var retention = Json.Ensure(spec, "persistentVolumeClaimRetentionPolicy");
        Json.Default(retention, "whenDeleted", "Retain");
        Json.Default(retention, "whenScaled", "Retain");
        Json.Default(spec, "replicas", 1);
        Json.Default(spec, "revisionHistoryLimit", 10);
        PodSpecDefaults.ApplyToTemplate(spec);
        foreach (var (_, claim) in Json.Items(spec["volumeClaimTemplates"]))
            PersistentVolumeClaimStrategy.DefaultClaim(claim);
    }

    public override IReadOnlyList<FieldError> ValidateCreate(JsonObject obj)
    {
        var errs = new List<FieldError>();
        var spec = Json.Obj(obj, "spec");
        errs.AddRange(FieldChecks.NonNegative(Json.Int(spec, "replicas"), "spec.replicas"));
        errs.AddRange(FieldChecks.NonNegative(Json.Int(spec, "minReadySeconds"), "spec.minReadySeconds"));
        errs.AddRange(FieldChecks.NonNegative(Json.Int(spec, "ordinals", "start"), "spec.ordinals.start"));
        if (Json.Str(spec, "serviceName") is { Length: > 0 } serviceName)
            foreach (var m in NameValidation.IsDNS1123Label(serviceName)) errs.Add(FieldError.Invalid("spec.serviceName", serviceName, m));

        switch (Json.Str(spec, "podManagementPolicy"))
        {
            case null or "": errs.Add(FieldError.Required("spec.podManagementPolicy")); break;
            case "OrderedReady" or "Parallel": break;
            case var other: errs.Add(FieldError.Invalid("spec.podManagementPolicy", other, "must be 'OrderedReady' or 'Parallel'")); break;
        }
        var strategy = Json.Obj(spec, "updateStrategy");
        switch (Json.Str(strategy, "type"))
        {
            case null or "": errs.Add(FieldError.Required("spec.updateStrategy")); break;
            case "OnDelete":
                if (Json.Obj(strategy, "rollingUpdate") is not null)
                    errs.Add(FieldError.Invalid("spec.updateStrategy.rollingUpdate", Json.Obj(strategy, "rollingUpdate"), "only allowed for updateStrategy 'RollingUpdate'"));
                break;
            case "RollingUpdate":
                errs.AddRange(FieldChecks.NonNegative(Json.Int(strategy, "rollingUpdate", "partition"), "spec.updateStrategy.rollingUpdate.partition"));
                break;
            case var other: errs.Add(FieldError.Invalid("spec.updateStrategy", other, "must be 'RollingUpdate' or 'OnDelete'")); break;
        }
        var retention = Json.Obj(spec, "persistentVolumeClaimRetentionPolicy");
        errs.AddRange(FieldChecks.OneOf(Json.Str(retention, "whenDeleted"), "spec.persistentVolumeClaimRetentionPolicy.whenDeleted", ["Retain", "Delete"]));
        errs.AddRange(FieldChecks.OneOf(Json.Str(retention, "whenScaled"), "spec.persistentVolumeClaimRetentionPolicy.whenScaled", ["Retain", "Delete"]));

        errs.AddRange(FieldChecks.SelectorMatchesTemplate(spec?["selector"], spec?["template"], "spec", "statefulset"));
        errs.AddRange(PodSpecValidation.ValidateLongRunningTemplate(WithClaimVolumes(spec), "spec.template", "StatefulSet"));
        return errs;
    }

    /// <summary>
    /// The template as its pods will have it: each volumeClaimTemplate becomes a volume of its name, so
    /// containers may mount claims (upstream does not check the template's volume mounts at all).
    /// </summary>
    static JsonNode? WithClaimVolumes(JsonObject? spec)
    {
        if (spec?["template"] is not JsonObject template || Json.Arr(spec, "volumeClaimTemplates") is not { Count: > 0 } claims) return spec?["template"];
        var copy = (JsonObject)template.DeepClone();
        var podSpec = Json.Ensure(copy, "spec");
        if (podSpec["volumes"] is not JsonArray volumes) podSpec["volumes"] = volumes = [];
        var existing = Json.Items(volumes).Select(v => Json.Str(v.Item, "name")).ToHashSet();
        foreach (var (_, claim) in Json.Items(claims))
            if (Json.Str(claim, "metadata", "name") is { Length: > 0 } name && existing.Add(name))
                volumes.Add(new JsonObject { ["name"] = name, ["persistentVolumeClaim"] = new JsonObject { ["claimName"] = name } });
        return copy;
    }

    protected override IEnumerable<FieldError> ValidateImmutable(JsonObject obj, JsonObject old)
    {
        var spec = Json.Obj(obj, "spec") ?? new JsonObject();
        var oldSpec = Json.Obj(old, "spec") ?? new JsonObject();
        var keys = spec.Select(kv => kv.Key).Concat(oldSpec.Select(kv => kv.Key)).Distinct();
        if (keys.Any(k => !MutableSpecFields.Contains(k) && !Json.Same(spec[k], oldSpec[k])))
            yield return FieldError.Forbidden("spec", UpdateForbidden);
    }
}
