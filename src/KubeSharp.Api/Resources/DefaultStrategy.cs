using System.Text.Json.Nodes;
using KubeSharp.Api.Validation;

namespace KubeSharp.Api.Resources;

/// <summary>
/// The behaviour every resource shares: status reset on create, status kept on update, generation
/// bumped when anything but metadata and status changes. Kinds subclass it to add defaults and validation.
/// </summary>
public class DefaultStrategy : IResourceStrategy
{
    public static readonly DefaultStrategy Instance = new(hasStatus: false);
    public static readonly DefaultStrategy WithStatus = new(hasStatus: true);

    public DefaultStrategy(bool hasStatus) => HasStatusSubresource = hasStatus;

    public bool HasStatusSubresource { get; }

    public virtual void PrepareForCreate(JsonObject obj)
    {
        if (HasStatusSubresource) obj.Remove("status");
        if (obj["metadata"] is JsonObject meta) meta["generation"] = 1;
    }

    public virtual void PrepareForUpdate(JsonObject obj, JsonObject old)
    {
        if (HasStatusSubresource)
        {
            obj.Remove("status");
            if (old["status"] is JsonNode s) obj["status"] = s.DeepClone();
        }
        var oldGen = old["metadata"]?["generation"] is JsonValue g && g.TryGetValue<long>(out var parsed) ? parsed
            : old["metadata"]?["generation"] is JsonValue gi && gi.TryGetValue<int>(out var small) ? small : 1;
        if (obj["metadata"] is JsonObject meta)
            meta["generation"] = SpecChanged(obj, old) ? oldGen + 1 : oldGen;
    }

    public virtual void PrepareForStatusUpdate(JsonObject obj, JsonObject old)
    {
        // Everything but status comes from the stored object; metadata changes through /status are ignored
        // except what the store manages (resourceVersion is checked by the store).
        var status = obj["status"]?.DeepClone();
        foreach (var (key, value) in old)
        {
            if (key is "status") continue;
            obj[key] = value?.DeepClone();
        }
        if (status is null) obj.Remove("status"); else obj["status"] = status;
    }

    public virtual void Default(JsonObject obj) { }

    public virtual IReadOnlyList<FieldError> ValidateCreate(JsonObject obj) => [];

    public virtual IReadOnlyList<FieldError> ValidateUpdate(JsonObject obj, JsonObject old) => ValidateCreate(obj);

    /// <summary>Whether a top-level field counts for metadata.generation: all but apiVersion, kind, metadata and status.</summary>
    protected virtual bool IsSpecField(string key) => key is not ("apiVersion" or "kind" or "metadata" or "status");

    bool SpecChanged(JsonObject obj, JsonObject old)
    {
        foreach (var key in obj.Select(p => p.Key).Union(old.Select(p => p.Key)))
        {
            if (!IsSpecField(key)) continue;
            if (!JsonNode.DeepEquals(obj[key], old[key])) return true;
        }
        return false;
    }
}
