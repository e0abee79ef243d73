using System.Text.Json.Nodes;
using KubeSharp.Api.Validation;

namespace KubeSharp.Api.Strategies;

/// <summary>core/v1 ReplicationControllers: a plain-map selector defaulted, with the labels, from the template.</summary>
public sealed class ReplicationControllerStrategy() : BuiltInStrategy(hasStatus: true)
{
    public override void Default(JsonObject obj)
    {
        var spec = Spec(obj);
        if (Json.Obj(spec, "template", "metadata", "labels") is { } labels)
        {
            if (Json.IsEmpty(spec["selector"])) spec["selector"] = labels.DeepClone();
            var meta = Json.Ensure(obj, "metadata");
            if (Json.IsEmpty(meta["labels"])) meta["labels"] = labels.DeepClone();
        }
        Json.Default(spec, "replicas", 1);
        PodSpecDefaults.ApplyToTemplate(spec);
    }

    public override IReadOnlyList<FieldError> ValidateCreate(JsonObject obj)
    {
        var errs = new List<FieldError>();
        var spec = Json.Obj(obj, "spec");
        errs.AddRange(FieldChecks.NonNegative(Json.Int(spec, "replicas"), "spec.replicas"));
        errs.AddRange(FieldChecks.NonNegative(Json.Int(spec, "minReadySeconds"), "spec.minReadySeconds"));
        var selector = Json.StringMap(spec?["selector"]);
        if (selector is null || selector.Count == 0) errs.Add(FieldError.Required("spec.selector"));
        else
        {
            errs.AddRange(NameValidation.ValidateLabels(selector, "spec.selector"));
            var labels = Json.StringMap(Json.At(spec, "template", "metadata", "labels"));
            if (spec?["template"] is JsonObject && !selector.All(kv => labels is not null && labels.TryGetValue(kv.Key, out var v) && v == kv.Value))
                errs.Add(FieldError.Invalid("spec.template.metadata.labels", GoValue.StringMap(labels), "`selector` does not match template `labels`"));
        }
        errs.AddRange(PodSpecValidation.ValidateLongRunningTemplate(spec?["template"], "spec.template", "ReplicationController"));
        return errs;
    }
}
