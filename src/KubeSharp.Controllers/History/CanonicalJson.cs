using System.Text.Json.Nodes;

namespace KubeSharp.Controllers.History;

/// <summary>
/// Revision data in one spelling: object keys sorted (as Go's encoder sorts map keys), no whitespace, so
/// that equal states give equal bytes and equal hashes however the object was written.
/// </summary>
public static class CanonicalJson
{
    public static JsonNode? Normalize(JsonNode? node) => node switch
    {
        JsonObject o => Sorted(o),
        JsonArray a => new JsonArray([.. a.Select(Normalize)]),
        null => null,
        _ => node.DeepClone(),
    };

    static JsonObject Sorted(JsonObject o)
    {
        var result = new JsonObject();
        foreach (var (key, value) in o.OrderBy(kv => kv.Key, StringComparer.Ordinal)) result[key] = Normalize(value);
        return result;
    }

    public static string Serialize(JsonNode? node) => Normalize(node)?.ToJsonString() ?? "null";
}
