using System.Collections.Immutable;

namespace KubeSharp.Api.Resources;

/// <summary>
/// The set of served resources. Built-in ones are registered at start; CustomResourceDefinitions add
/// and remove theirs at run time, so readers always see an immutable snapshot.
/// </summary>
public sealed class ResourceRegistry
{
    ImmutableDictionary<GroupVersionResource, ResourceDefinition> _byGvr = ImmutableDictionary<GroupVersionResource, ResourceDefinition>.Empty;
    ImmutableDictionary<GroupVersionKind, ResourceDefinition> _byGvk = ImmutableDictionary<GroupVersionKind, ResourceDefinition>.Empty;
    readonly Lock _gate = new();

    /// <summary>Raised after the set changes, so discovery and OpenAPI caches can be rebuilt.</summary>
    public event Action? Changed;

    public IReadOnlyCollection<ResourceDefinition> All => _byGvr.Values.ToArray();

    public void Register(ResourceDefinition def)
    {
        lock (_gate)
        {
            _byGvr = _byGvr.SetItem(def.Gvr, def);
            _byGvk = _byGvk.SetItem(def.Gvk, def);
        }
        Changed?.Invoke();
    }

    public void Unregister(GroupVersionResource gvr)
    {
        lock (_gate)
        {
            if (!_byGvr.TryGetValue(gvr, out var def)) return;
            _byGvr = _byGvr.Remove(gvr);
            _byGvk = _byGvk.Remove(def.Gvk);
        }
        Changed?.Invoke();
    }

    public ResourceDefinition? Find(GroupVersionResource gvr) => _byGvr.GetValueOrDefault(gvr);

    public ResourceDefinition? Find(GroupVersionKind gvk) => _byGvk.GetValueOrDefault(gvk);

    public ResourceDefinition? FindByKind(string group, string kind) =>
        _byGvk.Values.FirstOrDefault(d => d.Group == group && d.Kind == kind);

    public ResourceDefinition? FindByResource(string group, string resource) =>
        _byGvr.Values.FirstOrDefault(d => d.Group == group && d.Plural == resource);
}
