using System.Globalization;
using System.Text.Json.Nodes;
using KubeSharp.Api.Model;
using KubeSharp.Api.Resources;
using KubeSharp.Client;
using KubeSharp.Client.Events;

namespace KubeSharp.Controllers.ReplicaSet;

/// <summary>
/// Reads the fields the workload controllers need straight from cached JSON objects, so a reconcile over
/// a thousand pods does not deserialize a thousand typed records.
/// </summary>
public static class ObjectFields
{
    public static string? Str(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    public static long? Long(JsonNode? node)
    {
        if (node is not JsonValue v) return null;
        if (v.TryGetValue<long>(out var l)) return l;
        if (v.TryGetValue<int>(out var i)) return i;
        if (v.TryGetValue<double>(out var d)) return (long)d;
        return v.TryGetValue<string>(out var s) && long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var p) ? p : null;
    }

    public static int? Int(JsonNode? node) => Long(node) is { } l ? (int)Math.Clamp(l, int.MinValue, int.MaxValue) : null;

    public static bool? Bool(JsonNode? node) => node is JsonValue v && v.TryGetValue<bool>(out var b) ? b : null;

    public static DateTimeOffset? Time(JsonNode? node) =>
        Str(node) is { } s && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t) ? t : null;

    public static JsonObject? Metadata(JsonObject obj) => obj["metadata"] as JsonObject;

    public static long Generation(JsonObject obj) => Long(obj["metadata"]?["generation"]) ?? 0;

    public static DateTimeOffset? CreationTimestamp(JsonObject obj) => Time(obj["metadata"]?["creationTimestamp"]);

    public static bool IsDeleting(JsonObject obj) => obj["metadata"]?["deletionTimestamp"] is not null;

    public static string? Annotation(JsonObject obj, string key) => Str(obj["metadata"]?["annotations"]?[key]);

    public static IReadOnlyDictionary<string, string> StringMap(JsonNode? node)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (node is JsonObject o)
            foreach (var (k, v) in o)
                if (Str(v) is { } s) result[k] = s;
        return result;
    }

    /// <summary>The owner reference marked <c>controller: true</c>, if any.</summary>
    public static OwnerReference? ControllerOf(JsonObject obj)
    {
        if (obj["metadata"]?["ownerReferences"] is not JsonArray refs) return null;
        foreach (var r in refs)
        {
            if (r is not JsonObject o || Bool(o["controller"]) != true) continue;
            return new OwnerReference
            {
                ApiVersion = Str(o["apiVersion"]) ?? "",
                Kind = Str(o["kind"]) ?? "",
                Name = Str(o["name"]) ?? "",
                Uid = Str(o["uid"]) ?? "",
                Controller = true,
                BlockOwnerDeletion = Bool(o["blockOwnerDeletion"]),
            };
        }
        return null;
    }

    /// <summary>Who events about <paramref name="obj"/> are for; kind and apiVersion given because cached objects may lack them.</summary>
    public static InvolvedObject Involved(JsonObject obj, string apiVersion, string kind) =>
        new(kind, JsonMeta.Name(obj) ?? "")
        {
            Namespace = JsonMeta.Namespace(obj),
            Uid = JsonMeta.Uid(obj),
            ApiVersion = apiVersion,
            ResourceVersion = JsonMeta.ResourceVersion(obj),
        };

    /// <summary>The object at <paramref name="name"/> under <paramref name="parent"/>, created when missing.</summary>
    public static JsonObject Ensure(JsonObject parent, string name)
    {
        if (parent[name] is JsonObject o) return o;
        o = new JsonObject();
        parent[name] = o;
        return o;
    }

    /// <summary>Sets an integer that upstream omits when zero (omitempty).</summary>
    public static void SetOmitZero(JsonObject obj, string name, long value)
    {
        if (value == 0) obj.Remove(name);
        else obj[name] = value;
    }

    public static string Format(long value) => value.ToString(CultureInfo.InvariantCulture);
}
