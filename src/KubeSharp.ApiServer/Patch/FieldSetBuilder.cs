using System.Text.Json.Nodes;
using KubeSharp.Api.Schema;

namespace KubeSharp.ApiServer.Patch;

/// <summary>
/// The fields an object sets, as upstream counts them: every scalar, every atomic list or map, and every
/// item of a set- or map-list (items of map-lists also contribute their own fields). Empty granular maps
/// contribute nothing.
/// </summary>
internal static class FieldSetBuilder
{
    public static FieldSet Build(JsonNode? value, SchemaNode? schema)
    {
        var set = new FieldSet();
        Walk(value, schema, [], set);
        return set;
    }

    /// <summary>Adds the fields of <paramref name="value"/>, found at <paramref name="path"/>, to <paramref name="set"/>.</summary>
    public static void Walk(JsonNode? value, SchemaNode? schema, List<PathElement> path, FieldSet set)
    {
        switch (value)
        {
            case JsonObject obj when !StructuralSchema.IsAtomicMap(schema):
                foreach (var (name, child) in obj)
                {
                    path.Add(PathElement.Field(name));
                    Walk(child, StructuralSchema.Member(schema, name), path, set);
                    path.RemoveAt(path.Count - 1);
                }
                break;
            case JsonArray list when StructuralSchema.ListOf(schema) is var (kind, keys) && kind != ListKind.Atomic:
                foreach (var (element, item) in StructuralSchema.Items(kind, keys, list))
                {
                    path.Add(element);
                    set.Insert(path);
                    if (kind == ListKind.Map) Walk(item, schema!.Items, path, set);
                    path.RemoveAt(path.Count - 1);
                }
                break;
            default:
                if (path.Count > 0) set.Insert(path);
                break;
        }
    }
}
