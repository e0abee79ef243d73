using System.Text.Json.Nodes;
using KubeSharp.Api.Resources;

namespace KubeSharp.Client;

/// <summary>Reads the few metadata fields the client machinery needs straight from untyped objects.</summary>
public static class JsonMeta
{
    public static string? Name(JsonObject obj) => Str(obj, "name");
    public static string? Namespace(JsonObject obj) => Str(obj, "namespace");
    public static string? ResourceVersion(JsonObject obj) => Str(obj, "resourceVersion");
    public static string? Uid(JsonObject obj) => Str(obj, "uid");

    /// <summary>The cache key of an object: its namespace ("" when cluster-scoped) and name.</summary>
    public static NamespacedName Key(JsonObject obj) => new(Namespace(obj) ?? "", Name(obj) ?? "");

    public static IReadOnlyDictionary<string, string>? Labels(JsonObject obj)
    {
        if (obj["metadata"]?["labels"] is not JsonObject labels) return null;
        var result = new Dictionary<string, string>(labels.Count, StringComparer.Ordinal);
        foreach (var (k, v) in labels)
            if (v is JsonValue value && value.TryGetValue<string>(out var s)) result[k] = s;
        return result;
    }

    static string? Str(JsonObject obj, string field) =>
        obj["metadata"] is JsonObject meta && meta[field] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
