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
    public IReadOnlyList<ResourceDefinition> BuiltInResources() => Api.Resources.BuiltInResources.Create(Api.Strategies.BuiltInStrategies.For);

    public IFieldManager FieldManager { get; } = new ProvisionalFieldManager();
    public KubeSharp.ApiServer.Printers.PrinterRegistry Printers { get; } = KubeSharp.ApiServer.Printers.PrinterRegistry.CreateBuiltIn();
    public ITableRenderer Tables => _tables ??= new TableRenderer(Printers, time);
    ITableRenderer? _tables;
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
