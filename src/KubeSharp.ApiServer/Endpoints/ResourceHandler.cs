using System.Text.Json.Nodes;
using KubeSharp.Api.Errors;
using KubeSharp.Api.Resources;
using KubeSharp.ApiServer.Registry;
using KubeSharp.ApiServer.Serialization;
using Microsoft.AspNetCore.Http;

namespace KubeSharp.ApiServer.Endpoints;

/// <summary>Serves the REST verbs of every resource: get, list, watch, create, update, patch, delete, deletecollection.</summary>
public sealed partial class ResourceHandler(
    RegistryContext registry,
    BodyReader bodies,
    ITableRenderer tables,
    IPatchApplier patches,
    ISchemaChecks schemas,
    WatchServer watches,
    SubresourceHandlers subresources)
{
    public async Task HandleAsync(HttpContext http, RequestInfo info, UserInfo user)
    {
        var gvr = new GroupVersionResource(info.Group, info.Version, info.Resource);
        var store = registry.StoreFor(gvr);
        if (store is null)
        {
            await Responses.WriteErrorAsync(http, new StatusError(404, "NotFound", "the server could not find the requested resource"));
            return;
        }
        var def = store.Definition;
        if (!def.Namespaced && info.Namespace is not null && info.Resource != "namespaces")
        {
            await Responses.WriteErrorAsync(http, new StatusError(404, "NotFound", "the server could not find the requested resource"));
            return;
        }
        if (info.Subresource is not null)
        {
            await subresources.HandleAsync(http, info, store, user);
            return;
        }
        var ct = http.RequestAborted;
        switch (info.Verb)
        {
            case "get":
                await GetAsync(http, store, info);
                break;
            case "list":
                await ListAsync(http, info, store);
                break;
            case "watch":
                await watches.ServeAsync(http, info, store);
                break;
            case "create":
                await CreateAsync(http, info, store, user);
                break;
            case "update":
                await UpdateAsync(http, info, store, user, null);
                break;
            case "patch":
                await PatchAsync(http, info, store, user, null);
                break;
            case "delete":
                await DeleteAsync(http, info, store);
                break;
            case "deletecollection":
                await DeleteCollectionAsync(http, info, store);
                break;
            default:
                await Responses.WriteErrorAsync(http, StatusError.MethodNotAllowed($"the server does not allow this method on the requested resource"));
                break;
        }
    }

    /// <summary>A plain GET answers with the cached bytes: no clone of the object and no second serialization.</summary>
    async Task GetAsync(HttpContext http, ResourceStore store, RequestInfo info)
    {
        var cached = await store.GetExistingAsync(info.Namespace, info.Name!, http.RequestAborted);
        if (WantsTable(http.Request))
        {
            await WriteOneAsync(http, store.Definition, cached.ParseCopy(), 200);
            return;
        }
        await Responses.WriteBytesAsync(http, 200, Responses.Json, cached.Json);
    }

    async Task ListAsync(HttpContext http, RequestInfo info, ResourceStore store)
    {
        var result = await store.ListAsync(info.Namespace, QueryParams.List(http.Request), http.RequestAborted);
        if (WantsTable(http.Request))
        {
            await tables.WriteTableAsync(http, store.Definition, result.Items.Select(i => i.Object).ToList(),
                result.Revision.ToString(System.Globalization.CultureInfo.InvariantCulture), result.Continue, IncludeObject(http.Request), true);
            return;
        }
        await Responses.WriteListAsync(http, store.Definition, result);
    }

    async Task CreateAsync(HttpContext http, RequestInfo info, ResourceStore store, UserInfo user)
    {
        if (info.Name is not null)
        {
            await Responses.WriteErrorAsync(http, StatusError.MethodNotAllowed("the server does not allow this method on the requested resource"));
            return;
        }
        var p = QueryParams.Write(http.Request, user);
        var obj = await ReadObjectAsync(http, store.Definition, p);
        if (store.Definition.Virtual)
        {
            await Responses.WriteObjectAsync(http, 201, AccessReview.Answer(store.Definition, obj, user));
            return;
        }
        var created = await store.CreateAsync(info.Namespace, obj, p, http.RequestAborted);
        await WriteOneAsync(http, store.Definition, created, 201);
    }

    internal async Task UpdateAsync(HttpContext http, RequestInfo info, ResourceStore store, UserInfo user, string? subresource)
    {
        var p = QueryParams.Write(http.Request, user);
        var obj = await ReadObjectAsync(http, store.Definition, p);
        var updated = await store.UpdateAsync(info.Namespace, info.Name!, obj, subresource, p, http.RequestAborted);
        await WriteOneAsync(http, store.Definition, updated, 200);
    }

    internal async Task PatchAsync(HttpContext http, RequestInfo info, ResourceStore store, UserInfo user, string? subresource)
    {
        var p = QueryParams.Write(http.Request, user);
        var mediaType = BodyReader.MediaType(http.Request);
        var body = await BodyReader.ReadBytesAsync(http.Request, http.RequestAborted);
        var def = store.Definition;
        JsonObject result;
        if (mediaType == "application/apply-patch+yaml")
        {
            if (string.IsNullOrEmpty(p.FieldManager))
                throw StatusError.BadRequest("PatchOptions.meta.k8s.io \"\" is invalid: fieldManager: Required value: is required for apply patch");
            var applied = BodyReader.ParseJsonOrYaml(body) as JsonObject ?? throw StatusError.BadRequest("apply patch must be a JSON object");
            CheckFields(http, def, applied, p);
            result = await store.ApplyAsync(info.Namespace, info.Name!, applied, subresource, p, http.RequestAborted);
        }
        else
        {
            if (mediaType is not ("application/json-patch+json" or "application/merge-patch+json" or "application/strategic-merge-patch+json"))
                throw new StatusError(415, "UnsupportedMediaType", $"the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, application/strategic-merge-patch+json");
            if (mediaType == "application/strategic-merge-patch+json" && def.IsCustom)
                throw new StatusError(415, "UnsupportedMediaType", "the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml");
            var checkedOnce = false;
            result = await store.WriteAsync(info.Namespace, info.Name!, subresource, p, "Update", null, current =>
            {
                var patched = patches.Apply(def, mediaType, current, body);
                if (!checkedOnce) { CheckFields(http, def, patched, p); checkedOnce = true; }
                return patched;
            }, http.RequestAborted);
        }
        await WriteOneAsync(http, def, result, 200);
    }

    async Task DeleteAsync(HttpContext http, RequestInfo info, ResourceStore store)
    {
        var p = await ReadDeleteParamsAsync(http);
        var (obj, _) = await store.DeleteAsync(info.Namespace, info.Name!, p, http.RequestAborted);
        await WriteOneAsync(http, store.Definition, obj, 200);
    }

    async Task DeleteCollectionAsync(HttpContext http, RequestInfo info, ResourceStore store)
    {
        var p = await ReadDeleteParamsAsync(http);
        var list = await store.ListAsync(info.Namespace, QueryParams.List(http.Request) with { Limit = 0, Continue = null }, http.RequestAborted);
        var items = new JsonArray();
        foreach (var item in list.Items)
        {
            try
            {
                var (obj, _) = await store.DeleteAsync(item.Namespace.Length == 0 ? null : item.Namespace, item.Name, p, http.RequestAborted);
                items.Add(obj);
            }
            catch (StatusError e) when (e.Code == 404) { }
        }
        await Responses.WriteObjectAsync(http, 200, new JsonObject
        {
            ["kind"] = store.Definition.ListKind,
            ["apiVersion"] = store.Definition.ApiVersion,
            ["metadata"] = new JsonObject { ["resourceVersion"] = list.Revision.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            ["items"] = items,
        });
    }

    internal async Task<DeleteParams> ReadDeleteParamsAsync(HttpContext http)
    {
        var r = http.Request;
        var grace = QueryParams.Long(r, "gracePeriodSeconds");
        var policy = QueryParams.Str(r, "propagationPolicy");
        if (QueryParams.Str(r, "orphanDependents") is { } orphan) policy ??= orphan == "true" ? "Orphan" : "Background";
        string? uid = null, rv = null;
        var dryRun = QueryParams.DryRun(r);
        var body = await BodyReader.ReadBytesAsync(r, http.RequestAborted);
        if (body.Length > 0)
        {
            var node = BodyReader.MediaType(r) == "application/vnd.kubernetes.protobuf" ? null : BodyReader.ParseJson(body) as JsonObject;
            if (node is not null)
            {
                grace = node["gracePeriodSeconds"]?.GetValue<long>() ?? grace;
                policy = JsonMeta.Str(node["propagationPolicy"]) ?? policy;
                if (node["orphanDependents"] is JsonValue od && od.TryGetValue<bool>(out var o)) policy ??= o ? "Orphan" : "Background";
                uid = JsonMeta.Str(node["preconditions"]?["uid"]);
                rv = JsonMeta.Str(node["preconditions"]?["resourceVersion"]);
                if (node["dryRun"] is JsonArray dr && dr.Any(d => JsonMeta.Str(d) == "All")) dryRun = true;
            }
        }
        if (grace < 0) grace = 1;
        return new DeleteParams { GracePeriodSeconds = grace, PropagationPolicy = policy, PreconditionUid = uid, PreconditionResourceVersion = rv, DryRun = dryRun };
    }

    internal async Task<JsonObject> ReadObjectAsync(HttpContext http, ResourceDefinition def, WriteParams p)
    {
        var mediaType = BodyReader.MediaType(http.Request);
        var body = await BodyReader.ReadBytesAsync(http.Request, http.RequestAborted);
        var obj = bodies.DecodeObject(mediaType, body);
        CheckFields(http, def, obj, p);
        return obj;
    }

    /// <summary>Strict field validation rejects unknown fields; Warn reports them as Warning headers.</summary>
    void CheckFields(HttpContext http, ResourceDefinition def, JsonObject obj, WriteParams p)
    {
        schemas.CheckTypes(def, obj);
        if (p.FieldValidation == "Ignore") return;
        var unknown = schemas.UnknownFields(def, obj);
        if (unknown.Count == 0) return;
        if (p.FieldValidation == "Strict")
        {
            var text = unknown.Count == 1
                ? $"strict decoding error: unknown field \"{unknown[0]}\""
                : "strict decoding error: " + string.Join(", ", unknown.Select(u => $"unknown field \"{u}\""));
            throw StatusError.BadRequest(text);
        }
        foreach (var u in unknown) Responses.AddWarning(http, $"unknown field \"{u}\"");
    }

    internal async Task WriteOneAsync(HttpContext http, ResourceDefinition def, JsonObject obj, int status)
    {
        if (WantsTable(http.Request))
        {
            await tables.WriteTableAsync(http, def, [obj], JsonMeta.ResourceVersion(obj) ?? "", null, IncludeObject(http.Request), true);
            return;
        }
        await Responses.WriteObjectAsync(http, status, obj);
    }

    internal static bool WantsTable(HttpRequest r) => r.Headers.Accept.ToString().Contains("as=Table", StringComparison.Ordinal);

    internal static string IncludeObject(HttpRequest r) => QueryParams.Str(r, "includeObject") switch
    {
        "Object" => "Object",
        "None" => "None",
        _ => "Metadata",
    };
}
