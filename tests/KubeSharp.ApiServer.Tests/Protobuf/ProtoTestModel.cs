using System.Text.Json.Nodes;
using KubeSharp.Api.Model;

// Kinds that exercise the decoder's corners independently of the real model.
namespace KubeSharp.ApiServer.Tests.Protobuf.TestModel.Core;

[Kind("example.test", "v1", "Probe")]
public sealed record ProbeKind : KubernetesObject
{
    [Proto(2)] public ProbeSpec? Spec { get; init; }
}

public sealed record ProbeSpec
{
    [Proto(1)] public List<int>? Numbers { get; init; }
    [Proto(2)] public List<string>? Words { get; init; }
    [ProtoEmbedded(3, 1)] public string? Command { get; init; }
    [ProtoEmbedded(3, 2)] public int? Port { get; init; }
    [Proto(4)] public int Period { get; init; }
    [Proto(5), PreserveUnknownFields] public JsonObject? Extension { get; init; }
    [Proto(6), MicroTime] public DateTimeOffset? At { get; init; }
    [Proto(7)] public double? Ratio { get; init; }
    [Proto(8)] public Dictionary<string, Step>? Steps { get; init; }
    [Proto(9)] public List<Step>? Sequence { get; init; }
}

public sealed record Step
{
    [Proto(1)] public string? Name { get; init; }
    [Proto(2)] public bool? Enabled { get; init; }
}

[Kind("example.test", "v1", "Review")]
public sealed record Review : KubernetesObject
{
    [Proto(2)] public Dictionary<string, List<string>>? Extra { get; init; }
}
