using System.Text.Json.Nodes;
using KubeSharp.Api.Errors;
using KubeSharp.Api.Model;
using KubeSharp.Api.Resources;
using KubeSharp.ApiServer.Registry;
using KubeSharp.ApiServer.Serialization;
using Microsoft.AspNetCore.Http;

namespace KubeSharp.ApiServer.Endpoints;

/// <summary>
/// Connects pods' streaming subresources (log, exec, attach, portforward) to the node agent that runs the pod.
/// </summary>
public interface IPodStreams
{
    Task ServeAsync(HttpContext http, string subresource, JsonObject pod, UserInfo user);
}

/// <summary>status, scale, binding, eviction, finalize and the pod streams.</summary>
public sealed class SubresourceHandlers(RegistryContext registry, IPatchApplier patches, Func<ResourceHandler> handler, IPodStreams streams, TimeProvider time)
{
    public async Task HandleAsync(HttpContext http, RequestInfo info, ResourceStore store, UserInfo user)
    {
        var def = store.Definition;
        var sub = info.Subresource!;
        if (info.Name is null || !def.HasSubresource(sub))
        {
            await Responses.WriteErrorAsync(http, new StatusError(404, "NotFound", "the server could not find the requested resource"));
            return;
        }
        var ct = http.RequestAborted;
        switch (sub, info.Verb)
        {
            case ("status", "get"):
                await handler().WriteOneAsync(http, def, await store.GetAsync(info.Namespace, info.Name, ct), 200);
                return;
            case ("status" or "finalize", "update"):
                await handler().UpdateAsync(http, info, store, user, sub);
                return;
            case ("status", "patch"):
                await handler().PatchAsync(http, info, store, user, sub);
                return;
            case ("scale", "get"):
                await Responses.WriteObjectAsync(http, 200, ScaleOf(def, await store.GetAsync(info.Namespace, info.Name, ct)));
                return;
            case ("scale", "update" or "patch"):
                await WriteScaleAsync(http, info, store, user);
                return;
            case ("binding", "create"):
                await BindAsync(http, info, store, user);
                return;
            case ("eviction", "create"):
                await EvictAsync(http, info, store, user);
                return;
            case ("log" or "exec" or "attach" or "portforward" or "proxy", _):
                var pod = await store.GetAsync(info.Namespace, info.Name, ct);
                await streams.ServeAsync(http, sub, pod, user);
                return;
            default:
                await Responses.WriteErrorAsync(http, StatusError.MethodNotAllowed($"the server does not allow this method on the requested resource"));
                return;
        }
    }

    // ---------------------------------------------------------------- scale

    static JsonObject ScaleOf(ResourceDefinition def, JsonObject obj)
    {
        var paths = def.Scale ?? new ScalePaths();
        var meta = JsonMeta.Meta(obj);
        var status = new JsonObject { ["replicas"] = ReadPath(obj, paths.StatusReplicasPath)?.DeepClone() ?? 0 };
        string? selector = paths.LabelSelectorPath is not null
            ? JsonMeta.Str(ReadPath(obj, paths.LabelSelectorPath))
            : SelectorString(obj["spec"]?["selector"]);
        if (!string.IsNullOrEmpty(selector)) status["selector"] = selector;
        return new JsonObject
        {
            ["kind"] = "Scale",
            ["apiVersion"] = "autoscaling/v1",
            ["metadata"] = new JsonObject
            {
                ["name"] = meta["name"]?.DeepClone(),
                ["namespace"] = meta["namespace"]?.DeepClone(),
                ["uid"] = meta["uid"]?.DeepClone(),
                ["resourceVersion"] = meta["resourceVersion"]?.DeepClone(),
                ["creationTimestamp"] = meta["creationTimestamp"]?.DeepClone(),
            },
            ["spec"] = new JsonObject { ["replicas"] = ReadPath(obj, paths.SpecReplicasPath)?.DeepClone() ?? 0 },
            ["status"] = status,
        };
    }

    /// <summary>The selector in its string form, as Scale.status.selector carries it.</summary>
    static string? SelectorString(JsonNode? selector)
    {
        if (selector is null) return null;
        if (selector is JsonValue) return JsonMeta.Str(selector);
        var model = KubeJson.Deserialize<LabelSelector>(selector);
        return model is null ? null : Api.Selectors.LabelSelector.FromModel(model).ToString();
    }

    async Task WriteScaleAsync(HttpContext http, RequestInfo info, ResourceStore store, UserInfo user)
    {
        var def = store.Definition;
        var p = QueryParams.Write(http.Request, user);
        var mediaType = BodyReader.MediaType(http.Request);
        var body = await BodyReader.ReadBytesAsync(http.Request, http.RequestAborted);
        long? expected = null;
        JsonObject? putScale = null;
        if (info.Verb == "update")
        {
            putScale = BodyReader.ParseJson(body) as JsonObject ?? throw StatusError.BadRequest("the body of the request must be a Scale object");
            expected = JsonMeta.ParseResourceVersion(JsonMeta.Str(putScale["metadata"]?["resourceVersion"]));
        }
        var paths = def.Scale ?? new ScalePaths();
        var result = await store.WriteAsync(info.Namespace, info.Name!, "scale", p, "Update", expected, current =>
        {
            var scale = putScale ?? patches.Apply(ScaleDefinition, mediaType == "application/strategic-merge-patch+json" ? "application/merge-patch+json" : mediaType, ScaleOf(def, current), body);
            var replicas = scale["spec"]?["replicas"];
            if (replicas is not JsonValue v || !v.TryGetValue<long>(out var n))
                throw StatusError.Invalid("autoscaling", "Scale", info.Name!, [Api.Validation.FieldError.Invalid("spec.replicas", replicas?.ToJsonString(), "must be an integer")]);
            if (n < 0)
                throw StatusError.Invalid("autoscaling", "Scale", info.Name!, [Api.Validation.FieldError.Invalid("spec.replicas", n, "must be greater than or equal to 0")]);
            WritePath(current, paths.SpecReplicasPath, JsonValue.Create(n));
            return current;
        }, http.RequestAborted);
        await Responses.WriteObjectAsync(http, 200, ScaleOf(def, result));
    }

    static readonly ResourceDefinition ScaleDefinition = new()
    {
        Group = "autoscaling", Version = "v1", Kind = "Scale", Plural = "scales", Singular = "scale", Namespaced = true,
    };

    static JsonNode? ReadPath(JsonObject obj, string path)
    {
        JsonNode? node = obj;
        foreach (var part in path.TrimStart('.').Split('.'))
        {
            node = (node as JsonObject)?[part];
            if (node is null) return null;
        }
        return node;
    }

    static void WritePath(JsonObject obj, string path, JsonNode value)
    {
        var parts = path.TrimStart('.').Split('.');
        var node = obj;
        foreach (var part in parts[..^1])
        {
            if (node[part] is not JsonObject next) { next = new JsonObject(); node[part] = next; }
            node = next;
        }
        node[parts[^1]] = value;
    }

    // ---------------------------------------------------------------- binding

    async Task BindAsync(HttpContext http, RequestInfo info, ResourceStore store, UserInfo user)
    {
        var body = await BodyReader.ReadBytesAsync(http.Request, http.RequestAborted);
        var binding = BodyReader.ParseJsonOrYaml(body) as JsonObject ?? throw StatusError.BadRequest("the body of the request must be a Binding");
        var node = PodBinding.TargetNode(binding, info.Name!);
        await PodBinding.BindAsync(store, info.Namespace, info.Name!, node, QueryParams.Write(http.Request, user) with { FieldManager = "kube-scheduler" }, time, http.RequestAborted);
        await Responses.WriteObjectAsync(http, 201, PodBinding.Success());
    }

    // ---------------------------------------------------------------- eviction

    async Task EvictAsync(HttpContext http, RequestInfo info, ResourceStore store, UserInfo user)
    {
        var body = await BodyReader.ReadBytesAsync(http.Request, http.RequestAborted);
        var eviction = body.Length == 0 ? new JsonObject() : BodyReader.ParseJsonOrYaml(body) as JsonObject ?? new JsonObject();
        var ct = http.RequestAborted;
        var pod = await store.GetAsync(info.Namespace, info.Name!, ct);
        var phase = JsonMeta.Str(pod["status"]?["phase"]);
        var labels = JsonMeta.Labels(pod) ?? new Dictionary<string, string>();
        if (JsonMeta.DeletionTimestamp(pod) is null && phase is not ("Succeeded" or "Failed" or "Pending"))
        {
            var pdbs = registry.StoreFor("policy", "v1", "poddisruptionbudgets");
            var list = await pdbs.ListAsync(info.Namespace, new ListParams(), ct);
            foreach (var pdb in list.Items)
            {
                var selector = KubeJson.Deserialize<LabelSelector>(pdb.Object["spec"]?["selector"]);
                if (selector is null || !Api.Selectors.LabelSelector.FromModel(selector).Matches(labels)) continue;
                // Check and decrement in one compare-and-swap write, so concurrent evictions (kubectl drain sends
                // them all at once) cannot all pass against the same budget.
                await pdbs.WriteAsync(info.Namespace, pdb.Name, "status", WriteParams.Default, "Update", null, o =>
                {
                    var status = o["status"] as JsonObject ?? new JsonObject();
                    o["status"] = status;
                    var allowed = status["disruptionsAllowed"]?.GetValue<int>() ?? 0;
                    if (allowed < 1)
                        throw new StatusError(429, "TooManyRequests", "Cannot evict pod as it would violate the pod's disruption budget.");
                    status["disruptionsAllowed"] = allowed - 1;
                    var disrupted = status["disruptedPods"] as JsonObject ?? new JsonObject();
                    status["disruptedPods"] = disrupted;
                    disrupted[info.Name!] = KubeJson.FormatTime(time.GetUtcNow());
                    return o;
                }, ct);
            }
        }
        var options = eviction["deleteOptions"] as JsonObject;
        await store.DeleteAsync(info.Namespace, info.Name!, new DeleteParams
        {
            GracePeriodSeconds = options?["gracePeriodSeconds"]?.GetValue<long>(),
            PreconditionUid = JsonMeta.Str(options?["preconditions"]?["uid"]),
        }, ct);
        await Responses.WriteObjectAsync(http, 201, new JsonObject { ["kind"] = "Status", ["apiVersion"] = "v1", ["metadata"] = new JsonObject(), ["status"] = "Success", ["code"] = 201 });
    }
}
