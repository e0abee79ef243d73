using System.Text.Json.Nodes;
using KubeSharp.Api.Schema;

namespace KubeSharp.ApiServer.Patch;

/// <summary>
/// The list half of strategic merge patch: merging by key or as a set, list directives, and upstream's
/// ordering rule (patch items in patch order, server-only items kept where they were relative to them).
/// </summary>
internal static class StrategicListMerge
{
    /// <summary>Merges <paramref name="patch"/> into <paramref name="original"/> (whose items it takes over) by the list's schema.</summary>
    public static JsonArray Merge(JsonArray original, JsonArray patch, SchemaNode? schema)
    {
        var meta = PatchMeta.Of(schema);
        var itemSchema = schema?.Items;
        if (!meta.Merge) return Replacement(patch, itemSchema);

        var originalItems = Detach(original);
        var kind = ElementKind(originalItems, patch);
        if (kind == Kind.Empty) return [];
        if (kind == Kind.List) throw new PatchException("lists of lists are not supported");

        if (kind == Kind.Primitive)
        {
            var all = originalItems.Concat(patch.Select(p => p?.DeepClone())).ToList();
            var unique = new List<JsonNode?>();
            foreach (var item in all)
                if (!unique.Any(u => JsonNode.DeepEquals(u, item))) unique.Add(item);
            return Order(unique, [.. patch], originalItems, mergeKey: null);
        }

        var mergeKey = meta.MergeKey ?? throw new PatchException($"cannot merge lists without merge key for {schema?.DefinitionName ?? "list"}");
        var (serverOrder, patchItems) = ApplySpecialElements(originalItems, patch, mergeKey);
        var merged = new List<JsonNode?>(serverOrder);
        foreach (var item in patchItems)
        {
            var patchItem = (JsonObject)item!;
            var key = KeyOf(patchItem, mergeKey);
            var index = merged.FindIndex(m => m is JsonObject o && o.TryGetPropertyValue(mergeKey, out var k) && JsonNode.DeepEquals(k, key));
            if (index >= 0) merged[index] = StrategicMergePatch.MergeMap((JsonObject)merged[index]!, patchItem, itemSchema);
            else merged.Add(StrategicMergePatch.Fresh(patchItem, itemSchema));
        }
        return Order(merged, patchItems, serverOrder, mergeKey);
    }

    /// <summary>A non-merging list: the patch's items, with directives and nulls inside them dropped.</summary>
    static JsonArray Replacement(JsonArray patch, SchemaNode? itemSchema)
    {
        var result = new JsonArray();
        foreach (var item in patch)
        {
            if (item is JsonObject o && o.ContainsKey(StrategicMergePatch.Directive) && o.Count == 1) continue;
            result.Add(item is JsonObject obj ? StrategicMergePatch.Fresh(obj, itemSchema) : item?.DeepClone());
        }
        return result;
    }

    /// <summary>Handles <c>{"$patch":"delete", key: …}</c> and <c>{"$patch":"replace"}</c>; returns the remaining original and patch items.</summary>
    static (List<JsonNode?> Original, List<JsonNode?> Patch) ApplySpecialElements(List<JsonNode?> original, JsonArray patch, string mergeKey)
    {
        var plain = new List<JsonNode?>();
        var replace = false;
        foreach (var item in patch)
        {
            if (item is not JsonObject o) throw new PatchException($"value for key {mergeKey} is not a map.");
            if (!o.TryGetPropertyValue(StrategicMergePatch.Directive, out var directive))
            {
                plain.Add(o);
                continue;
            }
            var name = directive is JsonValue v && v.TryGetValue<string>(out var s) ? s : directive?.ToJsonString();
            switch (name)
            {
                case "delete":
                    var key = KeyOf(o, mergeKey);
                    original = [.. original.Where(x => !(x is JsonObject xo && xo.TryGetPropertyValue(mergeKey, out var k) && JsonNode.DeepEquals(k, key)))];
                    break;
                case "replace":
                    replace = true;
                    break;
                case "merge":
                    throw new PatchException("merging lists cannot yet be specified in the patch");
                default:
                    throw new PatchException($"unknown patch type: {name} in map: {o.ToJsonString()}");
            }
        }
        if (replace) return ([.. plain.Select(p => (JsonNode?)StrategicMergePatch.Fresh((JsonObject)p!, null))], []);
        return (original, plain);
    }

    static JsonNode? KeyOf(JsonObject item, string mergeKey) =>
        item.TryGetPropertyValue(mergeKey, out var key)
            ? key
            : throw new PatchException($"map: {item.ToJsonString()} does not contain declared merge key: {mergeKey}");

    /// <summary>Puts merged items in order: those named by <paramref name="patchOrder"/> in that order, the rest as <paramref name="serverOrder"/> had them.</summary>
    public static JsonArray Normalize(JsonArray merged, JsonArray patchOrder, List<JsonNode?> serverOrder, string? mergeKey) =>
        Order(Detach(merged), [.. patchOrder], serverOrder, mergeKey);

    static JsonArray Order(List<JsonNode?> merged, List<JsonNode?> patchOrder, List<JsonNode?> serverOrder, string? mergeKey)
    {
        var inPatch = new List<JsonNode?>();
        var serverOnly = new List<JsonNode?>();
        foreach (var item in merged)
            (IndexOf(patchOrder, item, mergeKey) >= 0 ? inPatch : serverOnly).Add(item);

        var sortedPatch = SortBy(inPatch, patchOrder, mergeKey);
        var sortedServer = SortBy(serverOnly, serverOrder, mergeKey);

        // Interleave: a server-only item goes first only when the live list had it before the patch item.
        var result = new JsonArray();
        int i = 0, j = 0;
        while (i < sortedServer.Count || j < sortedPatch.Count)
        {
            bool takeServer;
            if (j >= sortedPatch.Count) takeServer = true;
            else if (i >= sortedServer.Count) takeServer = false;
            else
            {
                var li = IndexOf(serverOrder, sortedServer[i], mergeKey);
                var ri = IndexOf(serverOrder, sortedPatch[j], mergeKey);
                takeServer = li >= 0 && ri >= 0 && li < ri;
            }
            result.Add(takeServer ? sortedServer[i++] : sortedPatch[j++]);
        }
        return result;
    }

    static List<JsonNode?> SortBy(List<JsonNode?> items, List<JsonNode?> order, string? mergeKey) =>
        [.. items.Select((item, position) => (item, position, rank: IndexOf(order, item, mergeKey)))
            .OrderBy(x => x.rank < 0 ? int.MaxValue : x.rank).ThenBy(x => x.position).Select(x => x.item)];

    static int IndexOf(List<JsonNode?> list, JsonNode? item, string? mergeKey)
    {
        var wanted = Identity(item, mergeKey);
        for (var i = 0; i < list.Count; i++)
            if (JsonNode.DeepEquals(Identity(list[i], mergeKey), wanted)) return i;
        return -1;
    }

    static JsonNode? Identity(JsonNode? item, string? mergeKey) =>
        mergeKey is null ? item : item is JsonObject o && o.TryGetPropertyValue(mergeKey, out var k) ? k : null;

    /// <summary>
    /// Upstream rejects a patch whose list items are not in the relative order its <c>$setElementOrder</c> gives.
    /// </summary>
    public static void ValidateOrder(JsonArray? patch, JsonArray order, string? mergeKey)
    {
        if (patch is null || patch.Count == 0 || order.Count == 0) return;
        var items = patch.Where(p => !(p is JsonObject o && o.ContainsKey(StrategicMergePatch.Directive))).ToList();
        int pi = 0, oi = 0;
        while (pi < items.Count && oi < order.Count)
        {
            if (JsonNode.DeepEquals(Identity(items[pi], mergeKey), Identity(order[oi], mergeKey))) pi++;
            oi++;
        }
        if (pi < items.Count)
            throw new PatchException($"The order in patch list:\n{patch.ToJsonString()}\n doesn't match $setElementOrder list:\n{order.ToJsonString()}\n");
    }

    static List<JsonNode?> Detach(JsonArray array)
    {
        var items = array.ToList();
        array.Clear();
        return items;
    }

    enum Kind { Empty, Primitive, Map, List }

    static Kind ElementKind(List<JsonNode?> original, JsonArray patch)
    {
        foreach (var item in original.Concat(patch))
        {
            switch (item)
            {
                case JsonArray: return Kind.List;
                case JsonObject: return Kind.Map;
                case not null: return Kind.Primitive;
            }
        }
        return original.Count + patch.Count == 0 ? Kind.Empty : Kind.Primitive;
    }
}
