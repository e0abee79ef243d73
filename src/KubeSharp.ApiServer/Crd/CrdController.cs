using System.Text.Json.Nodes;
using KubeSharp.Api.Errors;
using KubeSharp.Api.Model;
using KubeSharp.Api.Resources;
using KubeSharp.Api.Validation;
using KubeSharp.ApiServer.Registry;
using KubeSharp.Client;
using Microsoft.Extensions.Logging;

namespace KubeSharp.ApiServer.Crd;

/// <summary>
/// Serves the resources CustomResourceDefinitions declare: registers them when a CRD appears (and marks
/// it Established), re-registers on change, and on deletion removes every custom object, then the
/// CRD's cleanup finalizer, as upstream's apiextensions controllers do.
/// </summary>
public sealed class CrdController(RegistryContext registry, IApiClient client, ICrdSchemas schemas, ILogger log, TimeProvider time)
{
    public const string CleanupFinalizer = "customresourcecleanup.apiextensions.k8s.io";
    static readonly GroupVersionResource Crds = new("apiextensions.k8s.io", "v1", "customresourcedefinitions");

    readonly Dictionary<string, List<GroupVersionResource>> _served = new(StringComparer.Ordinal);

    /// <summary>Registers every existing CRD before the server reports ready, then follows changes.</summary>
    public async Task StartAsync(CancellationToken ct)
    {
        var list = await client.ListAsync(Crds, null, null, ct);
        foreach (var crd in list.Items) await ReconcileAsync(crd, ct);
        _ = Task.Run(() => WatchLoopAsync(list.ResourceVersion, ct), ct);
    }

    async Task WatchLoopAsync(string resourceVersion, CancellationToken ct)
    {
        var rv = resourceVersion;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await foreach (var ev in client.WatchAsync(Crds, null, new ListOptions { ResourceVersion = rv }, ct))
                {
                    if (ev.Type == "ERROR") { rv = (await client.ListAsync(Crds, null, null, ct)).ResourceVersion; break; }
                    rv = JsonMeta.ResourceVersion(ev.Object) ?? rv;
                    if (ev.Type == "DELETED") Unserve(JsonMeta.Name(ev.Object) ?? "");
                    else await ReconcileAsync(ev.Object, ct);
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested) { return; }
            catch (Exception e)
            {
                log.LogWarning(e, "CRD watch failed; retrying");
                await Task.Delay(500, ct).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    async Task ReconcileAsync(JsonObject crd, CancellationToken ct)
    {
        var name = JsonMeta.Name(crd) ?? "";
        try
        {
            if (JsonMeta.DeletionTimestamp(crd) is not null)
            {
                await CleanUpAsync(crd, ct);
                return;
            }
            if (!JsonMeta.Finalizers(crd).Contains(CleanupFinalizer))
            {
                await client.PatchAsync(Crds, null, name, PatchType.Json,
                    crd["metadata"]?["finalizers"] is JsonArray
                        ? $$"""[{"op":"add","path":"/metadata/finalizers/-","value":"{{CleanupFinalizer}}"}]"""
                        : $$"""[{"op":"add","path":"/metadata/finalizers","value":["{{CleanupFinalizer}}"]}]""",
                    ct: ct);
                return; // the update comes back through the watch
            }
            Serve(crd);
            await MarkEstablishedAsync(crd, ct);
        }
        catch (StatusError e) when (e.Code is 404 or 409)
        {
            // Gone or changed meanwhile: the watch delivers the newer state.
        }
    }

    void Serve(JsonObject crd)
    {
        var name = JsonMeta.Name(crd) ?? "";
        var spec = crd["spec"] as JsonObject ?? new JsonObject();
        var group = JsonMeta.Str(spec["group"]) ?? "";
        var names = spec["names"] as JsonObject ?? new JsonObject();
        var plural = JsonMeta.Str(names["plural"]) ?? "";
        var kind = JsonMeta.Str(names["kind"]) ?? "";
        var namespaced = JsonMeta.Str(spec["scope"]) != "Cluster";
        var served = new List<GroupVersionResource>();
        foreach (var version in (spec["versions"] as JsonArray ?? []).OfType<JsonObject>())
        {
            if (version["served"]?.GetValue<bool>() == false) continue;
            var v = JsonMeta.Str(version["name"]) ?? "";
            var subresources = new List<string>();
            var hasStatus = version["subresources"]?["status"] is JsonObject;
            if (hasStatus) subresources.Add("status");
            ScalePaths? scale = null;
            if (version["subresources"]?["scale"] is JsonObject s)
            {
                subresources.Add("scale");
                scale = new ScalePaths(JsonMeta.Str(s["specReplicasPath"]) ?? ".spec.replicas", JsonMeta.Str(s["statusReplicasPath"]) ?? ".status.replicas", JsonMeta.Str(s["labelSelectorPath"]));
            }
            var schema = version["schema"]?["openAPIV3Schema"] as JsonObject;
            var gvk = new GroupVersionKind(group, v, kind);
            var def = new ResourceDefinition
            {
                Group = group,
                Version = v,
                Kind = kind,
                Plural = plural,
                Singular = JsonMeta.Str(names["singular"]) ?? kind.ToLowerInvariant(),
                Namespaced = namespaced,
                ShortNames = Strings(names["shortNames"]),
                Categories = Strings(names["categories"]),
                Subresources = subresources,
                Scale = scale,
                IsCustom = true,
                Strategy = new CustomResourceStrategy(hasStatus, obj => schemas.Validate(gvk, obj)),
            };
            var existing = registry.Resources.Find(def.Gvr);
            if (existing is null || !SameServing(existing, def)) registry.Resources.Register(def);
            schemas.Register(gvk, schema, version["additionalPrinterColumns"] as JsonArray);
            served.Add(def.Gvr);
        }
        if (_served.TryGetValue(name, out var before))
            foreach (var gone in before.Except(served)) registry.Resources.Unregister(gone);
        _served[name] = served;
    }

    static bool SameServing(ResourceDefinition a, ResourceDefinition b) =>
        a.Kind == b.Kind && a.Namespaced == b.Namespaced && a.Singular == b.Singular && a.ShortNames.SequenceEqual(b.ShortNames)
        && a.Categories.SequenceEqual(b.Categories) && a.Subresources.SequenceEqual(b.Subresources) && a.Scale == b.Scale && a.IsCustom;

    void Unserve(string crdName)
    {
        if (!_served.Remove(crdName, out var gvrs)) return;
        foreach (var gvr in gvrs) registry.Resources.Unregister(gvr);
    }

    async Task MarkEstablishedAsync(JsonObject crd, CancellationToken ct)
    {
        var conditions = crd["status"]?["conditions"] as JsonArray;
        bool IsTrue(string type) => conditions?.OfType<JsonObject>().Any(c => JsonMeta.Str(c["type"]) == type && JsonMeta.Str(c["status"]) == "True") == true;
        if (IsTrue("Established") && IsTrue("NamesAccepted")) return;
        var now = KubeJson.FormatTime(time.GetUtcNow());
        var spec = crd["spec"] as JsonObject ?? new JsonObject();
        var status = new JsonObject
        {
            ["conditions"] = new JsonArray(
                new JsonObject { ["type"] = "NamesAccepted", ["status"] = "True", ["lastTransitionTime"] = now, ["reason"] = "NoConflicts", ["message"] = "no conflicts found" },
                new JsonObject { ["type"] = "Established", ["status"] = "True", ["lastTransitionTime"] = now, ["reason"] = "InitialNamesAccepted", ["message"] = "the initial names have been accepted" }),
            ["acceptedNames"] = spec["names"]?.DeepClone(),
            ["storedVersions"] = new JsonArray((spec["versions"] as JsonArray ?? []).OfType<JsonObject>()
                .Where(v => v["storage"]?.GetValue<bool>() == true).Select(v => (JsonNode)JsonValue.Create(JsonMeta.Str(v["name"]))!).ToArray()),
        };
        var updated = (JsonObject)crd.DeepClone();
        updated["status"] = status;
        await client.UpdateAsync(Crds, null, updated, "status", new WriteOptions { FieldManager = "kube-apiserver" }, ct);
    }

    async Task CleanUpAsync(JsonObject crd, CancellationToken ct)
    {
        var name = JsonMeta.Name(crd) ?? "";
        if (!JsonMeta.Finalizers(crd).Contains(CleanupFinalizer)) return;
        var spec = crd["spec"] as JsonObject ?? new JsonObject();
        var group = JsonMeta.Str(spec["group"]) ?? "";
        var plural = JsonMeta.Str(spec["names"]?["plural"]) ?? "";
        var store = (spec["versions"] as JsonArray ?? []).OfType<JsonObject>()
            .Select(v => registry.StoreFor(new GroupVersionResource(group, JsonMeta.Str(v["name"]) ?? "", plural)))
            .FirstOrDefault(s => s is not null);
        if (store is not null)
        {
            var objects = await store.ListAsync(null, new ListParams(), ct);
            foreach (var o in objects.Items)
            {
                try { await store.DeleteAsync(o.Namespace.Length == 0 ? null : o.Namespace, o.Name, new DeleteParams { PropagationPolicy = "Background" }, ct); }
                catch (StatusError e) when (e.Code == 404) { }
            }
        }
        Unserve(name);
        var finalizers = JsonMeta.Finalizers(crd).Where(f => f != CleanupFinalizer).ToList();
        var updated = (JsonObject)crd.DeepClone();
        JsonMeta.SetFinalizers(updated, finalizers);
        await client.UpdateAsync(Crds, null, updated, null, new WriteOptions { FieldManager = "kube-apiserver" }, ct);
    }

    static IReadOnlyList<string> Strings(JsonNode? node) =>
        node is JsonArray a ? a.Select(x => JsonMeta.Str(x) ?? "").Where(x => x.Length > 0).ToList() : [];
}

/// <summary>Schemas of custom resources: registered from CRDs, used for validation, pruning, OpenAPI and tables.</summary>
public interface ICrdSchemas
{
    void Register(GroupVersionKind gvk, JsonObject? openApiV3Schema, JsonArray? printerColumns);
    IReadOnlyList<FieldError> Validate(GroupVersionKind gvk, JsonObject obj);
}
