using System.Text.Json.Nodes;
using KubeSharp.Api.Validation;

namespace KubeSharp.Api.Strategies;

/// <summary>batch/v1 Jobs: a selector generated from the job's uid unless the user asks for a manual one.</summary>
public sealed class JobStrategy() : BuiltInStrategy(hasStatus: true)
{
    public const string ControllerUidLabel = "batch.kubernetes.io/controller-uid";
    public const string LegacyControllerUidLabel = "controller-uid";
    public const string JobNameLabel = "batch.kubernetes.io/job-name";
    public const string LegacyJobNameLabel = "job-name";

    static readonly IReadOnlyList<string> TemplateRestartPolicies = ["OnFailure", "Never"];

    public override void PrepareForCreate(JsonObject obj)
    {
        base.PrepareForCreate(obj);
        if (Json.Bool(obj, "spec", "manualSelector") != true) GenerateSelector(obj);
        // Upstream defaults again on read-back, so a job without labels takes the generated template labels.
        DefaultLabelsFromTemplate(obj);
    }

    /// <summary>
    /// Labels the template with the job's name and uid and selects on the uid. Labels the user already
    /// set are left alone: a conflicting value is then reported by validation.
    /// </summary>
    static void GenerateSelector(JsonObject obj)
    {
        var name = Json.Str(obj, "metadata", "name") ?? "";
        var uid = Json.Str(obj, "metadata", "uid") ?? "";
        var spec = Spec(obj);
        var templateMeta = Json.Ensure(Json.Ensure(spec, "template"), "metadata");
        var labels = Json.Ensure(templateMeta, "labels");
        foreach (var key in new[] { LegacyJobNameLabel, JobNameLabel })
            if (labels[key] is null) labels[key] = name;
        foreach (var key in new[] { LegacyControllerUidLabel, ControllerUidLabel })
            if (labels[key] is null) labels[key] = uid;
        var matchLabels = Json.Ensure(Json.Ensure(spec, "selector"), "matchLabels");
        if (matchLabels[ControllerUidLabel] is null) matchLabels[ControllerUidLabel] = uid;
    }

    public override void Default(JsonObject obj)
    {
        var spec = Spec(obj);
        if (spec["completions"] is null && spec["parallelism"] is null)
        {
            spec["completions"] = 1;
            spec["parallelism"] = 1;
        }
        if (spec["parallelism"] is null) spec["parallelism"] = 1;
        if (spec["backoffLimit"] is null)
            spec["backoffLimit"] = spec["backoffLimitPerIndex"] is null ? 6 : int.MaxValue;
        DefaultLabelsFromTemplate(obj);
        Json.Default(spec, "completionMode", "NonIndexed");
        Json.Default(spec, "suspend", false);
        Json.Default(spec, "podReplacementPolicy", spec["podFailurePolicy"] is null ? "TerminatingOrFailed" : "Failed");
        foreach (var (_, rule) in Json.Items(Json.At(spec, "podFailurePolicy", "rules")))
            foreach (var (_, pattern) in Json.Items(rule["onPodConditions"]))
                Json.Default(pattern, "status", "True");
        PodSpecDefaults.ApplyToTemplate(spec);
    }

    static void DefaultLabelsFromTemplate(JsonObject obj)
    {
        if (Json.Obj(obj, "spec", "template", "metadata", "labels") is not { Count: > 0 } labels) return;
        var meta = Json.Ensure(obj, "metadata");
        if (Json.IsEmpty(meta["labels"])) meta["labels"] = labels.DeepClone();
    }

    public override IReadOnlyList<FieldError> ValidateCreate(JsonObject obj) =>
        [.. ValidateGeneratedSelector(obj, requirePrefixedLabels: true), .. ValidateSpec(Json.Obj(obj, "spec"), "spec")];

    public override IReadOnlyList<FieldError> ValidateUpdate(JsonObject obj, JsonObject old)
    {
        // Jobs created before the prefixed labels existed keep validating without them.
        var hadPrefixed = Json.At(old, "spec", "template", "metadata", "labels", ControllerUidLabel) is not null;
        return [.. ValidateGeneratedSelector(obj, hadPrefixed), .. ValidateSpec(Json.Obj(obj, "spec"), "spec"), .. ValidateImmutable(obj, old)];
    }

    /// <summary>A job spec at <paramref name="path"/>; also used for a CronJob's job template.</summary>
    public static IReadOnlyList<FieldError> ValidateSpec(JsonObject? spec, string path, bool selectorRequired = true)
    {
        var errs = new List<FieldError>();
        foreach (var field in new[] { "parallelism", "completions", "backoffLimit", "ttlSecondsAfterFinished" })
            errs.AddRange(FieldChecks.NonNegative(Json.Int(spec, field), $"{path}.{field}"));
        errs.AddRange(FieldChecks.Positive(Json.Int(spec, "activeDeadlineSeconds"), path + ".activeDeadlineSeconds"));
        var mode = Json.Str(spec, "completionMode");
        errs.AddRange(FieldChecks.OneOf(mode, path + ".completionMode", ["NonIndexed", "Indexed"]));
        if (mode == "Indexed" && Json.Int(spec, "completions") is null)
            errs.Add(FieldError.Required(path + ".completions", "when completion mode is Indexed"));
        errs.AddRange(JobPolicyValidation.Validate(spec, path));

        if (spec?["selector"] is not JsonObject)
        {
            if (selectorRequired) errs.Add(FieldError.Required(path + ".selector"));
        }
        else errs.AddRange(SelectorChecks(spec, path));

        errs.AddRange(PodSpecValidation.ValidateTemplate(spec?["template"], path + ".template"));
        if (spec?["template"] is JsonObject template)
        {
            var policy = Json.Str(template, "spec", "restartPolicy") ?? "";
            // Always is what a pod defaults to, so upstream reports it as a missing choice.
            if (policy is "" or "Always")
                errs.Add(FieldError.Required(path + ".template.spec.restartPolicy", "valid values: \"OnFailure\", \"Never\""));
            else if (!TemplateRestartPolicies.Contains(policy))
                errs.Add(FieldError.NotSupported(path + ".template.spec.restartPolicy", policy, TemplateRestartPolicies));
            else if (spec["podFailurePolicy"] is JsonObject && policy != "Never")
                errs.Add(FieldError.Invalid(path + ".template.spec.restartPolicy", policy, "only \"Never\" is supported when podFailurePolicy is specified"));
        }
        return errs;
    }

    static IEnumerable<FieldError> SelectorChecks(JsonObject spec, string path)
    {
        // Whether written by hand or generated, the selector must select the pods the job makes; an empty one
        // is allowed here and matches everything, as upstream.
        var model = FieldChecks.ToModelSelector(spec["selector"]);
        foreach (var e in Selectors.LabelSelectorValidation.Validate(model, path + ".selector")) yield return e;
        Selectors.LabelSelector parsed;
        try { parsed = Selectors.LabelSelector.FromModel(model); }
        catch (Selectors.SelectorParseException) { yield break; }
        var labels = Json.StringMap(Json.At(spec, "template", "metadata", "labels"));
        if (!parsed.Matches(labels))
            yield return FieldError.Invalid(path + ".template.metadata.labels", GoValue.StringMap(labels), "`selector` does not match template `labels`");
    }

    static IEnumerable<FieldError> ValidateGeneratedSelector(JsonObject obj, bool requirePrefixedLabels)
    {
        if (Json.Bool(obj, "spec", "manualSelector") == true) yield break;
        var labels = Json.StringMap(Json.At(obj, "spec", "template", "metadata", "labels"));
        if (labels is null) yield break;
        var uid = Json.Str(obj, "metadata", "uid") ?? "";
        var name = Json.Str(obj, "metadata", "name") ?? "";
        if (uid.Length == 0) yield return FieldError.Required("metadata.uid");
        var expected = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [LegacyControllerUidLabel] = uid,
            [LegacyJobNameLabel] = name,
        };
        if (requirePrefixedLabels)
        {
            expected[ControllerUidLabel] = uid;
            expected[JobNameLabel] = name;
        }
        foreach (var (key, value) in expected)
        {
            var path = $"spec.template.metadata.labels[{key}]";
            if (!labels.TryGetValue(key, out var actual)) yield return FieldError.Required(path, $"must be '{value}'");
            else if (actual != value) yield return FieldError.Invalid(path, GoValue.StringMap(labels), $"must be '{value}'");
        }
        var selector = Json.At(obj, "spec", "selector");
        Selectors.LabelSelector parsed;
        try { parsed = Selectors.LabelSelector.FromModel(FieldChecks.ToModelSelector(selector)); }
        catch (Selectors.SelectorParseException) { yield break; }
        if (!parsed.Matches(expected))
            yield return FieldError.Invalid("spec.selector", GoValue.LabelSelector(selector), "`selector` not auto-generated");
    }

    protected override IEnumerable<FieldError> ValidateImmutable(JsonObject obj, JsonObject old)
    {
        var spec = Json.Obj(obj, "spec");
        var oldSpec = Json.Obj(old, "spec");
        foreach (var e in FieldChecks.Immutable(spec?["selector"], oldSpec?["selector"], "spec.selector", GoValue.LabelSelector(spec?["selector"])))
            yield return e;
        foreach (var e in FieldChecks.Immutable(spec?["template"], oldSpec?["template"], "spec.template", GoValue.Elided("core.PodTemplateSpec")))
            yield return e;
        // Indexed jobs may scale completions together with parallelism; otherwise completions are fixed.
        var elastic = Json.Str(spec, "completionMode") == "Indexed" && Json.Int(spec, "completions") == Json.Int(spec, "parallelism");
        if (!elastic)
            foreach (var e in FieldChecks.Immutable(spec?["completions"], oldSpec?["completions"], "spec.completions")) yield return e;
        foreach (var field in new[] { "completionMode", "podFailurePolicy", "backoffLimitPerIndex", "managedBy", "successPolicy" })
            foreach (var e in FieldChecks.Immutable(spec?[field], oldSpec?[field], "spec." + field)) yield return e;
    }
}
