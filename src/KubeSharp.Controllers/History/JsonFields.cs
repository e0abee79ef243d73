using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace KubeSharp.Controllers.History;

/// <summary>
/// Lenient reads of cached JSON objects along a path: a missing or mistyped field reads as absent, so a
/// malformed object never throws in a reconcile.
/// </summary>
internal static class JsonFields
{
    public static JsonNode? At(JsonNode? node, params ReadOnlySpan<string> path)
    {
        foreach (var segment in path)
            if (node is not JsonObject o || !o.TryGetPropertyValue(segment, out node)) return null;
        return node;
    }

    public static JsonObject? Obj(JsonNode? node, params ReadOnlySpan<string> path) => At(node, path) as JsonObject;

    public static JsonArray? Arr(JsonNode? node, params ReadOnlySpan<string> path) => At(node, path) as JsonArray;

    public static string? Str(JsonNode? node, params ReadOnlySpan<string> path) =>
        At(node, path) is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    public static long? Int(JsonNode? node, params ReadOnlySpan<string> path) => At(node, path) switch
    {
        JsonValue v when v.TryGetValue<long>(out var l) => l,
        JsonValue v when v.TryGetValue<int>(out var i) => i,
        JsonValue v when v.TryGetValue<double>(out var d) => (long)d,
        JsonValue v when v.TryGetValue<string>(out var s) && long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var p) => p,
        _ => null,
    };

    public static bool? Bool(JsonNode? node, params ReadOnlySpan<string> path) =>
        At(node, path) is JsonValue v && v.TryGetValue<bool>(out var b) ? b : null;

    /// <summary>The objects of an array (other items skipped).</summary>
    public static IEnumerable<JsonObject> Items(JsonNode? array) => array is JsonArray a ? a.OfType<JsonObject>() : [];

    /// <summary>The object under <paramref name="key"/>, created when missing.</summary>
    public static JsonObject Ensure(JsonObject parent, string key)
    {
        if (parent[key] is JsonObject o) return o;
        var created = new JsonObject();
        parent[key] = created;
        return created;
    }

    /// <summary>Deep equality that ignores key order.</summary>
    public static bool Same(JsonNode? a, JsonNode? b) => JsonNode.DeepEquals(CanonicalJson.Normalize(a), CanonicalJson.Normalize(b));
}
