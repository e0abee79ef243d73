using System.Text.Json;
using System.Text.Json.Nodes;
using KubeSharp.Api.Resources;

namespace KubeSharp.Api.Schema;

/// <summary>
/// Converts a CustomResourceDefinition version's <c>openAPIV3Schema</c> into a <see cref="SchemaNode"/>.
/// As upstream, the top level always knows apiVersion, kind and metadata (metadata is ObjectMeta), and
/// embedded resources know the same three fields.
/// </summary>
public sealed class CrdSchemaConverter(SchemaNode objectMeta)
{
    public CrdSchemaConverter(SchemaCatalog catalog) : this(catalog.ObjectMeta) { }

    /// <summary>The schema of one served version; a missing schema accepts anything.</summary>
    public SchemaNode Convert(GroupVersionKind gvk, JsonObject? openApiV3Schema)
    {
        var node = openApiV3Schema is null ? new SchemaNode { PreserveUnknownFields = true } : Node(openApiV3Schema);
        node.Type ??= "object";
        node.DefinitionName = DefinitionNames.ForCustomKind(gvk.Group, gvk.Version, gvk.Kind);
        node.GroupVersionKind = (gvk.Group, gvk.Version, gvk.Kind);
        AddTypeMeta(node);
        return node;
    }

    /// <summary>Converts one schema object (exposed for tests and nested use).</summary>
    public SchemaNode Node(JsonObject s)
    {
        var node = new SchemaNode
        {
            Type = String(s, "type"),
            Format = String(s, "format"),
            Description = String(s, "description"),
            PreserveUnknownFields = Bool(s, "x-kubernetes-preserve-unknown-fields"),
            IntOrString = Bool(s, "x-kubernetes-int-or-string"),
            EmbeddedResource = Bool(s, "x-kubernetes-embedded-resource"),
            Nullable = Bool(s, "nullable"),
            ListType = String(s, "x-kubernetes-list-type"),
            ListMapKeys = Strings(s["x-kubernetes-list-map-keys"]),
            MapType = String(s, "x-kubernetes-map-type"),
            Required = Strings(s["required"]),
            Default = s["default"]?.DeepClone(),
        };
        if (s["enum"] is JsonArray values)
            node.Enum = [.. values.Select(v => v is JsonValue jv && jv.GetValueKind() == JsonValueKind.String ? jv.GetValue<string>() : v?.ToJsonString() ?? "null")];
        if (s["properties"] is JsonObject properties)
        {
            node.Properties = new Dictionary<string, SchemaNode>(StringComparer.Ordinal);
            foreach (var (name, value) in properties)
                if (value is JsonObject child) node.Properties[name] = Node(child);
        }
        if (s["items"] is JsonObject items) node.Items = Node(items);
        switch (s["additionalProperties"])
        {
            case JsonObject additional:
                node.AdditionalProperties = Node(additional);
                break;
            case JsonValue v when v.GetValueKind() == JsonValueKind.True:
                node.AdditionalProperties = new SchemaNode { PreserveUnknownFields = true };
                break;
        }
        if (node.EmbeddedResource) AddTypeMeta(node);
        return node;
    }

    void AddTypeMeta(SchemaNode node)
    {
        if (node.Properties is null && node.PreserveUnknownFields && !node.EmbeddedResource && node.GroupVersionKind is null) return;
        node.Properties ??= new Dictionary<string, SchemaNode>(StringComparer.Ordinal);
        if (node.Property("apiVersion") is null)
            node.Properties["apiVersion"] = new SchemaNode { Type = "string", Description = TypeMetaDescriptions.ApiVersion };
        if (node.Property("kind") is null)
            node.Properties["kind"] = new SchemaNode { Type = "string", Description = TypeMetaDescriptions.Kind };

        // Whatever the CRD says about metadata, it is ObjectMeta (only name constraints are allowed there).
        var metadata = objectMeta.ShallowCopy();
        metadata.Description = node.Property("metadata")?.Description ?? TypeMetaDescriptions.Metadata;
        metadata.ProtoNumber = 0;
        node.Properties["metadata"] = metadata;
    }

    static string? String(JsonObject s, string name) =>
        s[name] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    static bool Bool(JsonObject s, string name) => s[name] is JsonValue v && v.GetValueKind() == JsonValueKind.True;

    static List<string>? Strings(JsonNode? node) =>
        node is JsonArray a && a.Count > 0
            ? [.. a.Select(x => x is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null).OfType<string>()]
            : null;
}
