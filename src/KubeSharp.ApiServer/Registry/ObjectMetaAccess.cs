using System.Globalization;
using System.Text.Json.Nodes;

namespace KubeSharp.ApiServer.Registry;

/// <summary>Small typed accessors for metadata on untyped objects, so the registry reads like upstream's meta.Accessor.</summary>
public static class ObjectMetaAccess
{
    public static JsonObject Meta(JsonObject obj)
    {
        if (obj["metadata"] is JsonObject m) return m;
        m = new JsonObject();
        obj["metadata"] = m;
        return m;
    }

    public static string? Str(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    public static string? Name(JsonObject obj) => Str(obj["metadata"]?["name"]);
    public static string? Namespace(JsonObject obj) => Str(obj["metadata"]?["namespace"]);
    public static string? Uid(JsonObject obj) => Str(obj["metadata"]?["uid"]);
    public static string? ResourceVersion(JsonObject obj) => Str(obj["metadata"]?["resourceVersion"]);
    public static string? DeletionTimestamp(JsonObject obj) => Str(obj["metadata"]?["deletionTimestamp"]);

    public static void SetResourceVersion(JsonObject obj, long rev) =>
        Meta(obj)["resourceVersion"] = rev.ToString(CultureInfo.InvariantCulture);

    public static IReadOnlyDictionary<string, string>? Labels(JsonObject obj)
    {
        if (obj["metadata"]?["labels"] is not JsonObject labels) return null;
        var d = new Dictionary<string, string>(labels.Count);
        foreach (var (k, v) in labels) d[k] = Str(v) ?? "";
        return d;
    }

    public static List<string> Finalizers(JsonObject obj) =>
        obj["metadata"]?["finalizers"] is JsonArray a ? a.Select(f => Str(f) ?? "").ToList() : [];

    public static void SetFinalizers(JsonObject obj, IReadOnlyCollection<string> finalizers)
    {
        if (finalizers.Count == 0) Meta(obj).Remove("finalizers");
        else Meta(obj)["finalizers"] = new JsonArray(finalizers.Select(f => (JsonNode)JsonValue.Create(f)).ToArray());
    }

    public static long? ParseResourceVersion(string? rv, string what = "resourceVersion")
    {
        if (string.IsNullOrEmpty(rv)) return null;
        if (long.TryParse(rv, NumberStyles.None, CultureInfo.InvariantCulture, out var n)) return n;
        throw Api.Errors.StatusError.BadRequest($"invalid {what} \"{rv}\"");
    }
}
