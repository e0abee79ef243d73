using System.Text.Json.Nodes;
using KubeSharp.Api.Resources;
using KubeSharp.Api.Selectors;

namespace KubeSharp.Client.Cache;

/// <summary>
/// Read-only view of an informer's cache. The objects returned are the cached instances and shared with
/// every other reader: treat them as immutable and <c>DeepClone()</c> before changing anything.
/// </summary>
public sealed class Lister(IndexedStore store)
{
    public JsonObject? Get(string? ns, string name) => store.Get(new NamespacedName(ns ?? "", name));

    public JsonObject? Get(NamespacedName key) => store.Get(key);

    /// <summary>Objects in <paramref name="ns"/> (all namespaces when null) matching <paramref name="selector"/> (all when null).</summary>
    public IReadOnlyList<JsonObject> List(string? ns = null, LabelSelector? selector = null)
    {
        var candidates = ns is null ? store.List() : store.ByIndex(IndexedStore.NamespaceIndex, ns);
        if (selector is null || selector.IsEmpty) return candidates;
        return [.. candidates.Where(o => selector.Matches(JsonMeta.Labels(o)))];
    }

    public IReadOnlyList<JsonObject> ByIndex(string indexName, string value) => store.ByIndex(indexName, value);
}
