using System.Text.Json.Nodes;
using KubeSharp.Api.Schema;

namespace KubeSharp.ApiServer.Patch;

internal enum ListKind { Atomic, Set, Map }

/// <summary>
/// How server-side apply sees a schema node: granular or atomic maps, atomic/set/map lists and the identity
/// of list items. Lists without a listType that strategic merge keys by a merge key count as map-lists and
/// merging primitive lists as sets; anything without a schema is a granular map or an atomic list.
/// </summary>
internal static class StructuralSchema
{
    public static SchemaNode? Member(SchemaNode? node, string name) => PatchMeta.Member(node, name);

    public static bool IsAtomicMap(SchemaNode? node) => node?.MapType == "atomic";

    public static (ListKind Kind, IReadOnlyList<string> Keys) ListOf(SchemaNode? node)
    {
        if (node is null) return (ListKind.Atomic, []);
        switch (node.ListType)
        {
            case "atomic": return (ListKind.Atomic, []);
            case "set": return (ListKind.Set, []);
            case "map":
                var keys = node.ListMapKeys is { Count: > 0 } k ? k : node.PatchMergeKey is { } mk ? [mk] : null;
                return keys is null ? (ListKind.Atomic, []) : (ListKind.Map, keys);
        }
        if (node.PatchMergeKey is { } mergeKey) return (ListKind.Map, [mergeKey]);
        if (PatchMeta.Of(node).Merge && node.Items?.Type is not ("object" or "array")) return (ListKind.Set, []);
        return (ListKind.Atomic, []);
    }

    /// <summary>The path element naming an item of a set- or map-list.</summary>
    public static PathElement ItemElement(ListKind kind, IReadOnlyList<string> keys, JsonNode? item, int index)
    {
        if (kind == ListKind.Set) return PathElement.Value(item);
        if (item is not JsonObject obj) return PathElement.Index(index);
        var key = new JsonObject();
        foreach (var name in keys)
            if (obj.TryGetPropertyValue(name, out var value) && value is not null) key[name] = value.DeepClone();
        return key.Count == 0 ? PathElement.Index(index) : PathElement.Key(key);
    }

    /// <summary>Items of a granular list with their path elements, in list order.</summary>
    public static List<(PathElement Element, JsonNode? Item)> Items(ListKind kind, IReadOnlyList<string> keys, JsonArray list)
    {
        var result = new List<(PathElement, JsonNode?)>(list.Count);
        for (var i = 0; i < list.Count; i++) result.Add((ItemElement(kind, keys, list[i], i), list[i]));
        return result;
    }
}
