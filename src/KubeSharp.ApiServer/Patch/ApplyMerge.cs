using System.Text.Json.Nodes;
using KubeSharp.Api.Schema;

namespace KubeSharp.ApiServer.Patch;

/// <summary>
/// Merges an applied configuration into the live object the way server-side apply does: granular maps
/// merge member by member, set- and map-lists merge item by item, atomic values and scalars take the
/// applied value. Returns new nodes; the inputs are not changed.
/// </summary>
internal static class ApplyMerge
{
    public static JsonNode? Merge(JsonNode? live, JsonNode? applied, SchemaNode? schema)
    {
        if (live is JsonObject l && applied is JsonObject a && !StructuralSchema.IsAtomicMap(schema))
        {
            var result = (JsonObject)l.DeepClone();
            foreach (var (name, value) in a)
                result[name] = l.TryGetPropertyValue(name, out var existing)
                    ? Merge(existing, value, StructuralSchema.Member(schema, name))
                    : value?.DeepClone();
            return result;
        }
        if (live is JsonArray ll && applied is JsonArray al && StructuralSchema.ListOf(schema) is var (kind, keys) && kind != ListKind.Atomic)
            return MergeList(ll, al, kind, keys, kind == ListKind.Map ? schema!.Items : null);
        return applied?.DeepClone();
    }

    /// <summary>
    /// Shared items take the applied list's order; live-only items stay where they were relative to the
    /// shared ones; applied-only items come where the applied list puts them.
    /// </summary>
    static JsonArray MergeList(JsonArray live, JsonArray applied, ListKind kind, IReadOnlyList<string> keys, SchemaNode? itemSchema)
    {
        var lhs = StructuralSchema.Items(kind, keys, live);
        var rhs = StructuralSchema.Items(kind, keys, applied);
        var lhsIndex = new Dictionary<PathElement, JsonNode?>();
        foreach (var (e, item) in lhs) lhsIndex.TryAdd(e, item);
        var rhsIndex = new Dictionary<PathElement, JsonNode?>();
        foreach (var (e, item) in rhs) rhsIndex.TryAdd(e, item);

        var shared = new Queue<PathElement>(rhs.Select(r => r.Element).Where(lhsIndex.ContainsKey).Distinct());
        PathElement? nextShared = shared.Count > 0 ? shared.Dequeue() : null;
        var emitted = new HashSet<PathElement>();
        var output = new JsonArray();
        int li = 0, ri = 0;
        while (li < lhs.Count || ri < rhs.Count)
        {
            if (li < lhs.Count && ri < rhs.Count)
            {
                var element = lhs[li].Element;
                if (element == rhs[ri].Element && !emitted.Contains(element))
                {
                    output.Add(Merge(lhsIndex[element], rhsIndex[element], itemSchema));
                    emitted.Add(element);
                    li++;
                    ri++;
                    nextShared = shared.Count > 0 ? shared.Dequeue() : null;
                    continue;
                }
                // A shared item that the applied list wants later: skip it here, it is emitted in its applied place.
                if (rhsIndex.ContainsKey(element) && nextShared is { } next && next != element)
                {
                    li++;
                    continue;
                }
            }
            if (li < lhs.Count)
            {
                var element = lhs[li].Element;
                if (!rhsIndex.ContainsKey(element))
                {
                    output.Add(lhs[li].Item?.DeepClone());
                    li++;
                    continue;
                }
                if (emitted.Contains(element))
                {
                    li++;
                    continue;
                }
            }
            if (ri < rhs.Count)
            {
                var element = rhs[ri].Element;
                ri++;
                if (!emitted.Add(element)) continue;
                output.Add(lhsIndex.TryGetValue(element, out var existing)
                    ? Merge(existing, rhsIndex[element], itemSchema)
                    : rhsIndex[element]?.DeepClone());
                if (nextShared == element) nextShared = shared.Count > 0 ? shared.Dequeue() : null;
            }
            else
            {
                li++;
            }
        }
        return output;
    }
}
