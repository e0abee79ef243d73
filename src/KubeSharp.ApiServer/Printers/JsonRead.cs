using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace KubeSharp.ApiServer.Printers;

/// <summary>Lenient readers over an object's JSON: a missing or mistyped field reads as absent.</summary>
internal static class JsonRead
{
    public static JsonNode? Node(JsonNode? node, params ReadOnlySpan<string> path)
    {
        foreach (var segment in path)
        {
            if (node is not JsonObject o || !o.TryGetPropertyValue(segment, out node)) return null;
        }
        return node;
    }

    public static string? Str(JsonNode? node, params ReadOnlySpan<string> path) =>
        Node(node, path) is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    /// <summary>A string, or the JSON text of a number (quantities and int-or-strings are either).</summary>
    public static string? Text(JsonNode? node, params ReadOnlySpan<string> path) => Node(node, path) switch
    {
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        JsonValue v when v.GetValueKind() == JsonValueKind.Number => v.ToJsonString(),
        _ => null,
    };

    public static long? LongOpt(JsonNode? node, params ReadOnlySpan<string> path) =>
        Node(node, path) is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<long>(out var l) ? l
        : Node(node, path) is JsonValue d && d.GetValueKind() == JsonValueKind.Number && d.TryGetValue<double>(out var f) ? (long)f
        : null;

    public static long Long(JsonNode? node, params ReadOnlySpan<string> path) => LongOpt(node, path) ?? 0;

    public static bool? BoolOpt(JsonNode? node, params ReadOnlySpan<string> path) => Node(node, path) switch
    {
        JsonValue v when v.GetValueKind() == JsonValueKind.True => true,
        JsonValue v when v.GetValueKind() == JsonValueKind.False => false,
        _ => null,
    };

    public static bool Bool(JsonNode? node, params ReadOnlySpan<string> path) => BoolOpt(node, path) ?? false;

    public static JsonObject? Obj(JsonNode? node, params ReadOnlySpan<string> path) => Node(node, path) as JsonObject;

    public static IReadOnlyList<JsonNode?> Arr(JsonNode? node, params ReadOnlySpan<string> path) =>
        Node(node, path) is JsonArray a ? new System.Collections.ObjectModel.ReadOnlyCollection<JsonNode?>(a) : [];

    public static IEnumerable<JsonObject> Objects(JsonNode? node, params ReadOnlySpan<string> path) =>
        Arr(node, path).OfType<JsonObject>();

    public static IEnumerable<string> Strings(JsonNode? node, params ReadOnlySpan<string> path) =>
        Arr(node, path).OfType<JsonValue>().Where(v => v.GetValueKind() == JsonValueKind.String).Select(v => v.GetValue<string>());

    public static DateTimeOffset? Time(JsonNode? node, params ReadOnlySpan<string> path) =>
        Str(node, path) is { Length: > 0 } s && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t : null;

    /// <summary>A string-to-string map such as labels or a selector; empty when absent.</summary>
    public static IReadOnlyDictionary<string, string> Map(JsonNode? node, params ReadOnlySpan<string> path)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (Node(node, path) is JsonObject o)
            foreach (var (k, v) in o)
                if (v is JsonValue jv && jv.GetValueKind() == JsonValueKind.String)
                    result[k] = jv.GetValue<string>();
        return result;
    }

    public static string Name(JsonObject obj) => Str(obj, "metadata", "name") ?? "";

    public static string Age(JsonObject obj, DateTimeOffset now) => HumanDuration.Since(Time(obj, "metadata", "creationTimestamp"), now);

    public static bool IsDeleting(JsonObject obj) => Str(obj, "metadata", "deletionTimestamp") is { Length: > 0 };
}
