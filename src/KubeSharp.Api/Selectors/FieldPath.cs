using System.Text.Json;
using System.Text.Json.Nodes;

namespace KubeSharp.Api.Selectors;

/// <summary>Reads the value a field selector compares against from an object's JSON.</summary>
public static class FieldPath
{
    /// <summary>
    /// The value at a dotted path such as <c>spec.nodeName</c> or <c>involvedObject.name</c> as a selector
    /// sees it: strings as they are, numbers and booleans in their JSON text, null when absent or not a scalar.
    /// </summary>
    public static string? Read(JsonObject obj, string dottedPath)
    {
        JsonNode? node = obj;
        foreach (var segment in dottedPath.Split('.'))
        {
            if (node is not JsonObject o || !o.TryGetPropertyValue(segment, out node))
                return null;
        }
        return node is JsonValue v ? ScalarText(v) : null;
    }

    /// <summary>A getter for <see cref="FieldSelector.Matches"/> over one object.</summary>
    public static Func<string, string?> Getter(JsonObject obj) => path => Read(obj, path);

    static string? ScalarText(JsonValue v) => v.GetValueKind() switch
    {
        JsonValueKind.String => v.GetValue<string>(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Number => v.ToJsonString(),
        _ => null,
    };
}
