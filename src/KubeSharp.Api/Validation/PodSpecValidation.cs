using System.Text.Json.Nodes;

namespace KubeSharp.Api.Validation;

/// <summary>upstream's ValidatePodSpec and ValidatePodTemplateSpec, shared by pods and every workload kind.</summary>
public static class PodSpecValidation
{
    public static readonly IReadOnlyList<string> RestartPolicies = ["Always", "OnFailure", "Never"];
    public static readonly IReadOnlyList<string> DnsPolicies = ["ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"];
    static readonly IReadOnlyList<string> TolerationOperators = ["Equal", "Exists"];
    static readonly IReadOnlyList<string> TaintEffects = ["NoSchedule", "PreferNoSchedule", "NoExecute"];

    /// <summary>A pod spec at <paramref name="path"/> (e.g. "spec" or "spec.template.spec").</summary>
    public static IReadOnlyList<FieldError> Validate(JsonObject? spec, string path)
    {
        var errs = new List<FieldError>();
        spec ??= new JsonObject();
        errs.AddRange(VolumeValidation.Validate(spec["volumes"], path + ".volumes", out var volumes));

        var containers = Json.Arr(spec, "containers");
        if (containers is null || containers.Count == 0) errs.Add(FieldError.Required(path + ".containers"));
        // Container names are unique across init, regular and ephemeral containers.
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (list, isInit) in new[] { ("initContainers", true), ("containers", false) })
        {
            foreach (var (i, c) in Json.Items(spec[list]))
            {
                var cp = $"{path}.{list}[{i}]";
                errs.AddRange(ContainerValidation.Validate(c, cp, volumes, isInit));
                var name = Json.Str(c, "name") ?? "";
                if (name.Length > 0 && !names.Add(name)) errs.Add(FieldError.Duplicate(cp + ".name", name));
            }
        }

        errs.AddRange(FieldChecks.OneOf(Json.Str(spec, "restartPolicy"), path + ".restartPolicy", RestartPolicies, required: true));
        var dnsPolicy = Json.Str(spec, "dnsPolicy");
        errs.AddRange(FieldChecks.OneOf(dnsPolicy, path + ".dnsPolicy", DnsPolicies, required: true));
        if (dnsPolicy == "None" && Json.Obj(spec, "dnsConfig") is null)
            errs.Add(FieldError.Required(path + ".dnsConfig", "must provide `dnsConfig` when `dnsPolicy` is None"));

        errs.AddRange(NameValidation.ValidateLabels(Json.StringMap(spec["nodeSelector"]), path + ".nodeSelector"));
        foreach (var field in (ReadOnlySpan<string>)["hostname", "subdomain"])
            if (Json.Str(spec, field) is { Length: > 0 } v)
                foreach (var m in NameValidation.IsDNS1123Label(v)) errs.Add(FieldError.Invalid($"{path}.{field}", v, m));
        if (Json.Str(spec, "serviceAccountName") is { Length: > 0 } sa)
            foreach (var m in NameValidation.IsDNS1123Subdomain(sa)) errs.Add(FieldError.Invalid(path + ".serviceAccountName", sa, m));
        if (Json.Str(spec, "nodeName") is { Length: > 0 } node)
            foreach (var m in NameValidation.IsDNS1123Subdomain(node)) errs.Add(FieldError.Invalid(path + ".nodeName", node, m));
        if (Json.Int(spec, "activeDeadlineSeconds") is { } ads and (< 1 or > int.MaxValue))
            errs.Add(FieldError.Invalid(path + ".activeDeadlineSeconds", ads, "must be between 1 and 2147483647, inclusive"));
        errs.AddRange(FieldChecks.NonNegative(Json.Int(spec, "terminationGracePeriodSeconds"), path + ".terminationGracePeriodSeconds"));
        errs.AddRange(ValidateTolerations(spec["tolerations"], path + ".tolerations"));
        return errs;
    }

    static IEnumerable<FieldError> ValidateTolerations(JsonNode? tolerations, string path)
    {
        foreach (var (i, t) in Json.Items(tolerations))
        {
            var ip = $"{path}[{i}]";
            var key = Json.Str(t, "key") ?? "";
            var op = Json.Str(t, "operator") ?? "";
            if (key.Length > 0)
                foreach (var e in NameValidation.ValidateLabelName(key, ip + ".key")) yield return e;
            else if (op != "Exists")
                yield return FieldError.Invalid(ip + ".operator", op, "operator must be Exists when `key` is empty, which means \"match all values and all keys\"");
            if (op.Length > 0 && !TolerationOperators.Contains(op))
                yield return FieldError.NotSupported(ip + ".operator", op, TolerationOperators);
            if (op == "Exists" && !string.IsNullOrEmpty(Json.Str(t, "value")))
                yield return FieldError.Invalid(ip + ".operator", Json.Str(t, "value"), "value must be empty when `operator` is 'Exists'");
            foreach (var e in FieldChecks.OneOf(Json.Str(t, "effect"), ip + ".effect", TaintEffects)) yield return e;
            if (Json.Int(t, "tolerationSeconds") is not null && Json.Str(t, "effect") != "NoExecute")
                yield return FieldError.Invalid(ip + ".effect", Json.Str(t, "effect") ?? "", "effect must be 'NoExecute' when `tolerationSeconds` is set");
        }
    }

    /// <summary>A pod template at <paramref name="path"/> (e.g. "spec.template"): required, labels and annotations, spec.</summary>
    public static IReadOnlyList<FieldError> ValidateTemplate(JsonNode? template, string path)
    {
        if (template is not JsonObject t) return [FieldError.Required(path)];
        var errs = new List<FieldError>();
        errs.AddRange(MetadataValidation.ValidateLabelsAndAnnotations(Json.Obj(t, "metadata"), path + ".metadata"));
        errs.AddRange(Validate(Json.Obj(t, "spec"), path + ".spec"));
        return errs;
    }

    /// <summary>
    /// A template for a controller that keeps pods running (ReplicaSet, Deployment, DaemonSet, StatefulSet,
    /// ReplicationController): restartPolicy must be Always and activeDeadlineSeconds is not allowed.
    /// </summary>
    public static IReadOnlyList<FieldError> ValidateLongRunningTemplate(JsonNode? template, string path, string controllerName = "ReplicaSet")
    {
        var errs = new List<FieldError>(ValidateTemplate(template, path));
        if (template is not JsonObject t) return errs;
        var policy = Json.Str(t, "spec", "restartPolicy");
        if (!string.IsNullOrEmpty(policy) && policy != "Always")
            errs.Add(FieldError.NotSupported(path + ".spec.restartPolicy", policy, ["Always"]));
        if (Json.Int(t, "spec", "activeDeadlineSeconds") is not null)
            errs.Add(FieldError.Forbidden(path + ".spec.activeDeadlineSeconds", $"activeDeadlineSeconds in {controllerName} is not Supported"));
        return errs;
    }
}
