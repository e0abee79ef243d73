using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using KubeSharp.Api.Errors;
using KubeSharp.Api.Model;
using KubeSharp.Api.Resources;

namespace KubeSharp.Client.Typed;

public sealed record ResourceList<T>(IReadOnlyList<T> Items, string ResourceVersion, string? Continue) where T : KubernetesObject;

public sealed record TypedWatchEvent<T>(string Type, T? Object, JsonObject Raw) where T : KubernetesObject;

/// <summary>
/// Typed calls for one resource: converts between <typeparamref name="T"/> and JSON with <see cref="KubeJson"/>
/// and delegates to the untyped <see cref="IApiClient"/>.
/// </summary>
public sealed class ResourceClient<T>(IApiClient api, GroupVersionResource gvr) where T : KubernetesObject
{
    static readonly KindAttribute? Kind = typeof(T).GetCustomAttribute<KindAttribute>();

    public GroupVersionResource Resource => gvr;

    public async Task<T> GetAsync(string? ns, string name, CancellationToken ct = default) =>
        From(await api.GetAsync(gvr, ns, name, null, ct));

    /// <summary>The object, or null when the server answers NotFound.</summary>
    public async Task<T?> TryGetAsync(string? ns, string name, CancellationToken ct = default)
    {
        try { return await GetAsync(ns, name, ct); }
        catch (StatusError e) when (e.Code == 404) { return null; }
    }

    public async Task<ResourceList<T>> ListAsync(string? ns, ListOptions? options = null, CancellationToken ct = default)
    {
        var list = await api.ListAsync(gvr, ns, options, ct);
        return new ResourceList<T>(list.Items.Select(From).ToList(), list.ResourceVersion, list.Continue);
    }

    public async IAsyncEnumerable<TypedWatchEvent<T>> WatchAsync(string? ns, ListOptions options, [EnumeratorCancellation] CancellationToken ct = default)
    {
        await foreach (var ev in api.WatchAsync(gvr, ns, options, ct))
            yield return new TypedWatchEvent<T>(ev.Type, ev.Type is "ERROR" ? null : From(ev.Object), ev.Object);
    }

    public async Task<T> CreateAsync(T obj, WriteOptions? options = null, CancellationToken ct = default) =>
        From(await api.CreateAsync(gvr, obj.Metadata.Namespace, ToJson(obj), null, options, ct));

    public async Task<T> UpdateAsync(T obj, WriteOptions? options = null, CancellationToken ct = default) =>
        From(await api.UpdateAsync(gvr, obj.Metadata.Namespace, ToJson(obj), null, options, ct));

    public async Task<T> UpdateStatusAsync(T obj, WriteOptions? options = null, CancellationToken ct = default) =>
        From(await api.UpdateAsync(gvr, obj.Metadata.Namespace, ToJson(obj), "status", options, ct));

    public async Task<T> PatchAsync(string? ns, string name, PatchType type, string patch, string? subresource = null, WriteOptions? options = null, CancellationToken ct = default) =>
        From(await api.PatchAsync(gvr, ns, name, type, patch, subresource, options, ct));

    /// <summary>Server-side apply of <paramref name="obj"/> as <paramref name="fieldManager"/>.</summary>
    public async Task<T> ApplyAsync(T obj, string fieldManager, bool force = false, string? subresource = null, CancellationToken ct = default)
    {
        var name = obj.Metadata.Name ?? throw new ArgumentException("metadata.name is required for apply", nameof(obj));
        var options = new WriteOptions { FieldManager = fieldManager, Force = force };
        return From(await api.PatchAsync(gvr, obj.Metadata.Namespace, name, PatchType.Apply, ToJson(obj).ToJsonString(), subresource, options, ct));
    }

    /// <summary>The raw answer: the object while it is being finalized, otherwise a Status.</summary>
    public Task<JsonObject> DeleteAsync(string? ns, string name, DeleteOptions? options = null, CancellationToken ct = default) =>
        api.DeleteAsync(gvr, ns, name, options, ct);

    public static T From(JsonObject obj) =>
        KubeJson.Deserialize<T>(obj) ?? throw new InvalidDataException($"cannot read {typeof(T).Name} from JSON");

    /// <summary>Serialises <paramref name="obj"/>, filling apiVersion and kind from its [Kind] when unset.</summary>
    public static JsonObject ToJson(T obj)
    {
        var json = KubeJson.ToObject(obj);
        if (Kind is not null)
        {
            if (json["apiVersion"] is null) json["apiVersion"] = Kind.Group.Length == 0 ? Kind.Version : $"{Kind.Group}/{Kind.Version}";
            if (json["kind"] is null) json["kind"] = Kind.Kind;
        }
        return json;
    }
}
