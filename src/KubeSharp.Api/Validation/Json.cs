using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace KubeSharp.Api.Validation;

/// <summary>
/// Lenient access to an object's JSON for defaulting and validation: a missing or mistyped field reads
/// as absent, so a strategy never throws on a malformed body (the schema layer reports type errors).
/// </summary>
internal static class Json
{
    public static JsonObject? Obj(JsonNode? node, params ReadOnlySpan<string> path) => At(node, path) as JsonObject;

    public static JsonArray? Arr(JsonNode? node, params ReadOnlySpan<string> path) => At(node, path) as JsonArray;

    public static JsonNode? At(JsonNode? node, params ReadOnlySpan<string> path)
    {
        foreach (var segment in path)
            if (node is not JsonObject o || !o.TryGetPropertyValue(segment, out node)) return null;
        return node;
    }

    public static string? Str(JsonNode? node, params ReadOnlySpan<string> path) =>
        At(node, path) is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    /// <summary>A string, or the JSON text of a number (quantities and int-or-strings may be either).</summary>
    public static string? Text(JsonNode? node, params ReadOnlySpan<string> path) => At(node, path) switch
    {
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        JsonValue v when v.GetValueKind() == JsonValueKind.Number => v.ToJsonString(),
        _ => null,
    };

    public static long? Int(JsonNode? node, params ReadOnlySpan<string> path) =>
        At(node, path) is JsonValue v && v.GetValueKind() == JsonValueKind.Number
            && double.TryParse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d)
            ? (long)d : null;

    public static bool? Bool(JsonNode? node, params ReadOnlySpan<string> path) => At(node, path)?.GetValueKind() switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };

    public static bool IsInt(JsonNode? node) => node is JsonValue v && v.GetValueKind() == JsonValueKind.Number;

    /// <summary>The entries of an array that are objects, with their indexes.</summary>
    public static IEnumerable<(int Index, JsonObject Item)> Items(JsonNode? array)
    {
        if (array is not JsonArray a) yield break;
        for (int i = 0; i < a.Count; i++)
            if (a[i] is JsonObject o) yield return (i, o);
    }

    public static IEnumerable<string> Strings(JsonNode? array) =>
        array is JsonArray a ? a.Select(n => Str(n)).OfType<string>() : [];

    /// <summary>A string-to-string map (labels, selectors, data); non-string values are skipped.</summary>
    public static Dictionary<string, string>? StringMap(JsonNode? node)
    {
        if (node is not JsonObject o) return null;
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (k, v) in o)
            if (Text(v) is { } s) map[k] = s;
        return map;
    }

    /// <summary>The child object at <paramref name="key"/>, created when missing or not an object.</summary>
    public static JsonObject Ensure(JsonObject parent, string key)
    {
        if (parent[key] is JsonObject o) return o;
        var created = new JsonObject();
        parent[key] = created;
        return created;
    }

    /// <summary>Sets <paramref name="key"/> when it is missing or null (upstream defaults nil pointers and empty strings alike for strings).</summary>
    public static void Default(JsonObject o, string key, JsonNode value)
    {
        if (o[key] is null || (o[key] is JsonValue v && v.GetValueKind() == JsonValueKind.String && v.GetValue<string>().Length == 0))
            o[key] = value;
    }

    public static bool Has(JsonObject o, string key) => o[key] is not null;

    public static bool IsEmpty(JsonNode? node) => node switch
    {
        null => true,
        JsonObject o => o.Count == 0,
        JsonArray a => a.Count == 0,
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>().Length == 0,
        _ => false,
    };

    public static bool Same(JsonNode? a, JsonNode? b) => JsonNode.DeepEquals(Normalize(a), Normalize(b));

    // Empty maps and lists mean the same as absent ones, as Go's semantic equality treats nil and empty.
    static JsonNode? Normalize(JsonNode? n) => IsEmpty(n) && n is not JsonValue ? null : n;
}
