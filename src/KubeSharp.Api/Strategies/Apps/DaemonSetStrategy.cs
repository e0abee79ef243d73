using System.Globalization;
using System.Text.Json.Nodes;
using KubeSharp.Api.Validation;

namespace KubeSharp.Api.Strategies;

/// <summary>apps/v1 DaemonSets, including the template-generation annotation apps/v1 carries.</summary>
public sealed class DaemonSetStrategy() : BuiltInStrategy(hasStatus: true)
{
    public const string TemplateGenerationAnnotation = "deprecated.daemonset.template.generation";

    public override void PrepareForCreate(JsonObject obj)
    {
        base.PrepareForCreate(obj);
        SetTemplateGeneration(obj, 1);
    }

    public override void PrepareForUpdate(JsonObject obj, JsonObject old)
    {
        base.PrepareForUpdate(obj, old);
        var oldGeneration = long.TryParse(Json.Str(old, "metadata", "annotations", TemplateGenerationAnnotation), NumberStyles.None, CultureInfo.InvariantCulture, out var g) ? g : 1;
        var changed = !Json.Same(Json.At(obj, "spec", "template"), Json.At(old, "spec", "template"));
        SetTemplateGeneration(obj, changed ? oldGeneration + 1 : oldGeneration);
    }

    static void SetTemplateGeneration(JsonObject obj, long generation)
    {
        var annotations = Json.Ensure(Json.Ensure(obj, "metadata"), "annotations");
        annotations[TemplateGenerationAnnotation] = generation.ToString(CultureInfo.InvariantCulture);
    }

    public override void Default(JsonObject obj)
    {
        var spec = Spec(obj);
        var strategy = Json.Ensure(spec, "updateStrategy");
        Json.Default(strategy, "type", "RollingUpdate");
        if (Json.Str(strategy, "type") == "RollingUpdate")
        {
            var rolling = Json.Ensure(strategy, "rollingUpdate");
            if (rolling["maxUnavailable"] is null) rolling["maxUnavailable"] = 1;
            if (rolling["maxSurge"] is null) rolling["maxSurge"] = 0;
        }
        Json.Default(spec, "revisionHistoryLimit", 10);
        PodSpecDefaults.ApplyToTemplate(spec);
    }

    public override IReadOnlyList<FieldError> ValidateCreate(JsonObject obj)
    {
        var errs = new List<FieldError>();
        var spec = Json.Obj(obj, "spec");
        errs.AddRange(FieldChecks.SelectorMatchesTemplate(spec?["selector"], spec?["template"], "spec", "daemonset"));
        errs.AddRange(PodSpecValidation.ValidateLongRunningTemplate(spec?["template"], "spec.template", "DaemonSet"));
        errs.AddRange(FieldChecks.NonNegative(Json.Int(spec, "minReadySeconds"), "spec.minReadySeconds"));
        errs.AddRange(FieldChecks.NonNegative(Json.Int(spec, "revisionHistoryLimit"), "spec.revisionHistoryLimit"));
        var strategy = Json.Obj(spec, "updateStrategy");
        var type = Json.Str(strategy, "type");
        errs.AddRange(FieldChecks.OneOf(type, "spec.updateStrategy.type", ["OnDelete", "RollingUpdate"], required: true));
        if (type == "RollingUpdate")
            errs.AddRange(RollingUpdateChecks.Validate(Json.Obj(strategy, "rollingUpdate"), "spec.updateStrategy.rollingUpdate"));
        return errs;
    }

    protected override IEnumerable<FieldError> ValidateImmutable(JsonObject obj, JsonObject old) =>
        RollingUpdateChecks.ImmutableSelector(obj, old);
}
