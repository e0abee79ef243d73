using System.Text.Json.Nodes;
using KubeSharp.Api.Resources;
using KubeSharp.Client;

namespace KubeSharp.Controllers.History;

/// <summary>Owner references as workload controllers use them: one controlling owner per object.</summary>
public static class ControllerRefs
{
    /// <summary>The ownerReference marked controller: true, if any.</summary>
    public static JsonObject? Of(JsonObject obj)
    {
        if (obj["metadata"]?["ownerReferences"] is not JsonArray refs) return null;
        foreach (var r in refs)
            if (r is JsonObject o && o["controller"] is JsonValue v && v.TryGetValue<bool>(out var c) && c) return o;
        return null;
    }

    /// <summary>UID of the controlling owner, or null when the object is an orphan.</summary>
    public static string? OwnerUid(JsonObject obj) => Of(obj)?["uid"]?.GetValue<string>();

    public static bool IsControlledBy(JsonObject obj, JsonObject owner) =>
        OwnerUid(obj) is { } uid && uid == JsonMeta.Uid(owner);

    /// <summary>A controller reference to <paramref name="owner"/> that blocks its foreground deletion.</summary>
    public static JsonObject New(JsonObject owner, string apiVersion, string kind) => new()
    {
        ["apiVersion"] = apiVersion,
        ["kind"] = kind,
        ["name"] = JsonMeta.Name(owner),
        ["uid"] = JsonMeta.Uid(owner),
        ["controller"] = true,
        ["blockOwnerDeletion"] = true,
    };

    /// <summary>True when some ownerReference (controller or not) points at <paramref name="ownerUid"/>.</summary>
    public static bool HasOwner(JsonObject obj, string? ownerUid) =>
        ownerUid is not null && obj["metadata"]?["ownerReferences"] is JsonArray refs
        && refs.Any(r => r?["uid"]?.GetValue<string>() == ownerUid);

    /// <summary>Adds <paramref name="reference"/> unless one with its uid is there; true when it changed <paramref name="obj"/>.</summary>
    public static bool Add(JsonObject obj, JsonObject reference)
    {
        var uid = reference["uid"]?.GetValue<string>();
        if (HasOwner(obj, uid)) return false;
        var meta = obj["metadata"] as JsonObject ?? (JsonObject)(obj["metadata"] = new JsonObject());
        if (meta["ownerReferences"] is not JsonArray refs) meta["ownerReferences"] = refs = [];
        refs.Add(reference.DeepClone());
        return true;
    }

    /// <summary>Removes every reference to <paramref name="ownerUid"/>; true when it changed <paramref name="obj"/>.</summary>
    public static bool Remove(JsonObject obj, string? ownerUid)
    {
        if (ownerUid is null || obj["metadata"]?["ownerReferences"] is not JsonArray refs) return false;
        var gone = refs.Where(r => r?["uid"]?.GetValue<string>() == ownerUid).ToList();
        foreach (var r in gone) refs.Remove(r);
        if (refs.Count == 0) ((JsonObject)obj["metadata"]!).Remove("ownerReferences");
        return gone.Count > 0;
    }
}
