using KubeSharp.Api.Resources;

namespace KubeSharp.Api.Schema;

/// <summary>Synthesises the schema of a kind's list ("DeploymentList"): type metadata, list metadata and items.</summary>
public static class ListSchema
{
    public static SchemaNode For(GroupVersionKind itemKind, SchemaNode item, SchemaNode listMeta)
    {
        var metadata = listMeta.ShallowCopy();
        metadata.ProtoNumber = 1;
        metadata.Description = "Standard list metadata: the resource version the list was read at and the continue token.";

        var listKind = itemKind.Kind + "List";
        var node = new SchemaNode
        {
            Type = "object",
            DefinitionName = (item.DefinitionName ?? DefinitionNames.ForKind(itemKind.Group, itemKind.Version, itemKind.Kind)) + "List",
            Description = $"A list of {itemKind.Kind} objects.",
            GroupVersionKind = (itemKind.Group, itemKind.Version, listKind),
            Properties = new Dictionary<string, SchemaNode>(StringComparer.Ordinal)
            {
                ["apiVersion"] = new() { Type = "string", Description = TypeMetaDescriptions.ApiVersion },
                ["items"] = new() { Type = "array", Items = item, ProtoNumber = 2, Description = $"The {itemKind.Kind} objects." },
                ["kind"] = new() { Type = "string", Description = TypeMetaDescriptions.Kind },
                ["metadata"] = metadata,
            },
            Required = ["items"],
        };
        return node;
    }
}
