using System.Text.Json.Nodes;
using KubeSharp.Api.Validation;

namespace KubeSharp.Api.Strategies;

/// <summary>apiextensions.k8s.io/v1 CustomResourceDefinitions: names, group, scope and versions (exactly one stored).</summary>
public sealed class CustomResourceDefinitionStrategy() : BuiltInStrategy(hasStatus: true)
{
    public override void PrepareForCreate(JsonObject obj)
    {
        base.PrepareForCreate(obj);
        var status = new JsonObject { ["acceptedNames"] = new JsonObject { ["kind"] = "", ["plural"] = "" }, ["storedVersions"] = new JsonArray() };
        obj["status"] = status;
        AddStorageVersion(obj);
    }

    public override void PrepareForUpdate(JsonObject obj, JsonObject old)
    {
        base.PrepareForUpdate(obj, old);
        AddStorageVersion(obj);
    }

    /// <summary>The storage version joins status.storedVersions as soon as it is declared.</summary>
    static void AddStorageVersion(JsonObject obj)
    {
        var storage = Json.Items(Json.At(obj, "spec", "versions")).FirstOrDefault(v => Json.Bool(v.Item, "storage") == true).Item;
        if (Json.Str(storage, "name") is not { Length: > 0 } name) return;
        var status = Json.Ensure(obj, "status");
        var stored = Json.Arr(status, "storedVersions");
        if (stored is null) status["storedVersions"] = stored = [];
        if (!Json.Strings(stored).Contains(name)) stored.Add(name);
    }

    public override void Default(JsonObject obj)
    {
        var spec = Spec(obj);
        var names = Json.Ensure(spec, "names");
        if (Json.Str(names, "kind") is { Length: > 0 } kind)
        {
            Json.Default(names, "singular", kind.ToLowerInvariant());
            Json.Default(names, "listKind", kind + "List");
        }
        var conversion = Json.Ensure(spec, "conversion");
        Json.Default(conversion, "strategy", "None");
        if (Json.Obj(conversion, "webhook", "clientConfig", "service") is { } service) Json.Default(service, "port", 443);
    }

    public override IReadOnlyList<FieldError> ValidateCreate(JsonObject obj)
    {
        var errs = new List<FieldError>();
        var spec = Json.Obj(obj, "spec");
        var group = Json.Str(spec, "group") ?? "";
        var plural = Json.Str(spec, "names", "plural") ?? "";
        var name = Json.Str(obj, "metadata", "name") ?? "";
        if (name != plural + "." + group)
            errs.Add(FieldError.Invalid("metadata.name", name, "must be spec.names.plural+\".\"+spec.group"));

        if (group.Length == 0) errs.Add(FieldError.Required("spec.group"));
        else if (NameValidation.IsDNS1123Subdomain(group) is { Count: > 0 } groupErrs) errs.Add(FieldError.Invalid("spec.group", group, string.Join(",", groupErrs)));
        else if (!group.Contains('.')) errs.Add(FieldError.Invalid("spec.group", group, "should be a domain with at least one dot"));
        errs.AddRange(FieldChecks.OneOf(Json.Str(spec, "scope"), "spec.scope", ["Cluster", "Namespaced"], required: true));

        var versions = Json.Items(spec?["versions"]).ToList();
        if (versions.Count == 0) errs.Add(FieldError.Invalid("spec.versions", GoValue.Elided("[]apiextensions.CustomResourceDefinitionVersion"), "must have exactly one version marked as storage version"));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        bool unique = true;
        int storageCount = 0;
        foreach (var (i, v) in versions)
        {
            var vName = Json.Str(v, "name") ?? "";
            if (!seen.Add(vName)) unique = false;
            if (NameValidation.IsDNS1035Label(vName) is { Count: > 0 } vErrs) errs.Add(FieldError.Invalid($"spec.versions[{i}].name", vName, string.Join(",", vErrs)));
            if (Json.Bool(v, "storage") == true) storageCount++;
            if (Json.Obj(v, "schema", "openAPIV3Schema") is null)
                errs.Add(FieldError.Required($"spec.versions[{i}].schema.openAPIV3Schema", "schemas are required"));
        }
        if (!unique) errs.Add(FieldError.Invalid("spec.versions", GoValue.Elided("[]apiextensions.CustomResourceDefinitionVersion"), "must contain unique version names"));
        if (versions.Count > 0 && storageCount != 1)
            errs.Add(FieldError.Invalid("spec.versions", GoValue.Elided("[]apiextensions.CustomResourceDefinitionVersion"), "must have exactly one version marked as storage version"));

        errs.AddRange(ValidateNames(Json.Obj(spec, "names")));
        errs.AddRange(FieldChecks.OneOf(Json.Str(spec, "conversion", "strategy"), "spec.conversion.strategy", ["None", "Webhook"], required: true));
        return errs;
    }

    static IEnumerable<FieldError> ValidateNames(JsonObject? names)
    {
        foreach (var field in new[] { "plural", "singular", "kind", "listKind" })
            if (string.IsNullOrEmpty(Json.Str(names, field))) yield return FieldError.Required("spec.names." + field);
        foreach (var field in new[] { "plural", "singular" })
            if (Json.Str(names, field) is { Length: > 0 } v && NameValidation.IsDNS1035Label(v) is { Count: > 0 } e)
                yield return FieldError.Invalid("spec.names." + field, v, string.Join(",", e));
        foreach (var field in new[] { "kind", "listKind" })
            if (Json.Str(names, field) is { Length: > 0 } v && NameValidation.IsDNS1035Label(v.ToLowerInvariant()) is { Count: > 0 } e)
                yield return FieldError.Invalid("spec.names." + field, v, "may have mixed case, but should otherwise match: " + string.Join(",", e));
        var kind = Json.Str(names, "kind") ?? "";
        if (kind.Length > 0 && kind == Json.Str(names, "listKind"))
            yield return FieldError.Invalid("spec.names.listKind", kind, "kind and listKind may not be the same");
        foreach (var (s, i) in Json.Strings(names?["shortNames"]).Select((s, i) => (s, i)))
            if (NameValidation.IsDNS1035Label(s) is { Count: > 0 } e)
                yield return FieldError.Invalid($"spec.names.shortNames[{i}]", s, string.Join(",", e));
    }

    protected override IEnumerable<FieldError> ValidateImmutable(JsonObject obj, JsonObject old)
    {
        foreach (var e in FieldChecks.Immutable(Json.At(obj, "spec", "group"), Json.At(old, "spec", "group"), "spec.group")) yield return e;
        foreach (var e in FieldChecks.Immutable(Json.At(obj, "spec", "names", "plural"), Json.At(old, "spec", "names", "plural"), "spec.names.plural")) yield return e;
        var established = Json.Items(Json.At(old, "status", "conditions"))
            .Any(c => Json.Str(c.Item, "type") == "Established" && Json.Str(c.Item, "status") == "True");
        if (!established) yield break;
        foreach (var e in FieldChecks.Immutable(Json.At(obj, "spec", "scope"), Json.At(old, "spec", "scope"), "spec.scope")) yield return e;
        foreach (var e in FieldChecks.Immutable(Json.At(obj, "spec", "names", "kind"), Json.At(old, "spec", "names", "kind"), "spec.names.kind")) yield return e;
    }
}
