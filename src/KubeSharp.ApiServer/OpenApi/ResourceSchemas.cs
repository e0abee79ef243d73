using KubeSharp.Api.Resources;
using KubeSharp.Api.Schema;

namespace KubeSharp.ApiServer.OpenApi;

/// <summary>
/// The kind and list schemas of the resources being published, plus the meta definitions operations
/// refer to. Kinds without a schema in the catalog get a permissive stub so discovery, explain and
/// kubectl's fieldValidation check still work; strategic merge is then not advertised for them.
/// </summary>
internal sealed class ResourceSchemas
{
    readonly SchemaCatalog _catalog;
    readonly Dictionary<string, SchemaNode> _extra = new(StringComparer.Ordinal);

    public ResourceSchemas(SchemaCatalog catalog)
    {
        _catalog = catalog;
        foreach (var name in new[] { DefinitionNames.Patch, DefinitionNames.Status, DefinitionNames.DeleteOptions, CommonDefinitions.Scale })
            if (catalog.Definition(name) is null && CommonDefinitions.Create(name) is { } node) _extra[name] = node;
    }

    public SchemaNode? Lookup(string name) => _catalog.Definition(name) ?? _extra.GetValueOrDefault(name);

    /// <summary>The kind's schema, its list's schema, and whether the kind's schema is real (not a stub).</summary>
    public (SchemaNode Kind, SchemaNode List, bool Real) For(ResourceDefinition def)
    {
        var kind = _catalog.ForKind(def.Gvk);
        var real = kind is not null;
        if (kind is null)
        {
            kind = Stub(def);
            _extra.TryAdd(kind.DefinitionName!, kind);
        }
        var list = _catalog.ForKind(def.Gvk with { Kind = def.ListKind });
        if (list is null)
        {
            list = ListSchema.For(def.Gvk, kind, _catalog.ListMeta);
            _extra.TryAdd(list.DefinitionName!, list);
        }
        return (kind, list, real);
    }

    SchemaNode Stub(ResourceDefinition def)
    {
        var metadata = _catalog.ObjectMeta.ShallowCopy();
        metadata.Description = TypeMetaDescriptions.Metadata;
        return new SchemaNode
        {
            Type = "object",
            DefinitionName = def.IsCustom
                ? DefinitionNames.ForCustomKind(def.Group, def.Version, def.Kind)
                : DefinitionNames.ForKind(def.Group, def.Version, def.Kind),
            Description = $"A {def.Kind} object.",
            PreserveUnknownFields = true,
            GroupVersionKind = (def.Group, def.Version, def.Kind),
            Properties = new Dictionary<string, SchemaNode>(StringComparer.Ordinal)
            {
                ["apiVersion"] = new() { Type = "string", Description = TypeMetaDescriptions.ApiVersion },
                ["kind"] = new() { Type = "string", Description = TypeMetaDescriptions.Kind },
                ["metadata"] = metadata,
            },
        };
    }
}
