using System.Text.Json.Nodes;
using KubeSharp.Api.Resources;
using KubeSharp.Api.Validation;

namespace KubeSharp.ApiServer.Registry;

/// <summary>Validation of the metadata every object shares, with the name rule of its kind (custom resources: path segments).</summary>
public static class ObjectMetaValidation
{
    public static IReadOnlyList<FieldError> Validate(JsonObject obj, ResourceDefinition def) =>
        MetadataValidation.ValidateObjectMeta(obj,
            def.IsCustom ? MetadataValidation.PathSegment : MetadataValidation.NameRuleFor(def.Group, def.Kind),
            def.Namespaced);
}
