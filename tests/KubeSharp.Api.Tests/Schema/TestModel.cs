using System.ComponentModel;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using KubeSharp.Api.Model;

// Small kinds of our own, so these tests do not depend on the real model being complete.
namespace KubeSharp.Api.Tests.Schema.TestModel.Core
{
    [Kind("", "v1", "Widget"), Description("A widget for schema tests.")]
    public sealed record Widget : KubernetesObject
    {
        [Proto(2), Description("Desired state.")] public WidgetSpec? Spec { get; init; }
    }

    public sealed record WidgetSpec
    {
        [Proto(1), Description("How many.")] public int? Replicas { get; init; }
        [Proto(2)] public long Total { get; init; }
        [Proto(3)] public bool Enabled { get; init; }
        [Proto(4), Patch("merge", MergeKey = "name"), ListType("map", "name"), Description("The parts.")] public List<Gadget>? Gadgets { get; init; }
        [Proto(5)] public Dictionary<string, string>? Settings { get; init; }
        [Proto(6)] public Dictionary<string, byte[]>? Blobs { get; init; }
        [Proto(7), Description("A port.")] public IntOrString? Port { get; init; }
        [Proto(8)] public Dictionary<string, Quantity>? Limits { get; init; }
        [Proto(9)] public DateTimeOffset? Since { get; init; }
        [Proto(10), MicroTime] public DateTimeOffset? At { get; init; }
        [Proto(11), PreserveUnknownFields] public JsonObject? Raw { get; init; }
        [Proto(12), JsonPropertyName("hostIP")] public string? HostIp { get; init; }
        [Proto(13)] public Tree? Tree { get; init; }
        [JsonIgnore] public string? Hidden { get; init; }
        [Proto(14)] public LabelSelector? Selector { get; init; }
        [Proto(15)] public List<int>? Numbers { get; init; }
    }

    [Description("A named part.")]
    public sealed record Gadget
    {
        [Proto(1), RequiredField] public string Name { get; init; } = "";
        [Proto(2)] public int Size { get; init; }
    }

    [MapType("atomic")]
    public sealed record Tree
    {
        [Proto(1)] public string? Label { get; init; }
        [Proto(2)] public List<Tree>? Children { get; init; }
    }
}

namespace KubeSharp.Api.Tests.Schema.TestModel.Apps
{
    [Kind("apps", "v1", "Gizmo")]
    public sealed record Gizmo : KubernetesObject
    {
        [Proto(2)] public GizmoSpec? Spec { get; init; }
    }

    public sealed record GizmoSpec
    {
        [Proto(1)] public Core.WidgetSpec? Template { get; init; }
    }
}
