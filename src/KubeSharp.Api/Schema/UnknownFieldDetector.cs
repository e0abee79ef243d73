using System.Text.Json.Nodes;

namespace KubeSharp.Api.Schema;

/// <summary>
/// Finds the fields of an object that its schema does not know, with paths spelled as upstream's strict
/// JSON decoder spells them: "spec.foo", "spec.containers[0].foo", map keys as ".key". Fields under a
/// node that preserves unknown fields are accepted; a value whose JSON type differs from the schema is
/// left to type checking, not reported here.
/// </summary>
public sealed class UnknownFieldDetector
{
    /// <summary>Unknown field paths in document order, each once.</summary>
    public IReadOnlyList<string> Find(JsonObject obj, SchemaNode schema)
    {
        var found = new List<string>();
        Walk(obj, schema, "", found);
        return found.Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>The message upstream prints for one path: <c>unknown field "spec.foo"</c>.</summary>
    public static string Message(string path) => $"unknown field \"{path}\"";

    static void Walk(JsonNode? value, SchemaNode schema, string path, List<string> found)
    {
        switch (value)
        {
            case JsonObject obj:
                WalkObject(obj, schema, path, found);
                break;
            case JsonArray array when schema.Items is { } items:
                for (var i = 0; i < array.Count; i++) Walk(array[i], items, $"{path}[{i}]", found);
                break;
        }
    }

    static void WalkObject(JsonObject obj, SchemaNode schema, string path, List<string> found)
    {
        if (schema.Properties is { } properties)
        {
            foreach (var (key, child) in obj)
            {
                var childPath = Join(path, key);
                if (properties.TryGetValue(key, out var childSchema)) Walk(child, childSchema, childPath, found);
                else if (schema.AdditionalProperties is { } additional) Walk(child, additional, childPath, found);
                else if (!schema.PreserveUnknownFields) found.Add(childPath);
            }
            return;
        }
        if (schema.AdditionalProperties is { } values)
        {
            foreach (var (key, child) in obj) Walk(child, values, Join(path, key), found);
            return;
        }
        // A structural object with no fields and no map values keeps nothing (upstream prunes it all).
        if (schema.Type == "object" && !schema.PreserveUnknownFields)
            foreach (var (key, _) in obj) found.Add(Join(path, key));
    }

    static string Join(string path, string key) => path.Length == 0 ? key : path + "." + key;
}
