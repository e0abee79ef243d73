using System.Text.Json.Nodes;

namespace KubeSharp.Testing;

/// <summary>RFC 7386 JSON merge patch, as the in-memory fake APIs apply it: null removes, objects merge, anything else replaces.</summary>
public static class JsonMergePatch
{
    public static JsonObject Apply(JsonObject target, JsonObject patch)
    {
        foreach (var (key, value) in patch)
        {
            if (value is null) target.Remove(key);
            else if (value is JsonObject p && target[key] is JsonObject t) Apply(t, p);
            else target[key] = value.DeepClone();
        }
        return target;
    }
}
