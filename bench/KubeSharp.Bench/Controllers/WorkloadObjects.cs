using System.Text;
using System.Text.Json.Nodes;

namespace KubeSharp.Bench.Controllers;

/// <summary>The objects and patches the workload bench sends. Every pod asks for a simulated node (label type=kwok).</summary>
public static class WorkloadObjects
{
    public const string Container = "app";

    public static JsonObject Namespace(string name) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "Namespace",
        ["metadata"] = new JsonObject { ["name"] = name },
    };

    /// <summary>A RollingUpdate Deployment with upstream's default 25 % surge and 25 % unavailable, spelled out.</summary>
    public static JsonObject Deployment(string name, int replicas, string image) => new()
    {
        ["apiVersion"] = "apps/v1",
        ["kind"] = "Deployment",
        // Labelled like its pods, as `kubectl create deployment` does: the bench finds Deployments and ReplicaSets by it.
        ["metadata"] = new JsonObject { ["name"] = name, ["labels"] = new JsonObject { ["app"] = name } },
        ["spec"] = new JsonObject
        {
            ["replicas"] = replicas,
            ["selector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["app"] = name } },
            ["strategy"] = new JsonObject
            {
                ["type"] = "RollingUpdate",
                ["rollingUpdate"] = new JsonObject { ["maxSurge"] = "25%", ["maxUnavailable"] = "25%" },
            },
            ["template"] = new JsonObject
            {
                ["metadata"] = new JsonObject { ["labels"] = new JsonObject { ["app"] = name } },
                ["spec"] = PodSpec(image),
            },
        },
    };

    public static JsonObject Pod(string name, string image) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "Pod",
        ["metadata"] = new JsonObject { ["name"] = name, ["labels"] = new JsonObject { ["app"] = "bench-scheduler" } },
        ["spec"] = PodSpec(image),
    };

    static JsonObject PodSpec(string image) => new()
    {
        ["nodeSelector"] = new JsonObject { ["type"] = "kwok" },
        ["terminationGracePeriodSeconds"] = 0,
        ["containers"] = new JsonArray(new JsonObject
        {
            ["name"] = Container,
            ["image"] = image,
            ["resources"] = new JsonObject { ["requests"] = new JsonObject { ["cpu"] = "10m", ["memory"] = "16Mi" } },
        }),
    };

    /// <summary>The strategic merge patch <c>kubectl set image deployment/NAME app=IMAGE</c> sends.</summary>
    public static byte[] SetImagePatch(string image) => Encoding.UTF8.GetBytes(new JsonObject
    {
        ["spec"] = new JsonObject
        {
            ["template"] = new JsonObject
            {
                ["spec"] = new JsonObject
                {
                    ["$setElementOrder/containers"] = new JsonArray(new JsonObject { ["name"] = Container }),
                    ["containers"] = new JsonArray(new JsonObject { ["image"] = image, ["name"] = Container }),
                },
            },
        },
    }.ToJsonString());

    /// <summary>
    /// A pods/status patch turning the Ready condition (merged by type) to <paramref name="ready"/>, as a kubelet's
    /// readiness probe would; the simulated kubelet leaves running pods' conditions alone.
    /// </summary>
    public static byte[] ReadyPatch(bool ready, DateTimeOffset now)
    {
        var status = ready ? "True" : "False";
        var t = now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        JsonObject Condition(string type) => new() { ["type"] = type, ["status"] = status, ["lastTransitionTime"] = t };
        return Encoding.UTF8.GetBytes(new JsonObject
        {
            ["status"] = new JsonObject { ["conditions"] = new JsonArray(Condition("Ready"), Condition("ContainersReady")) },
        }.ToJsonString());
    }
}
