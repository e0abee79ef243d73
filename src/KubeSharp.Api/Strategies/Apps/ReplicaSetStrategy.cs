using System.Text.Json.Nodes;
using KubeSharp.Api.Validation;

namespace KubeSharp.Api.Strategies;

/// <summary>apps/v1 ReplicaSets.</summary>
public sealed class ReplicaSetStrategy() : BuiltInStrategy(hasStatus: true)
{
    public override void Default(JsonObject obj)
    {
        var spec = Spec(obj);
        Json.Default(spec, "replicas", 1);
        PodSpecDefaults.ApplyToTemplate(spec);
    }

    public override IReadOnlyList<FieldError> ValidateCreate(JsonObject obj)
    {
        var errs = new List<FieldError>();
        var spec = Json.Obj(obj, "spec");
        errs.AddRange(FieldChecks.NonNegative(Json.Int(spec, "replicas"), "spec.replicas"));
        errs.AddRange(FieldChecks.NonNegative(Json.Int(spec, "minReadySeconds"), "spec.minReadySeconds"));
        errs.AddRange(FieldChecks.SelectorMatchesTemplate(spec?["selector"], spec?["template"], "spec", "deployment"));
        errs.AddRange(PodSpecValidation.ValidateLongRunningTemplate(spec?["template"], "spec.template"));
        return errs;
    }

    protected override IEnumerable<FieldError> ValidateImmutable(JsonObject obj, JsonObject old) =>
        RollingUpdateChecks.ImmutableSelector(obj, old);
}
