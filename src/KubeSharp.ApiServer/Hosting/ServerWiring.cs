using System.Text.Json.Nodes;
using KubeSharp.Api.Errors;
using KubeSharp.Api.Resources;
using KubeSharp.ApiServer.Admission;
using KubeSharp.ApiServer.Endpoints;
using KubeSharp.ApiServer.Registry;

namespace KubeSharp.ApiServer.Hosting;

/// <summary>Connects the API server's pipeline to its parts: strategies, printers, patches, schemas, OpenAPI, protobuf.</summary>
public sealed class ServerWiring(ResourceRegistry resources, TimeProvider time)
{
    public IReadOnlyList<ResourceDefinition> BuiltInResources() => Api.Resources.BuiltInResources.Create();

    public IFieldManager FieldManager { get; } = new ProvisionalFieldManager();
    public ITableRenderer Tables { get; } = new ProvisionalTables();
    public TimeProvider Time => time;
    public IPatchApplier Patches { get; } = new ProvisionalPatches();
    public ISchemaChecks Schemas { get; } = new ProvisionalSchemas();
    public IOpenApiSource OpenApi { get; } = new ProvisionalOpenApi();

    public JsonObject DecodeProtobuf(ReadOnlyMemory<byte> body) => throw StatusError.UnsupportedMediaType("application/vnd.kubernetes.protobuf");

    public IEnumerable<IAdmissionPlugin> AdmissionPlugins(RegistryContext registry, ApiServerOptions options)
    {
        _ = resources;
        yield return new NamespaceLifecycle(registry);
        yield return new ServiceAllocation(registry, options.ServiceCidr, options.NodePortRange);
    }

    sealed class ProvisionalFieldManager : IFieldManager
    {
        public void TrackUpdate(ResourceDefinition def, JsonObject? old, JsonObject updated, string manager, string operation, string? subresource, DateTimeOffset now) { }
        public JsonObject Apply(ResourceDefinition def, JsonObject? live, JsonObject applied, string manager, bool force, string? subresource, DateTimeOffset now) => applied;
    }

    sealed class ProvisionalTables : ITableRenderer
    {
        public Task WriteTableAsync(Microsoft.AspNetCore.Http.HttpContext http, ResourceDefinition def, IReadOnlyList<JsonObject> items, string resourceVersion, string? continueToken, string includeObject, bool includeColumns)
        {
            var table = new JsonObject
            {
                ["kind"] = "Table", ["apiVersion"] = "meta.k8s.io/v1",
                ["metadata"] = new JsonObject { ["resourceVersion"] = resourceVersion, ["continue"] = continueToken },
                ["columnDefinitions"] = Columns(),
                ["rows"] = new JsonArray(items.Select(i => (JsonNode)Row(i)).ToArray()),
            };
            return Responses.WriteObjectAsync(http, 200, table);
        }

        public JsonObject RowTable(ResourceDefinition def, JsonObject item, string includeObject, bool includeColumns) => new()
        {
            ["kind"] = "Table", ["apiVersion"] = "meta.k8s.io/v1", ["metadata"] = new JsonObject(),
            ["columnDefinitions"] = includeColumns ? Columns() : new JsonArray(),
            ["rows"] = new JsonArray(Row(item)),
        };

        static JsonArray Columns() => new(
            new JsonObject { ["name"] = "Name", ["type"] = "string", ["format"] = "name", ["description"] = "", ["priority"] = 0 },
            new JsonObject { ["name"] = "Created At", ["type"] = "date", ["format"] = "", ["description"] = "", ["priority"] = 0 });

        JsonObject Row(JsonObject i) => new()
        {
            ["cells"] = new JsonArray(i["metadata"]?["name"]?.DeepClone(), i["metadata"]?["creationTimestamp"]?.DeepClone()),
            ["object"] = new JsonObject { ["kind"] = "PartialObjectMetadata", ["apiVersion"] = "meta.k8s.io/v1", ["metadata"] = i["metadata"]?.DeepClone() },
        };
    }

    sealed class ProvisionalPatches : IPatchApplier
    {
        public JsonObject Apply(ResourceDefinition def, string mediaType, JsonObject current, byte[] patch)
        {
            var p = Serialization.BodyReader.ParseJson(patch) as JsonObject ?? throw StatusError.BadRequest("patch must be an object");
            return (JsonObject)Merge(current, p)!;
        }

        static JsonNode? Merge(JsonNode? target, JsonNode? patch)
        {
            if (patch is not JsonObject po) return patch?.DeepClone();
            var t = target as JsonObject ?? new JsonObject();
            foreach (var (k, v) in po)
            {
                if (v is null) t.Remove(k);
                else t[k] = Merge(t[k]?.DeepClone(), v);
            }
            return t;
        }
    }

    sealed class ProvisionalSchemas : ISchemaChecks
    {
        public IReadOnlyList<string> UnknownFields(ResourceDefinition def, JsonObject obj) => [];
    }

    sealed class ProvisionalOpenApi : IOpenApiSource
    {
        public byte[]? V3(string groupVersionPath) => groupVersionPath.Length == 0 ? "{\"paths\":{}}"u8.ToArray() : null;
        public byte[] V2() => "{\"swagger\":\"2.0\",\"info\":{\"title\":\"kubesharp\",\"version\":\"v1.32\"},\"paths\":{},\"definitions\":{}}"u8.ToArray();
    }
}
