using System.Text.Json.Nodes;
using KubeSharp.Api.Schema;

namespace KubeSharp.ApiServer.Patch;

/// <summary>Which fields an update added, removed and changed, at the granularity of <see cref="FieldSetBuilder"/>.</summary>
internal sealed record ValueComparison(FieldSet Added, FieldSet Removed, FieldSet Modified)
{
    public FieldSet Changed => Modified.Union(Added);

    public bool IsSame => Added.IsEmpty && Removed.IsEmpty && Modified.IsEmpty;

    public ValueComparison Without(FieldSet ignored) =>
        new(Added.RecursiveDifference(ignored), Removed.RecursiveDifference(ignored), Modified.RecursiveDifference(ignored));

    /// <param name="ignoreManagedFields">Compare as if metadata.managedFields were absent from both (without copying them to remove it).</param>
    public static ValueComparison Compare(JsonNode? before, JsonNode? after, SchemaNode? schema, bool ignoreManagedFields = false)
    {
        var result = new ValueComparison(new FieldSet(), new FieldSet(), new FieldSet()) { _ignoreManagedFields = ignoreManagedFields };
        result.Walk(before, after, schema, []);
        return result;
    }

    bool _ignoreManagedFields;

    static readonly PathElement Metadata = PathElement.Field("metadata");

    bool Skipped(List<PathElement> path, string name) =>
        _ignoreManagedFields && name == "managedFields" && path.Count == 1 && path[0] == Metadata;

    void Walk(JsonNode? before, JsonNode? after, SchemaNode? schema, List<PathElement> path)
    {
        if (before is JsonObject b && after is JsonObject a && !StructuralSchema.IsAtomicMap(schema))
        {
            foreach (var (name, value) in b)
            {
                if (Skipped(path, name)) continue;
                path.Add(PathElement.Field(name));
                var member = StructuralSchema.Member(schema, name);
                if (a.TryGetPropertyValue(name, out var other)) Walk(value, other, member, path);
                else FieldSetBuilder.Walk(value, member, path, Removed);
                path.RemoveAt(path.Count - 1);
            }
            foreach (var (name, value) in a)
            {
                if (b.ContainsKey(name) || Skipped(path, name)) continue;
                path.Add(PathElement.Field(name));
                FieldSetBuilder.Walk(value, StructuralSchema.Member(schema, name), path, Added);
                path.RemoveAt(path.Count - 1);
            }
            return;
        }

        if (before is JsonArray bl && after is JsonArray al && StructuralSchema.ListOf(schema) is var (kind, keys) && kind != ListKind.Atomic)
        {
            var beforeItems = Index(StructuralSchema.Items(kind, keys, bl));
            var afterItems = Index(StructuralSchema.Items(kind, keys, al));
            var itemSchema = kind == ListKind.Map ? schema!.Items : null;
            foreach (var (element, item) in beforeItems)
            {
                path.Add(element);
                if (afterItems.TryGetValue(element, out var other)) Walk(item, other, itemSchema, path);
                else WholeItem(item, itemSchema, path, Removed);
                path.RemoveAt(path.Count - 1);
            }
            foreach (var (element, item) in afterItems)
            {
                if (beforeItems.ContainsKey(element)) continue;
                path.Add(element);
                WholeItem(item, itemSchema, path, Added);
                path.RemoveAt(path.Count - 1);
            }
            return;
        }

        if (JsonNode.DeepEquals(before, after)) return;
        if (before is JsonObject or JsonArray || after is JsonObject or JsonArray)
        {
            // A value changed shape (object ↔ scalar, say): what was there went and what is there came.
            FieldSetBuilder.Walk(before, schema, path, Removed);
            FieldSetBuilder.Walk(after, schema, path, Added);
            if (Removed.Has(path) && Added.Has(path)) Modified.Insert(path);
            return;
        }
        Modified.Insert(path);
    }

    static void WholeItem(JsonNode? item, SchemaNode? itemSchema, List<PathElement> path, FieldSet into)
    {
        into.Insert(path);
        if (item is JsonObject) FieldSetBuilder.Walk(item, itemSchema, path, into);
    }

    static Dictionary<PathElement, JsonNode?> Index(List<(PathElement Element, JsonNode? Item)> items)
    {
        var index = new Dictionary<PathElement, JsonNode?>();
        foreach (var (element, item) in items) index.TryAdd(element, item);
        return index;
    }
}
