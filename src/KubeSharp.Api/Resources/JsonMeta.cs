using System.Globalization;
using System.Text.Json.Nodes;
using KubeSharp.Api.Errors;

namespace KubeSharp.Api.Resources;

/// <summary>
/// Typed accessors for metadata on untyped objects, as upstream's meta.Accessor: the registry, the
/// client machinery and the controllers all read object metadata through these.
/// </summary>
public static class JsonMeta
{
    /// <summary>The object's metadata, created empty when missing.</summary>
    public static JsonObject Meta(JsonObject obj)
    {
        if (obj["metadata"] is JsonObject m) return m;
        m = new JsonObject();
        obj["metadata"] = m;
        return m;
    }

    /// <summary>The node's string value; null for anything that is not a JSON string.</summary>
    public static string? Str(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    public static string? Name(JsonObject obj) => Field(obj, "name");
    public static string? Namespace(JsonObject obj) => Field(obj, "namespace");
    public static string? Uid(JsonObject obj) => Field(obj, "uid");
    public static string? ResourceVersion(JsonObject obj) => Field(obj, "resourceVersion");
    public static string? DeletionTimestamp(JsonObject obj) => Field(obj, "deletionTimestamp");

    /// <summary>The cache key of an object: its namespace ("" when cluster-scoped) and name.</summary>
    public static NamespacedName Key(JsonObject obj) => new(Namespace(obj) ?? "", Name(obj) ?? "");

    public static void SetResourceVersion(JsonObject obj, long rev) =>
        Meta(obj)["resourceVersion"] = rev.ToString(CultureInfo.InvariantCulture);

    /// <summary>The labels with string values (the only kind validation lets through); null when there are none.</summary>
    public static IReadOnlyDictionary<string, string>? Labels(JsonObject obj)
    {
        if (obj["metadata"] is not JsonObject meta || meta["labels"] is not JsonObject labels) return null;
        var result = new Dictionary<string, string>(labels.Count, StringComparer.Ordinal);
        foreach (var (k, v) in labels)
            if (Str(v) is { } s) result[k] = s;
        return result;
    }

    public static List<string> Finalizers(JsonObject obj) =>
        obj["metadata"] is JsonObject meta && meta["finalizers"] is JsonArray a ? a.Select(f => Str(f) ?? "").ToList() : [];

    public static void SetFinalizers(JsonObject obj, IReadOnlyCollection<string> finalizers)
    {
        if (finalizers.Count == 0) Meta(obj).Remove("finalizers");
        else Meta(obj)["finalizers"] = new JsonArray(finalizers.Select(f => (JsonNode)JsonValue.Create(f)).ToArray());
    }

    /// <summary>A resourceVersion from a request; a Status 400 when it is not a revision number.</summary>
    public static long? ParseResourceVersion(string? rv, string what = "resourceVersion")
    {
        if (string.IsNullOrEmpty(rv)) return null;
        if (long.TryParse(rv, NumberStyles.None, CultureInfo.InvariantCulture, out var n)) return n;
        throw StatusError.BadRequest($"invalid {what} \"{rv}\"");
    }

    static string? Field(JsonObject obj, string field) => obj["metadata"] is JsonObject meta ? Str(meta[field]) : null;
}
