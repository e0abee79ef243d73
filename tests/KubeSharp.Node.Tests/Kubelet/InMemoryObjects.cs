using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using KubeSharp.Api.Errors;
using KubeSharp.Api.Resources;
using KubeSharp.Client;

namespace KubeSharp.Node.Tests.Kubelet;

/// <summary>
/// Just enough of an API server for the node agent's readers and the mirror pod sync: get, list (with the
/// <c>spec.nodeName=</c> field selector), create (uid assigned, 409 on a taken name), delete (uid precondition, and the
/// API server's graceful deletion of bound pods marked by a deletionTimestamp unless the grace period is 0).
/// </summary>
internal sealed class InMemoryObjects : IApiClient
{
    readonly Dictionary<(string Resource, string Ns, string Name), JsonObject> _objects = [];
    readonly Lock _lock = new();

    public List<string> Calls { get; } = [];

    public void Put(string resource, JsonObject obj)
    {
        lock (_lock)
        {
            var meta = (JsonObject)obj["metadata"]!;
            meta["uid"] ??= Guid.NewGuid().ToString();
            _objects[(resource, (string?)meta["namespace"] ?? "", (string)meta["name"]!)] = obj;
        }
    }

    public JsonObject? Find(string resource, string ns, string name)
    {
        lock (_lock) return _objects.GetValueOrDefault((resource, ns, name))?.DeepClone().AsObject();
    }

    public IReadOnlyList<JsonObject> All(string resource)
    {
        lock (_lock) return _objects.Where(o => o.Key.Resource == resource).Select(o => o.Value.DeepClone().AsObject()).ToList();
    }

    public Task<JsonObject> GetAsync(GroupVersionResource gvr, string? ns, string name, string? subresource = null, CancellationToken ct = default)
    {
        lock (_lock)
        {
            Calls.Add($"get {gvr.Resource} {ns}/{name}");
            return _objects.TryGetValue((gvr.Resource, ns ?? "", name), out var o)
                ? Task.FromResult(o.DeepClone().AsObject())
                : throw StatusError.NotFound(gvr.Resource, name);
        }
    }

    public Task<ObjectList> ListAsync(GroupVersionResource gvr, string? ns, ListOptions? options = null, CancellationToken ct = default)
    {
        lock (_lock)
        {
            var node = options?.FieldSelector is { } selector && selector.StartsWith("spec.nodeName=", StringComparison.Ordinal)
                ? selector["spec.nodeName=".Length..]
                : null;
            var items = _objects.Where(o => o.Key.Resource == gvr.Resource && (ns is null || o.Key.Ns == ns))
                .Select(o => o.Value)
                .Where(o => node is null || (string?)o["spec"]?["nodeName"] == node)
                .Select(o => o.DeepClone().AsObject())
                .ToList();
            return Task.FromResult(new ObjectList(items, "1", null));
        }
    }

    public async IAsyncEnumerable<WatchEvent> WatchAsync(GroupVersionResource gvr, string? ns, ListOptions options, [EnumeratorCancellation] CancellationToken ct = default)
    {
        await Task.CompletedTask;
        yield break;
    }

    public Task<JsonObject> CreateAsync(GroupVersionResource gvr, string? ns, JsonObject obj, string? subresource = null, WriteOptions? options = null, CancellationToken ct = default)
    {
        lock (_lock)
        {
            var copy = obj.DeepClone().AsObject();
            var meta = (JsonObject)copy["metadata"]!;
            var name = (string)meta["name"]!;
            Calls.Add($"create {gvr.Resource} {ns}/{name}");
            if (_objects.ContainsKey((gvr.Resource, ns ?? "", name))) throw StatusError.AlreadyExists(gvr.Resource, name);
            meta["uid"] = Guid.NewGuid().ToString();
            meta["namespace"] = ns;
            _objects[(gvr.Resource, ns ?? "", name)] = copy;
            return Task.FromResult(copy.DeepClone().AsObject());
        }
    }

    public Task<JsonObject> UpdateAsync(GroupVersionResource gvr, string? ns, JsonObject obj, string? subresource = null, WriteOptions? options = null, CancellationToken ct = default) =>
        throw new NotSupportedException();

    public Task<JsonObject> PatchAsync(GroupVersionResource gvr, string? ns, string name, PatchType type, string patch, string? subresource = null, WriteOptions? options = null, CancellationToken ct = default) =>
        throw new NotSupportedException();

    public Task<JsonObject> DeleteAsync(GroupVersionResource gvr, string? ns, string name, DeleteOptions? options = null, CancellationToken ct = default)
    {
        lock (_lock)
        {
            Calls.Add($"delete {gvr.Resource} {ns}/{name} grace={options?.GracePeriodSeconds}");
            var key = (gvr.Resource, ns ?? "", name);
            if (!_objects.TryGetValue(key, out var o)) throw StatusError.NotFound(gvr.Resource, name);
            if (options?.PreconditionUid is { } uid && (string?)o["metadata"]?["uid"] != uid)
                throw StatusError.Conflict(gvr.Resource, name, "uid precondition failed");
            if (gvr.Resource == "pods" && o["spec"]?["nodeName"] is not null && options?.GracePeriodSeconds != 0)
            {
                o["metadata"]!["deletionTimestamp"] = "2030-01-01T00:00:00Z";
                return Task.FromResult(o.DeepClone().AsObject());
            }
            _objects.Remove(key);
            return Task.FromResult(o.DeepClone().AsObject());
        }
    }
}
