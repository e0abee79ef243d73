using System.Text.Json.Nodes;

namespace KubeSharp.Api.Validation;

/// <summary>
/// upstream's ValidateObjectMeta for JSON objects: name (or generateName) per the kind's name rule,
/// namespace presence, labels, annotations, finalizers and owner references.
/// </summary>
public static class MetadataValidation
{
    /// <summary>A name rule: the problems with a name, empty when it is valid.</summary>
    public delegate IReadOnlyList<string> NameRule(string name);

    public static readonly NameRule DNS1123Subdomain = NameValidation.IsDNS1123Subdomain;
    public static readonly NameRule DNS1123Label = NameValidation.IsDNS1123Label;
    public static readonly NameRule DNS1035Label = NameValidation.IsDNS1035Label;
    public static readonly NameRule PathSegment = NameValidation.IsValidPathSegmentName;

    /// <summary>The name rule upstream applies to a built-in kind (most kinds use DNS-1123 subdomains).</summary>
    public static NameRule NameRuleFor(string group, string kind) => (group, kind) switch
    {
        ("", "Namespace" or "Service") => DNS1123Label,
        ("rbac.authorization.k8s.io", _) => PathSegment,
        ("", "ComponentStatus") => PathSegment,
        _ => DNS1123Subdomain,
    };

    /// <summary>Validation of a top-level object's metadata at "metadata".</summary>
    public static IReadOnlyList<FieldError> ValidateObjectMeta(JsonObject obj, NameRule nameRule, bool namespaced)
    {
        var errs = new List<FieldError>();
        var meta = Json.Obj(obj, "metadata");
        var name = Json.Str(meta, "name") ?? "";
        var generateName = Json.Str(meta, "generateName") ?? "";
        if (generateName.Length > 0)
        {
            // A generated name ends with random characters, so a trailing '-' in the prefix is fine.
            var prefix = generateName.TrimEnd('-');
            if (prefix.Length > 0)
                foreach (var m in nameRule(prefix)) errs.Add(FieldError.Invalid("metadata.generateName", generateName, m));
        }
        if (name.Length == 0)
        {
            if (generateName.Length == 0) errs.Add(FieldError.Required("metadata.name", "name or generateName is required"));
        }
        else
        {
            foreach (var m in nameRule(name)) errs.Add(FieldError.Invalid("metadata.name", name, m));
        }
        var ns = Json.Str(meta, "namespace") ?? "";
        if (namespaced)
        {
            if (ns.Length == 0) errs.Add(FieldError.Required("metadata.namespace"));
            else foreach (var m in NameValidation.IsDNS1123Label(ns)) errs.Add(FieldError.Invalid("metadata.namespace", ns, m));
        }
        else if (ns.Length > 0)
        {
            errs.Add(FieldError.Forbidden("metadata.namespace", "not allowed on this type"));
        }
        errs.AddRange(ValidateLabelsAndAnnotations(meta, "metadata"));
        errs.AddRange(ValidateFinalizers(Json.Arr(meta, "finalizers"), "metadata.finalizers"));
        errs.AddRange(ValidateOwnerReferences(Json.Arr(meta, "ownerReferences"), "metadata.ownerReferences"));
        return errs;
    }

    /// <summary>Labels and annotations of any metadata block (objects and pod templates) at <paramref name="metaPath"/>.</summary>
    public static IReadOnlyList<FieldError> ValidateLabelsAndAnnotations(JsonObject? meta, string metaPath)
    {
        var errs = new List<FieldError>();
        errs.AddRange(NameValidation.ValidateLabels(Json.StringMap(meta?["labels"]), metaPath + ".labels"));
        errs.AddRange(NameValidation.ValidateAnnotations(Json.StringMap(meta?["annotations"]), metaPath + ".annotations"));
        return errs;
    }

    /// <summary>upstream's ValidateFinalizers: qualified names without duplicates.</summary>
    public static IReadOnlyList<FieldError> ValidateFinalizers(JsonArray? finalizers, string path)
    {
        var errs = new List<FieldError>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var f in Json.Strings(finalizers))
        {
            foreach (var m in NameValidation.IsQualifiedName(f)) errs.Add(FieldError.Invalid(path, f, m));
            if (!seen.Add(f)) errs.Add(FieldError.Duplicate(path, f));
        }
        return errs;
    }

    /// <summary>upstream's ValidateOwnerReferences: each reference complete, at most one controller.</summary>
    public static IReadOnlyList<FieldError> ValidateOwnerReferences(JsonArray? refs, string path)
    {
        var errs = new List<FieldError>();
        int controllers = 0;
        foreach (var (_, r) in Json.Items(refs))
        {
            if (string.IsNullOrEmpty(Json.Str(r, "apiVersion")))
                errs.Add(FieldError.Invalid(path + ".apiVersion", Json.Str(r, "apiVersion") ?? "", "version must not be empty"));
            if (string.IsNullOrEmpty(Json.Str(r, "kind")))
                errs.Add(FieldError.Invalid(path + ".kind", Json.Str(r, "kind") ?? "", "kind must not be empty"));
            if (string.IsNullOrEmpty(Json.Str(r, "name")))
                errs.Add(FieldError.Invalid(path + ".name", Json.Str(r, "name") ?? "", "name must not be empty"));
            if (string.IsNullOrEmpty(Json.Str(r, "uid")))
                errs.Add(FieldError.Invalid(path + ".uid", Json.Str(r, "uid") ?? "", "uid must not be empty"));
            if (Json.Bool(r, "controller") == true) controllers++;
        }
        if (controllers > 1)
            errs.Add(FieldError.Invalid(path, GoValue.Elided("[]v1.OwnerReference"), "Only one reference can have Controller set to true"));
        return errs;
    }
}
