using System.Text.Json;
using System.Text.Json.Nodes;
using KubeSharp.Api.Model;
using KubeSharp.Api.Selectors;
using ModelLabelSelector = KubeSharp.Api.Model.LabelSelector;

namespace KubeSharp.ApiServer.Printers;

/// <summary>Cell formats shared by several printers, matching kubectl's output.</summary>
internal static class PrinterFormat
{
    public const string None = "<none>";

    /// <summary>A label map as "a=b,c=d" sorted by key, or &lt;none&gt;.</summary>
    public static string Labels(IReadOnlyDictionary<string, string> labels) =>
        labels.Count == 0 ? None : string.Join(",", labels.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => kv.Key + "=" + kv.Value));

    /// <summary>A metav1 LabelSelector as describe prints it (&lt;none&gt; when empty, &lt;error&gt; when invalid).</summary>
    public static string Selector(JsonNode? selector) => Api.Selectors.LabelSelector.Format(ToModel(selector));

    /// <summary>The selector's string form ("" when empty); null when it cannot be converted.</summary>
    public static string? SelectorString(JsonNode? selector)
    {
        try
        {
            return Api.Selectors.LabelSelector.FromModel(ToModel(selector)).ToString();
        }
        catch (SelectorParseException)
        {
            return null;
        }
    }

    static ModelLabelSelector? ToModel(JsonNode? selector)
    {
        if (selector is not JsonObject) return null;
        try
        {
            return KubeJson.Deserialize<ModelLabelSelector>(selector);
        }
        catch (JsonException)
        {
            return new ModelLabelSelector { MatchExpressions = [new LabelSelectorRequirement { Key = "", Operator = "?" }] };
        }
    }

    /// <summary>Names and images of a pod template's containers, comma-joined.</summary>
    public static (string Names, string Images) Containers(JsonNode? podSpec)
    {
        var containers = JsonRead.Objects(podSpec, "containers").ToList();
        return (string.Join(",", containers.Select(c => JsonRead.Str(c, "name") ?? "")),
                string.Join(",", containers.Select(c => JsonRead.Str(c, "image") ?? "")));
    }

    /// <summary>Up to <paramref name="max"/> entries, then " + N more...".</summary>
    public static string ListWithMore(IReadOnlyList<string> all, int max, string whenEmpty)
    {
        if (all.Count == 0) return whenEmpty;
        var shown = string.Join(",", all.Take(max));
        return all.Count > max ? $"{shown} + {all.Count - max} more..." : shown;
    }

    /// <summary>Access modes as RWO,ROX,RWX,RWOP in that fixed order.</summary>
    public static string AccessModes(IEnumerable<string> modes)
    {
        var set = modes.ToHashSet(StringComparer.Ordinal);
        var parts = new List<string>();
        if (set.Contains("ReadWriteOnce")) parts.Add("RWO");
        if (set.Contains("ReadOnlyMany")) parts.Add("ROX");
        if (set.Contains("ReadWriteMany")) parts.Add("RWX");
        if (set.Contains("ReadWriteOncePod")) parts.Add("RWOP");
        return string.Join(",", parts);
    }

    public static string Bool(bool value) => value ? "True" : "False";

    /// <summary>A creation time as the "Created At" columns show it (RFC 3339, UTC).</summary>
    public static string? CreatedAt(JsonObject obj) =>
        JsonRead.Time(obj, "metadata", "creationTimestamp") is { } t ? KubeJson.FormatTime(t) : null;
}
