using System.Text.Json.Nodes;
using KubeSharp.Api.Schema;

namespace KubeSharp.ApiServer.OpenApi;

/// <summary>
/// Writes <see cref="SchemaNode"/>s as OpenAPI schema objects and collects every definition they refer
/// to. Uses of a definition become <c>$ref</c>s; in v3 a use with its own description or patch metadata
/// is wrapped as <c>allOf: [$ref]</c> beside them, as upstream does.
/// </summary>
internal sealed class SchemaJsonWriter
{
    readonly bool _v3;
    readonly string _refPrefix;
    readonly Func<string, SchemaNode?> _lookup;
    readonly Dictionary<string, SchemaNode> _pending = new(StringComparer.Ordinal);
    readonly SortedDictionary<string, JsonObject> _written = new(StringComparer.Ordinal);

    /// <param name="v3">OpenAPI 3 (components) or Swagger 2 (definitions).</param>
    /// <param name="lookup">Finds the canonical node of a definition by name.</param>
    public SchemaJsonWriter(bool v3, Func<string, SchemaNode?> lookup)
    {
        _v3 = v3;
        _refPrefix = v3 ? "#/components/schemas/" : "#/definitions/";
        _lookup = lookup;
    }

    public string Ref(string definitionName) => _refPrefix + definitionName;

    /// <summary>Makes sure a definition is emitted, even if nothing refers to it yet.</summary>
    public void Include(SchemaNode definition)
    {
        var name = definition.DefinitionName ?? throw new ArgumentException("not a definition", nameof(definition));
        if (!_written.ContainsKey(name)) _pending.TryAdd(name, _lookup(name) ?? definition);
    }

    /// <summary>A reference to a definition by name, for operation bodies and responses.</summary>
    public JsonObject RefTo(string definitionName)
    {
        if (!_written.ContainsKey(definitionName) && _lookup(definitionName) is { } node) _pending.TryAdd(definitionName, node);
        return new JsonObject { ["$ref"] = Ref(definitionName) };
    }

    /// <summary>Writes all definitions reached so far (transitively), sorted by name.</summary>
    public JsonObject Definitions()
    {
        while (_pending.Count > 0)
        {
            var (name, node) = _pending.First();
            _pending.Remove(name);
            if (_written.ContainsKey(name)) continue;
            _written[name] = []; // placeholder first: a definition may refer to itself
            _written[name] = Body(node);
        }
        var result = new JsonObject();
        foreach (var (name, body) in _written) result[name] = body;
        return result;
    }

    JsonObject Use(SchemaNode node)
    {
        if (node.DefinitionName is not { } name) return Body(node);
        var canonical = _lookup(name) ?? node;
        if (!_written.ContainsKey(name)) _pending.TryAdd(name, canonical);

        var reference = new JsonObject { ["$ref"] = Ref(name) };
        // The definition itself (an array's items, a map's values) is a plain reference.
        if (ReferenceEquals(node, canonical)) return reference;
        var extras = new JsonObject();
        if (node.Description is { } description && description != canonical.Description) extras["description"] = description;
        UseExtensions(node, extras, canonical.MapType);
        if (extras.Count == 0) return reference;
        if (!_v3)
        {
            foreach (var (k, v) in extras.ToList()) { extras.Remove(k); reference[k] = v; }
            return reference;
        }
        var wrapped = new JsonObject { ["allOf"] = new JsonArray(reference) };
        foreach (var (k, v) in extras.ToList()) { extras.Remove(k); wrapped[k] = v; }
        return wrapped;
    }

    JsonObject Body(SchemaNode node)
    {
        var o = new JsonObject();
        if (node.Description is { } description) o["description"] = description;

        var scalarDefinition = node.DefinitionName is not null && node.Properties is null;
        if (_v3 && scalarDefinition && node.IntOrString)
        {
            o["format"] = "int-or-string";
            o["oneOf"] = new JsonArray(new JsonObject { ["type"] = "integer" }, new JsonObject { ["type"] = "string" });
        }
        else if (_v3 && scalarDefinition && node.ProtoKind == ProtoKind.Quantity)
        {
            o["oneOf"] = new JsonArray(new JsonObject { ["type"] = "string" }, new JsonObject { ["type"] = "number" });
        }
        else
        {
            if (node.Type is { Length: > 0 } type) o["type"] = type;
            if (node.Format is { } format) o["format"] = format;
            if (_v3 && node.IntOrString && node.DefinitionName is null)
                o["anyOf"] = new JsonArray(new JsonObject { ["type"] = "integer" }, new JsonObject { ["type"] = "string" });
        }

        if (node.Enum is { Count: > 0 } values) o["enum"] = new JsonArray([.. values.Select(v => (JsonNode?)v)]);
        if (node.Default is { } d) o["default"] = d.DeepClone();
        if (node.Nullable) o["nullable"] = true;
        if (node.Items is { } items) o["items"] = Use(items);
        if (node.AdditionalProperties is { } additional) o["additionalProperties"] = Use(additional);
        if (node.Properties is { Count: > 0 } properties)
        {
            var props = new JsonObject();
            foreach (var (name, child) in properties.OrderBy(p => p.Key, StringComparer.Ordinal)) props[name] = Use(child);
            o["properties"] = props;
        }
        if (node.Required is { Count: > 0 } required) o["required"] = new JsonArray([.. required.Select(r => (JsonNode?)r)]);

        if (node.IntOrString) o["x-kubernetes-int-or-string"] = true;
        if (node.PreserveUnknownFields) o["x-kubernetes-preserve-unknown-fields"] = true;
        if (node.EmbeddedResource) o["x-kubernetes-embedded-resource"] = true;
        if (node.GroupVersionKind is { } gvk)
            o["x-kubernetes-group-version-kind"] = new JsonArray(new JsonObject { ["group"] = gvk.Group, ["kind"] = gvk.Kind, ["version"] = gvk.Version });
        UseExtensions(node, o, inheritedMapType: null);
        return o;
    }

    /// <summary>Extensions that belong to a field rather than to the type it refers to.</summary>
    static void UseExtensions(SchemaNode node, JsonObject o, string? inheritedMapType)
    {
        if (node.ListMapKeys is { Count: > 0 } keys) o["x-kubernetes-list-map-keys"] = new JsonArray([.. keys.Select(k => (JsonNode?)k)]);
        if (node.ListType is { } listType) o["x-kubernetes-list-type"] = listType;
        if (node.MapType is { } mapType && mapType != inheritedMapType) o["x-kubernetes-map-type"] = mapType;
        if (node.PatchMergeKey is { } mergeKey) o["x-kubernetes-patch-merge-key"] = mergeKey;
        if (node.PatchStrategy is { } strategy) o["x-kubernetes-patch-strategy"] = strategy;
    }
}
