using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json.Nodes;
using KubeSharp.Api.Errors;
using KubeSharp.Api.Resources;
using KubeSharp.Client;

namespace KubeSharp.ApiServer.Registry;

/// <summary>
/// The API as co-located components see it, served straight from the registry without HTTP — the same
/// semantics (strategies, admission, validation, watch) as a request over HTTPS.
/// </summary>
public sealed class LoopbackClient(RegistryContext registry) : IApiClient
{
    /// <summary>Set by the server wiring: applies JSON, merge and strategic merge patches.</summary>
    public Func<ResourceDefinition, string, JsonObject, byte[], JsonObject>? Patcher { get; set; }

    ResourceStore Store(GroupVersionResource gvr) =>
        registry.StoreFor(gvr) ?? throw new StatusError(404, "NotFound", $"the server could not find the requested resource ({gvr})");

    static WriteParams Params(WriteOptions? o) => new()
    {
        DryRun = o?.DryRun ?? false,
        FieldManager = o?.FieldManager,
        FieldValidation = o?.FieldValidation ?? "Ignore",
        Force = o?.Force ?? false,
    };

    public Task<JsonObject> GetAsync(GroupVersionResource gvr, string? ns, string name, string? subresource = null, CancellationToken ct = default) =>
        Store(gvr).GetAsync(ns, name, ct);

    public async Task<ObjectList> ListAsync(GroupVersionResource gvr, string? ns, ListOptions? options = null, CancellationToken ct = default)
    {
        var o = options ?? new ListOptions();
        var result = await Store(gvr).ListAsync(ns, ToParams(o), ct);
        return new ObjectList(result.Items.Select(i => i.ParseCopy()).ToList(),
            result.Revision.ToString(System.Globalization.CultureInfo.InvariantCulture), result.Continue, result.RemainingItemCount);
    }

    static ListParams ToParams(ListOptions o) => new()
    {
        LabelSelector = o.LabelSelector,
        FieldSelector = o.FieldSelector,
        ResourceVersion = o.ResourceVersion,
        ResourceVersionMatch = o.ResourceVersionMatch,
        Limit = o.Limit,
        Continue = o.Continue,
    };

    public async IAsyncEnumerable<WatchEvent> WatchAsync(GroupVersionResource gvr, string? ns, ListOptions options, [EnumeratorCancellation] CancellationToken ct = default)
    {
        var store = Store(gvr);
        WatchCache.Subscriber sub;
        try
        {
            sub = await store.WatchAsync(ns, ToParams(options), options.SendInitialEvents, ct);
        }
        catch (StatusError e) when (e.Code == 410)
        {
            sub = null!;
        }
        if (sub is null)
        {
            yield return new WatchEvent("ERROR", StatusError.Gone("too old resource version").ToStatus());
            yield break;
        }
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        if (options.TimeoutSeconds is { } t) timeout.CancelAfter(TimeSpan.FromSeconds(t));
        try
        {
            foreach (var ev in sub.DrainInitial()) yield return new WatchEvent(ev.Type, ev.Object.ParseCopy());
            while (true)
            {
                bool more;
                try { more = await sub.Reader.WaitToReadAsync(timeout.Token); }
                catch (OperationCanceledException) { yield break; }
                if (!more) yield break;
                while (sub.Reader.TryRead(out var ev)) yield return new WatchEvent(ev.Type, ev.Object.ParseCopy());
            }
        }
        finally
        {
            store.Unsubscribe(sub);
        }
    }

    public Task<JsonObject> CreateAsync(GroupVersionResource gvr, string? ns, JsonObject obj, string? subresource = null, WriteOptions? options = null, CancellationToken ct = default)
    {
        if (subresource == "binding" && gvr.Group.Length == 0 && gvr.Resource == "pods") return BindAsync(ns, obj, options, ct);
        if (subresource is not null) throw StatusError.MethodNotAllowed($"create of {subresource} is served over HTTP only");
        return Store(gvr).CreateAsync(ns, (JsonObject)obj.DeepClone(), Params(options), ct);
    }

    async Task<JsonObject> BindAsync(string? ns, JsonObject binding, WriteOptions? options, CancellationToken ct)
    {
        var name = JsonMeta.Name(binding) ?? throw StatusError.BadRequest("metadata.name is required");
        var node = PodBinding.TargetNode(binding, name);
        var p = Params(options);
        await PodBinding.BindAsync(Store(new GroupVersionResource("", "v1", "pods")), ns, name, node, p with { FieldManager = p.FieldManager ?? "kube-scheduler" }, registry.Time, ct);
        return PodBinding.Success();
    }

    public Task<JsonObject> UpdateAsync(GroupVersionResource gvr, string? ns, JsonObject obj, string? subresource = null, WriteOptions? options = null, CancellationToken ct = default)
    {
        var name = JsonMeta.Name(obj) ?? throw StatusError.BadRequest("metadata.name is required");
        return Store(gvr).UpdateAsync(ns, name, (JsonObject)obj.DeepClone(), subresource, Params(options), ct);
    }

    public Task<JsonObject> PatchAsync(GroupVersionResource gvr, string? ns, string name, PatchType type, string patch, string? subresource = null, WriteOptions? options = null, CancellationToken ct = default)
    {
        var store = Store(gvr);
        var p = Params(options);
        if (type == PatchType.Apply)
        {
            var applied = Serialization.BodyReader.ParseJsonOrYaml(Encoding.UTF8.GetBytes(patch)) as JsonObject ?? throw StatusError.BadRequest("apply patch must be an object");
            return store.ApplyAsync(ns, name, applied, subresource, p with { FieldManager = p.FieldManager ?? "kubesharp" }, ct);
        }
        var media = type switch
        {
            PatchType.Json => "application/json-patch+json",
            PatchType.Merge => "application/merge-patch+json",
            _ => "application/strategic-merge-patch+json",
        };
        var body = Encoding.UTF8.GetBytes(patch);
        var apply = Patcher ?? throw new InvalidOperationException("no patcher configured");
        return store.WriteAsync(ns, name, subresource, p, "Update", null, current => apply(store.Definition, media, current, body), ct);
    }

    public async Task<JsonObject> DeleteAsync(GroupVersionResource gvr, string? ns, string name, DeleteOptions? options = null, CancellationToken ct = default)
    {
        var (obj, _) = await Store(gvr).DeleteAsync(ns, name, new DeleteParams
        {
            GracePeriodSeconds = options?.GracePeriodSeconds,
            PropagationPolicy = options?.PropagationPolicy,
            PreconditionUid = options?.PreconditionUid,
            PreconditionResourceVersion = options?.PreconditionResourceVersion,
            DryRun = options?.DryRun ?? false,
        }, ct);
        return obj;
    }
}
