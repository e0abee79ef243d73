using System.Text.Json.Nodes;
using KubeSharp.Api.Resources;
using KubeSharp.Api.Validation;

namespace KubeSharp.ApiServer.Registry;

/// <summary>Validation of metadata every object shares: name format per scope, labels and annotations.</summary>
public static class ObjectMetaValidation
{
    public static IReadOnlyList<FieldError> Validate(JsonObject obj, ResourceDefinition def)
    {
        var errors = new List<FieldError>();
        var meta = obj["metadata"] as JsonObject;
        var name = ObjectMetaAccess.Str(meta?["name"]) ?? "";
        // Namespaces, services and a few others need DNS labels; most kinds accept DNS subdomains.
        var nameErrors = def.Kind is "Namespace" or "Service"
            ? NameValidation.IsDNS1123Label(name)
            : def.IsCustom || def.Kind is "Node" ? NameValidation.IsValidPathSegmentName(name) : NameValidation.IsDNS1123Subdomain(name);
        if (def.Kind is "Node" && nameErrors.Count == 0) nameErrors = NameValidation.IsDNS1123Subdomain(name);
        foreach (var e in nameErrors) errors.Add(FieldError.Invalid("metadata.name", name, e));
        errors.AddRange(NameValidation.ValidateLabels(ObjectMetaAccess.Labels(obj), "metadata.labels"));
        if (meta?["annotations"] is JsonObject ann)
            errors.AddRange(NameValidation.ValidateAnnotations(ann.ToDictionary(p => p.Key, p => ObjectMetaAccess.Str(p.Value) ?? ""), "metadata.annotations"));
        return errors;
    }
}
