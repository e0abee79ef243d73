using System.Text.Json.Nodes;
using KubeSharp.Api.Schema;

namespace KubeSharp.ApiServer.Patch;

/// <summary>
/// Removes the fields and list items of a <see cref="FieldSet"/> from an object, in place. Objects that
/// the removal empties go too, so that dropping the last label does not leave <c>labels: {}</c> behind.
/// </summary>
internal static class FieldRemoval
{
    public static void Remove(JsonObject root, FieldSet paths, SchemaNode? schema) => RemoveFrom(root, paths, schema);

    static void RemoveFrom(JsonNode node, FieldSet set, SchemaNode? schema)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (element, child) in set.Children)
                {
                    if (element.Kind != PathElementKind.Field || !obj.TryGetPropertyValue(element.Text, out var value)) continue;
                    if (child.IsMember)
                    {
                        obj.Remove(element.Text);
                        continue;
                    }
                    if (value is not (JsonObject or JsonArray)) continue;
                    var wasEmpty = IsEmptyObject(value);
                    RemoveFrom(value, child, StructuralSchema.Member(schema, element.Text));
                    if (!wasEmpty && IsEmptyObject(value)) obj.Remove(element.Text);
                }
                break;
            case JsonArray list:
                var (kind, keys) = StructuralSchema.ListOf(schema);
                var items = StructuralSchema.Items(kind, keys, list);
                var itemSchema = schema?.Items;
                for (var i = items.Count - 1; i >= 0; i--)
                {
                    var child = set.Node([items[i].Element]);
                    if (child is null || child.IsEmpty) continue;
                    if (child.IsMember) list.RemoveAt(i);
                    else if (items[i].Item is { } item) RemoveFrom(item, child, itemSchema);
                }
                break;
        }
    }

    static bool IsEmptyObject(JsonNode? node) => node is JsonObject { Count: 0 };
}
