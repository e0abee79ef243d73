using System.Text.Json.Nodes;
using KubeSharp.Api.Schema;

namespace KubeSharp.ApiServer.Patch;

/// <summary>
/// Strategic merge patch (<c>application/strategic-merge-patch+json</c>) as upstream's API server applies it:
/// lists whose schema says "merge" merge by their merge key (or as sets of primitives), other lists replace,
/// null deletes, and the directives <c>$patch</c>, <c>$retainKeys</c>, <c>$setElementOrder/…</c> and
/// <c>$deleteFromPrimitiveList/…</c> are honoured and never reach the result. Without a schema it is a
/// JSON merge patch. Neither input is changed.
/// </summary>
public static class StrategicMergePatch
{
    internal const string Directive = "$patch";
    internal const string RetainKeys = "$retainKeys";
    internal const string SetElementOrderPrefix = "$setElementOrder/";
    internal const string DeleteFromPrimitiveListPrefix = "$deleteFromPrimitiveList/";

    public static JsonObject Apply(JsonObject original, JsonObject patch, SchemaNode? schema)
    {
        if (schema is null) return JsonMergePatch.Apply(original, patch);
        return MergeMap((JsonObject)original.DeepClone(), patch, schema);
    }

    /// <summary>Merges <paramref name="patch"/> into <paramref name="original"/>, which it owns and may change.</summary>
    internal static JsonObject MergeMap(JsonObject original, JsonObject patch, SchemaNode? schema)
    {
        if (patch.TryGetPropertyValue(Directive, out var directive))
        {
            switch (DirectiveName(directive, patch))
            {
                case "replace": return Fresh(WithoutMarker(patch), schema);
                case "delete": return [];
                case "merge": break; // Upstream only accepts it on lists; harmless here.
            }
        }

        ApplyRetainKeys(original, patch);
        var handled = ApplySetElementOrder(original, patch, schema);

        foreach (var (key, value) in patch)
        {
            if (key is Directive or RetainKeys || key.StartsWith(SetElementOrderPrefix, StringComparison.Ordinal) || handled.Contains(key))
                continue;
            if (key.StartsWith(DeleteFromPrimitiveListPrefix, StringComparison.Ordinal))
            {
                DeleteFromPrimitiveList(original, key[DeleteFromPrimitiveListPrefix.Length..], value);
                continue;
            }
            if (value is null)
            {
                original.Remove(key);
                continue;
            }

            var member = PatchMeta.Member(schema, key);
            original.TryGetPropertyValue(key, out var existing);
            JsonNode? merged = (existing, value) switch
            {
                (JsonObject o, JsonObject p) => PatchMeta.Of(member).Replace ? Fresh(p, member) : MergeMap(o, p, member),
                (JsonArray o, JsonArray p) => StrategicListMerge.Merge(o, p, member),
                _ => FreshValue(value, member),
            };
            if (merged is null && value is not null) original.Remove(key);
            else original[key] = merged;
        }
        return original;
    }

    static string DirectiveName(JsonNode? directive, JsonObject patch)
    {
        var name = directive is JsonValue v && v.TryGetValue<string>(out var s) ? s : directive?.ToJsonString() ?? "null";
        if (name is "replace" or "delete" or "merge") return name;
        throw new PatchException($"unknown patch type: {name} in map: {patch.ToJsonString()}");
    }

    static JsonObject WithoutMarker(JsonObject patch)
    {
        var copy = new JsonObject();
        foreach (var (key, value) in patch)
            if (key != Directive) copy[key] = value?.DeepClone();
        return copy;
    }

    /// <summary>A patch value placed where the original had nothing: its directives and nulls are dropped.</summary>
    internal static JsonObject Fresh(JsonObject patch, SchemaNode? schema) => MergeMap([], patch, schema);

    /// <summary>Like <see cref="Fresh(JsonObject, SchemaNode?)"/> for any value; null when the value is only a directive.</summary>
    internal static JsonNode? FreshValue(JsonNode? value, SchemaNode? schema) => value switch
    {
        JsonObject o when IsDirectiveOnly(o) => null,
        JsonObject o => Fresh(o, schema),
        JsonArray a => StrategicListMerge.Merge([], a, schema),
        _ => value?.DeepClone(),
    };

    static bool IsDirectiveOnly(JsonObject o) =>
        o.TryGetPropertyValue(Directive, out var d) && d is JsonValue v && v.TryGetValue<string>(out var s) && s == "delete";

    static void ApplyRetainKeys(JsonObject original, JsonObject patch)
    {
        if (!patch.TryGetPropertyValue(RetainKeys, out var node)) return;
        if (node is not JsonArray list) throw PatchException.Malformed("invalid patch format of retainKeys");
        var retained = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in list)
        {
            if (item is not JsonValue v || !v.TryGetValue<string>(out var name)) throw PatchException.Malformed("invalid patch format of retainKeys");
            retained.Add(name);
        }
        foreach (var (key, value) in patch)
        {
            if (value is null || key is Directive or RetainKeys
                || key.StartsWith(SetElementOrderPrefix, StringComparison.Ordinal)
                || key.StartsWith(DeleteFromPrimitiveListPrefix, StringComparison.Ordinal)) continue;
            if (!retained.Contains(key)) throw PatchException.Malformed("invalid patch format of retainKeys");
        }
        foreach (var key in original.Select(p => p.Key).ToList())
            if (!retained.Contains(key)) original.Remove(key);
    }

    /// <summary>Merges every list named by a <c>$setElementOrder</c> directive and puts it in that order; returns the lists it handled.</summary>
    static HashSet<string> ApplySetElementOrder(JsonObject original, JsonObject patch, SchemaNode? schema)
    {
        var handled = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, orderNode) in patch)
        {
            if (!key.StartsWith(SetElementOrderPrefix, StringComparison.Ordinal)) continue;
            var field = key[SetElementOrderPrefix.Length..];
            if (field.Length == 0 || orderNode is not JsonArray order) throw PatchException.Malformed("invalid patch format of setElementOrder list");

            original.TryGetPropertyValue(field, out var originalNode);
            patch.TryGetPropertyValue(field, out var patchNode);
            if (originalNode is not null and not JsonArray || patchNode is not null and not JsonArray)
                throw PatchException.Malformed("invalid patch format of setElementOrder list");
            var originalList = originalNode as JsonArray;
            var patchList = patchNode as JsonArray;
            if (patch.ContainsKey(field) && patchList is null) continue; // an explicit null deletes the list below

            var member = PatchMeta.Member(schema, field);
            var mergeKey = PatchMeta.Of(member).MergeKey;
            StrategicListMerge.ValidateOrder(patchList, order, mergeKey);

            var serverOrder = originalList?.ToList() ?? [];
            JsonArray merged;
            if (originalList is not null && patchList is not null) merged = StrategicListMerge.Merge(originalList, patchList, member);
            else if (originalList is not null) merged = originalList;
            else if (patchList is not null) merged = StrategicListMerge.Merge([], patchList, member);
            else continue;

            original[field] = StrategicListMerge.Normalize(merged, order, serverOrder, mergeKey);
            handled.Add(field);
        }
        return handled;
    }

    static void DeleteFromPrimitiveList(JsonObject original, string field, JsonNode? values)
    {
        if (field.Length == 0 || values is not JsonArray toDelete) throw PatchException.Malformed("invalid patch format of primitive list");
        if (original[field] is not JsonArray list) return;
        for (var i = list.Count - 1; i >= 0; i--)
            if (toDelete.Any(d => JsonNode.DeepEquals(d, list[i]))) list.RemoveAt(i);
    }
}
