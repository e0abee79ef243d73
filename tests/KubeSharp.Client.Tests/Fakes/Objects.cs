using System.Text.Json.Nodes;
using KubeSharp.Api.Resources;

namespace KubeSharp.Client.Tests.Fakes;

static class Objects
{
    public static readonly GroupVersionResource Pods = new("", "v1", "pods");

    public static JsonObject Pod(string ns, string name, string? node = null, Dictionary<string, string>? labels = null)
    {
        var meta = new JsonObject { ["name"] = name, ["namespace"] = ns };
        if (labels is not null) meta["labels"] = new JsonObject(labels.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value)));
        var pod = new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Pod", ["metadata"] = meta, ["spec"] = new JsonObject() };
        if (node is not null) pod["spec"]!["nodeName"] = node;
        return pod;
    }

    public static string? Node(JsonObject pod) => pod["spec"]?["nodeName"]?.GetValue<string>();
}
