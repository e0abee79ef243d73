using System.Text.Json.Nodes;

namespace KubeSharp.ApiServer.Patch;

/// <summary>RFC 7386 JSON Merge Patch (<c>application/merge-patch+json</c>): null deletes, objects merge, everything else replaces.</summary>
public static class JsonMergePatch
{
    public static JsonObject Apply(JsonObject original, JsonNode? patch) =>
        Apply((JsonNode)original, patch) as JsonObject
        ?? throw new PatchException("the merge patch replaced the object with a value that is not an object");

    /// <summary>Returns a new document; neither input is changed.</summary>
    public static JsonNode? Apply(JsonNode? original, JsonNode? patch)
    {
        if (patch is not JsonObject patchObject) return patch?.DeepClone();
        var result = original is JsonObject o ? (JsonObject)o.DeepClone() : [];
        MergeInto(result, patchObject);
        return result;
    }

    static void MergeInto(JsonObject target, JsonObject patch)
    {
        foreach (var (key, value) in patch)
        {
            if (value is null)
            {
                target.Remove(key);
            }
            else if (value is JsonObject nested)
            {
                if (target[key] is not JsonObject existing)
                {
                    existing = [];
                    target[key] = existing;
                }
                MergeInto(existing, nested);
            }
            else
            {
                target[key] = value.DeepClone();
            }
        }
    }

    /// <summary>The merge patch that turns <paramref name="original"/> into <paramref name="modified"/>.</summary>
    public static JsonObject CreateMergePatch(JsonObject original, JsonObject modified)
    {
        var patch = new JsonObject();
        foreach (var (key, value) in original)
            if (!modified.ContainsKey(key)) patch[key] = null;
        foreach (var (key, value) in modified)
        {
            original.TryGetPropertyValue(key, out var before);
            var had = original.ContainsKey(key);
            if (had && JsonNode.DeepEquals(before, value)) continue;
            if (before is JsonObject b && value is JsonObject m)
            {
                var nested = CreateMergePatch(b, m);
                if (nested.Count > 0) patch[key] = nested;
            }
            else
            {
                patch[key] = value?.DeepClone();
            }
        }
        return patch;
    }
}
