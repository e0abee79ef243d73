using System.Text.Json.Nodes;
using KubeSharp.Api.Errors;
using KubeSharp.Api.Resources;
using KubeSharp.Api.Schema;
using KubeSharp.Api.Validation;
using KubeSharp.ApiServer.Admission;
using KubeSharp.ApiServer.Crd;
using KubeSharp.ApiServer.Endpoints;
using KubeSharp.ApiServer.OpenApi;
using KubeSharp.ApiServer.Patch;
using KubeSharp.ApiServer.Printers;
using KubeSharp.ApiServer.Protobuf;
using KubeSharp.ApiServer.Registry;
using KubeSharp.ApiServer.Serialization;

namespace KubeSharp.ApiServer.Hosting;

/// <summary>
/// Connects the API server's pipeline to its parts: strategies, the schema catalog (built-in kinds
/// and CRDs) and what it drives — OpenAPI, strict field validation, protobuf decoding, patches,
/// managed fields — and the printers.
/// </summary>
public sealed class ServerWiring : IPatchApplier, IFieldManager, ISchemaChecks, IOpenApiSource, ICrdSchemas
{
    readonly ResourceRegistry _resources;
    readonly SchemaCatalog _catalog = SchemaCatalog.ForModel();
    readonly UnknownFieldDetector _unknown = new();
    readonly SchemaValidator _validator = new();
    readonly KubeProtobufDecoder _protobuf = new();
    readonly OpenApiCache _openApi;
    readonly CrdSchemaConverter _crdSchemas;

    public ServerWiring(ResourceRegistry resources, TimeProvider time)
    {
        _resources = resources;
        _openApi = new OpenApiCache(resources, _catalog);
        _crdSchemas = new CrdSchemaConverter(_catalog);
        Tables = new TableRenderer(Printers, time);
    }

    public IReadOnlyList<ResourceDefinition> BuiltInResources() => Api.Resources.BuiltInResources.Create(Api.Strategies.BuiltInStrategies.For);

    public PrinterRegistry Printers { get; } = PrinterRegistry.CreateBuiltIn();
    public ITableRenderer Tables { get; }
    public IPatchApplier Patches => this;
    public IFieldManager FieldManager => this;
    public ISchemaChecks Schemas => this;
    public IOpenApiSource OpenApi => this;
    public ICrdSchemas CrdSchemas => this;

    public IEnumerable<IAdmissionPlugin> AdmissionPlugins(RegistryContext registry, ApiServerOptions options)
    {
        yield return new NamespaceLifecycle(registry);
        yield return new ServiceAllocation(registry, options.ServiceCidr, options.NodePortRange);
    }

    SchemaNode? SchemaOf(ResourceDefinition def) => _catalog.ForKind(def.Gvk);

    // ------------------------------------------------------------ protobuf

    public JsonObject DecodeProtobuf(ReadOnlyMemory<byte> body)
    {
        try { return _protobuf.Decode(body.Span, _catalog); }
        catch (ProtobufDecodeException e) { throw StatusError.BadRequest(e.Message); }
    }

    // ------------------------------------------------------------ patches

    public JsonObject Apply(ResourceDefinition def, string mediaType, JsonObject current, byte[] patch)
    {
        try
        {
            return mediaType switch
            {
                "application/json-patch+json" => JsonPatch.Apply(current, BodyReader.ParseJson(patch)),
                "application/merge-patch+json" => JsonMergePatch.Apply(current, BodyReader.ParseJson(patch)),
                "application/strategic-merge-patch+json" => StrategicMergePatch.Apply(current,
                    BodyReader.ParseJson(patch) as JsonObject ?? throw StatusError.BadRequest("a strategic merge patch must be a JSON object"), SchemaOf(def)),
                _ => throw StatusError.UnsupportedMediaType(mediaType),
            };
        }
        catch (PatchException e)
        {
            throw new StatusError(e.StatusCode, e.StatusCode switch { 400 => "BadRequest", 413 => "RequestEntityTooLarge", _ => "Invalid" }, e.Message);
        }
    }

    // ------------------------------------------------------------ managed fields

    static string[] Ignored(string? subresource) => subresource == "status" ? ["spec"] : ["status"];

    // Built once: every write needs one of the two, and they are only ever read.
    readonly FieldSet _ignoredOnMain = ServerSideApply.IgnoredFields(Ignored(null));
    readonly FieldSet _ignoredOnStatus = ServerSideApply.IgnoredFields(Ignored("status"));

    public void TrackUpdate(ResourceDefinition def, JsonObject? old, JsonObject updated, string manager, string operation, string? subresource, DateTimeOffset now)
    {
        var ignored = subresource == "status" ? _ignoredOnStatus : _ignoredOnMain;
        var managedFields = ServerSideApply.ManagedFieldsAfterUpdate(old, updated, manager, operation, subresource, SchemaOf(def), now, ignored);
        if (managedFields.Count > 0) JsonMeta.Meta(updated)["managedFields"] = managedFields;
        else JsonMeta.Meta(updated).Remove("managedFields");
    }

    JsonObject IFieldManager.Apply(ResourceDefinition def, JsonObject? live, JsonObject applied, string manager, bool force, string? subresource, DateTimeOffset now)
    {
        ApplyResult result;
        try
        {
            result = ServerSideApply.Apply(live, applied, manager, force, SchemaOf(def), now, subresource, Ignored(subresource));
        }
        catch (PatchException e)
        {
            throw new StatusError(e.StatusCode, e.StatusCode == 400 ? "BadRequest" : "Invalid", e.Message);
        }
        if (result.HasConflicts)
            throw new StatusError(409, "Conflict", result.ConflictMessage)
            {
                Name = JsonMeta.Name(applied),
                Group = def.Group,
                DetailsKind = def.Plural,
                Causes = ApplyConflictMessage.Causes(result.Conflicts)
                    .Select(c => new FieldError(FieldErrorType.Invalid, c.Field, c.Message)).ToList(),
            };
        return result.Object!;
    }

    // ------------------------------------------------------------ schema checks

    public IReadOnlyList<string> UnknownFields(ResourceDefinition def, JsonObject obj)
    {
        var schema = SchemaOf(def);
        return schema is null ? [] : _unknown.Find(obj, schema);
    }

    public void CheckTypes(ResourceDefinition def, JsonObject obj)
    {
        if (def.IsCustom || _catalog.ModelType(def.Gvk) is not { } type) return;
        try
        {
            System.Text.Json.JsonSerializer.Deserialize(obj, type, Api.Model.KubeJson.Options);
        }
        catch (System.Text.Json.JsonException e)
        {
            var path = (e.Path ?? "$").TrimStart('$').TrimStart('.');
            throw StatusError.BadRequest($"{def.Kind} in version \"{def.Version}\" cannot be handled as a {def.Kind}: json: cannot unmarshal value at {path}: {e.Message.Split(" Path:")[0]}");
        }
    }

    // ------------------------------------------------------------ CRD schemas

    public void Register(GroupVersionKind gvk, JsonObject? openApiV3Schema, JsonArray? printerColumns)
    {
        _catalog.RegisterCustom(gvk, _crdSchemas.Convert(gvk, openApiV3Schema));
        if (_resources.Find(gvk) is { } def)
            Printers.Register(gvk.Group, def.Plural, CustomResourcePrinter.FromCrdVersion(new JsonObject { ["additionalPrinterColumns"] = printerColumns?.DeepClone() }));
    }

    public IReadOnlyList<FieldError> Validate(GroupVersionKind gvk, JsonObject obj)
    {
        var schema = _catalog.ForKind(gvk);
        return schema is null ? [] : _validator.Validate(obj, schema);
    }

    // ------------------------------------------------------------ OpenAPI

    public byte[]? V3(string groupVersionPath)
    {
        var docs = _openApi.Current;
        if (groupVersionPath.Length == 0) return docs.V3Root;
        return docs.TryGetV3(groupVersionPath, out var json, out _) ? json : null;
    }

    public byte[] V2() => _openApi.Current.V2;
}
