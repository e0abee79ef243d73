using System.Text.Json.Nodes;
using KubeSharp.Api.Validation;

namespace KubeSharp.Api.Strategies;

/// <summary>apps/v1 Deployments.</summary>
public sealed class DeploymentStrategy() : BuiltInStrategy(hasStatus: true)
{
    public override void Default(JsonObject obj)
    {
        var spec = Spec(obj);
        Json.Default(spec, "replicas", 1);
        var strategy = Json.Ensure(spec, "strategy");
        Json.Default(strategy, "type", "RollingUpdate");
        if (Json.Str(strategy, "type") == "RollingUpdate")
        {
            var rolling = Json.Ensure(strategy, "rollingUpdate");
            if (rolling["maxUnavailable"] is null) rolling["maxUnavailable"] = "25%";
            if (rolling["maxSurge"] is null) rolling["maxSurge"] = "25%";
        }
        Json.Default(spec, "revisionHistoryLimit", 10);
        Json.Default(spec, "progressDeadlineSeconds", 600);
        PodSpecDefaults.ApplyToTemplate(spec);
    }

    public override IReadOnlyList<FieldError> ValidateCreate(JsonObject obj)
    {
        var errs = new List<FieldError>();
        var spec = Json.Obj(obj, "spec");
        errs.AddRange(FieldChecks.NonNegative(Json.Int(spec, "replicas"), "spec.replicas"));
        errs.AddRange(FieldChecks.SelectorMatchesTemplate(spec?["selector"], spec?["template"], "spec", "deployment"));
        errs.AddRange(PodSpecValidation.ValidateLongRunningTemplate(spec?["template"], "spec.template"));
        errs.AddRange(ValidateStrategy(Json.Obj(spec, "strategy"), "spec.strategy"));
        var minReady = Json.Int(spec, "minReadySeconds");
        errs.AddRange(FieldChecks.NonNegative(minReady, "spec.minReadySeconds"));
        errs.AddRange(FieldChecks.NonNegative(Json.Int(spec, "revisionHistoryLimit"), "spec.revisionHistoryLimit"));
        if (Json.Int(spec, "progressDeadlineSeconds") is { } deadline)
        {
            errs.AddRange(FieldChecks.NonNegative(deadline, "spec.progressDeadlineSeconds"));
            if (deadline <= (minReady ?? 0))
                errs.Add(FieldError.Invalid("spec.progressDeadlineSeconds", deadline, "must be greater than minReadySeconds"));
        }
        return errs;
    }

    static IEnumerable<FieldError> ValidateStrategy(JsonObject? strategy, string path)
    {
        var type = Json.Str(strategy, "type");
        foreach (var e in FieldChecks.OneOf(type, path + ".type", ["Recreate", "RollingUpdate"], required: true)) yield return e;
        var rolling = Json.Obj(strategy, "rollingUpdate");
        if (type == "Recreate" && rolling is not null)
            yield return FieldError.Forbidden(path + ".rollingUpdate", "may not be specified when strategy `type` is 'Recreate'");
        if (type == "RollingUpdate")
            foreach (var e in RollingUpdateChecks.Validate(rolling, path + ".rollingUpdate")) yield return e;
    }

    protected override IEnumerable<FieldError> ValidateImmutable(JsonObject obj, JsonObject old) =>
        RollingUpdateChecks.ImmutableSelector(obj, old);
}
