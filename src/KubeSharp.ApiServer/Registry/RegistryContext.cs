using System.Collections.Concurrent;
using KubeSharp.Api.Resources;
using KubeSharp.Storage;

namespace KubeSharp.ApiServer.Registry;

/// <summary>What every resource store shares: the key-value store, its cache, the clock, admission and field management.</summary>
public sealed class RegistryContext
{
    readonly ConcurrentDictionary<GroupVersionResource, ResourceStore> _stores = new();

    public required IStore Store { get; init; }
    public required Cacher Cacher { get; init; }
    public required TimeProvider Time { get; init; }
    public required ResourceRegistry Resources { get; init; }
    public required IFieldManager FieldManager { get; init; }
    public List<IAdmissionPlugin> Admission { get; } = [];

    /// <summary>The store of a served resource; null if it is not served.</summary>
    public ResourceStore? StoreFor(GroupVersionResource gvr)
    {
        var def = Resources.Find(gvr);
        if (def is null) return null;
        var store = _stores.GetOrAdd(gvr, _ => new ResourceStore(def, this));
        // A CRD that changed its definition gets a fresh store with the new strategy.
        if (!ReferenceEquals(store.Definition, def))
        {
            store = new ResourceStore(def, this);
            _stores[gvr] = store;
        }
        return store;
    }

    public ResourceStore StoreFor(string group, string version, string resource) =>
        StoreFor(new GroupVersionResource(group, version, resource)) ?? throw new InvalidOperationException($"{resource}.{group} is not served");

    public async ValueTask AdmitAsync(AdmissionRequest request, CancellationToken ct)
    {
        foreach (var plugin in Admission) await plugin.AdmitAsync(request, ct);
    }
}
