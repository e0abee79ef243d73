using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using KubeSharp.Api.Resources;
using KubeSharp.Api.Schema;

namespace KubeSharp.ApiServer.OpenApi;

/// <summary>
/// Builds the OpenAPI documents for the resources in a <see cref="ResourceRegistry"/> from the schemas in
/// a <see cref="SchemaCatalog"/>. Output is deterministic (sorted paths and definitions), so the hash
/// changes only when the served API does.
/// </summary>
public sealed class OpenApiBuilder(ResourceRegistry registry, SchemaCatalog catalog, string serverVersion = "v1.32.0")
{
    static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public OpenApiDocuments Build()
    {
        var resources = registry.All
            .OrderBy(d => d.Group, StringComparer.Ordinal).ThenBy(d => d.Version, StringComparer.Ordinal).ThenBy(d => d.Plural, StringComparer.Ordinal)
            .ToList();

        var v3 = new SortedDictionary<string, (byte[] Json, string Hash)>(StringComparer.Ordinal);
        foreach (var group in resources.GroupBy(d => (d.Group, d.Version)))
        {
            var json = Serialize(BuildV3(group.ToList()));
            v3[GroupVersionPath(group.Key.Group, group.Key.Version)] = (json, OpenApiDocuments.Hash(json));
        }

        var rootPaths = new JsonObject();
        foreach (var (path, doc) in v3)
            rootPaths[path] = new JsonObject { ["serverRelativeURL"] = $"/openapi/v3/{path}?hash={doc.Hash}" };
        var root = Serialize(new JsonObject { ["paths"] = rootPaths });

        return new OpenApiDocuments(root, v3, () => Serialize(BuildV2(resources)));
    }

    /// <summary>"api/v1" for the core group, "apis/&lt;group&gt;/&lt;version&gt;" otherwise.</summary>
    public static string GroupVersionPath(string group, string version) => group.Length == 0 ? $"api/{version}" : $"apis/{group}/{version}";

    JsonObject BuildV3(IReadOnlyList<ResourceDefinition> resources)
    {
        var (paths, schemas) = Describe(resources, v3: true);
        return new JsonObject
        {
            ["openapi"] = "3.0.0",
            ["info"] = new JsonObject { ["title"] = "Kubernetes", ["version"] = serverVersion },
            ["paths"] = paths,
            ["components"] = new JsonObject { ["schemas"] = schemas },
        };
    }

    JsonObject BuildV2(IReadOnlyList<ResourceDefinition> resources)
    {
        var (paths, definitions) = Describe(resources, v3: false);
        return new JsonObject
        {
            ["swagger"] = "2.0",
            ["info"] = new JsonObject { ["title"] = "Kubernetes", ["version"] = serverVersion },
            ["paths"] = paths,
            ["definitions"] = definitions,
        };
    }

    (JsonObject Paths, JsonObject Schemas) Describe(IReadOnlyList<ResourceDefinition> resources, bool v3)
    {
        var kinds = new ResourceSchemas(catalog);
        var schemas = new SchemaJsonWriter(v3, kinds.Lookup);
        var specs = new List<PathSpec>();
        foreach (var def in resources)
        {
            var (kind, list, real) = kinds.For(def);
            schemas.Include(kind);
            schemas.Include(list);
            specs.AddRange(ResourcePaths.For(def, kind.DefinitionName!, list.DefinitionName!, strategicMerge: real && !def.IsCustom));
        }
        var paths = new PathJsonWriter(v3, schemas).Write(specs);
        return (paths, schemas.Definitions());
    }

    static byte[] Serialize(JsonObject doc)
    {
        var buffer = new ArrayBufferWriter<byte>(64 * 1024);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions)) doc.WriteTo(writer);
        return buffer.WrittenSpan.ToArray();
    }
}
