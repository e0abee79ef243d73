using System.Text.Json.Nodes;
using KubeSharp.Api.Model;
using CoreNode = KubeSharp.Api.Model.Core.Node;
using KubeSharp.Scheduler.Cache;

namespace KubeSharp.Scheduler.Tests.Fakes;

/// <summary>Builds pods and nodes for tests from short JSON fragments.</summary>
public static class Objects
{
    public static JsonObject PodJson(string name, string ns = "default", string? cpu = null, string? memory = null, string? spec = null, string? labels = null)
    {
        var pod = (JsonObject)JsonNode.Parse($$$"""
            {"apiVersion":"v1","kind":"Pod","metadata":{"name":"{{{name}}}","namespace":"{{{ns}}}","uid":"uid-{{{name}}}","labels":{{{labels ?? "{}"}}}},
             "spec":{"containers":[{"name":"c","image":"busybox"}]}}
            """)!;
        var requests = new JsonObject();
        if (cpu is not null) requests["cpu"] = cpu;
        if (memory is not null) requests["memory"] = memory;
        if (requests.Count > 0) pod["spec"]!["containers"]![0]!["resources"] = new JsonObject { ["requests"] = requests };
        if (spec is not null)
            foreach (var (k, v) in (JsonObject)JsonNode.Parse(spec)!) pod["spec"]![k] = v?.DeepClone();
        return pod;
    }

    public static PodInfo Pod(string name, string ns = "default", string? cpu = null, string? memory = null, string? spec = null, string? labels = null) =>
        PodInfo.FromJson(PodJson(name, ns, cpu, memory, spec, labels));

    public static JsonObject NodeJson(string name, string cpu = "4", string memory = "8Gi", string pods = "110", string? labels = null, string? spec = null)
    {
        var node = (JsonObject)JsonNode.Parse($$$"""
            {"apiVersion":"v1","kind":"Node","metadata":{"name":"{{{name}}}","labels":{{{labels ?? "{}"}}}},
             "spec":{{{spec ?? "{}"}}},
             "status":{"capacity":{"cpu":"{{{cpu}}}","memory":"{{{memory}}}","pods":"{{{pods}}}"},"allocatable":{"cpu":"{{{cpu}}}","memory":"{{{memory}}}","pods":"{{{pods}}}"} } }
            """)!;
        node["metadata"]!["labels"]!["kubernetes.io/hostname"] ??= name;
        return node;
    }

    public static NodeInfo TestNode(string name, string cpu = "4", string memory = "8Gi", string pods = "110", string? labels = null, string? spec = null, params PodInfo[] bound)
    {
        var info = new NodeInfo(name);
        info.SetNode(KubeJson.Deserialize<CoreNode>(NodeJson(name, cpu, memory, pods, labels, spec))!);
        foreach (var p in bound) info.AddPod(p.WithNode(name));
        return info;
    }
}
