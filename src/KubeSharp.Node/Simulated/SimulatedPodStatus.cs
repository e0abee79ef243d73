using System.Text.Json.Nodes;
using KubeSharp.Api.Model;
using KubeSharp.Api.Model.Core;

namespace KubeSharp.Node.Simulated;

/// <summary>The status patches a simulated kubelet writes: a pod that started, and a pod that exited.</summary>
static class SimulatedPodStatus
{
    public static JsonObject Running(Pod pod, SimulatedNode node, string podIp, DateTimeOffset now)
    {
        var t = KubeJson.FormatTime(now);
        var spec = pod.Spec ?? new PodSpec();
        var conditions = new JsonArray(
            Condition("PodReadyToStartContainers", "True", t),
            Condition("Initialized", "True", t),
            Condition("Ready", "True", t),
            Condition("ContainersReady", "True", t));
        if (pod.Status?.Conditions?.Any(c => c.Type == "PodScheduled" && c.Status == "True") != true)
            conditions.Add(Condition("PodScheduled", "True", t));
        var status = new JsonObject
        {
            ["phase"] = "Running",
            ["hostIP"] = node.HostIp,
            ["hostIPs"] = new JsonArray(new JsonObject { ["ip"] = node.HostIp }),
            ["podIP"] = podIp,
            ["podIPs"] = new JsonArray(new JsonObject { ["ip"] = podIp }),
            ["startTime"] = t,
            ["conditions"] = conditions,
            ["containerStatuses"] = new JsonArray([.. (spec.Containers ?? []).Select(c => ContainerStatus(pod, c, Running(t), ready: true))]),
        };
        if (spec.InitContainers is { Count: > 0 } inits)
            status["initContainerStatuses"] = new JsonArray([.. inits.Select(c => c.RestartPolicy == "Always"
                ? ContainerStatus(pod, c, Running(t), ready: true)
                : ContainerStatus(pod, c, Terminated(0, t, t), ready: true))]);
        return new JsonObject { ["status"] = status };
    }

    public static JsonObject Exited(Pod pod, int exitCode, DateTimeOffset started, DateTimeOffset now)
    {
        var t = KubeJson.FormatTime(now);
        var from = KubeJson.FormatTime(started);
        var spec = pod.Spec ?? new PodSpec();
        return new JsonObject
        {
            ["status"] = new JsonObject
            {
                ["phase"] = exitCode == 0 ? "Succeeded" : "Failed",
                ["conditions"] = new JsonArray(
                    Condition("PodReadyToStartContainers", "False", t),
                    Condition("Ready", "False", t, "PodCompleted"),
                    Condition("ContainersReady", "False", t, "PodCompleted")),
                ["containerStatuses"] = new JsonArray([.. (spec.Containers ?? []).Select(c => ContainerStatus(pod, c, Terminated(exitCode, from, t), ready: false))]),
            },
        };
    }

    static JsonObject Condition(string type, string status, string time, string? reason = null)
    {
        var c = new JsonObject { ["type"] = type, ["status"] = status, ["lastProbeTime"] = null, ["lastTransitionTime"] = time };
        if (reason is not null) c["reason"] = reason;
        return c;
    }

    static JsonObject Running(string time) => new() { ["running"] = new JsonObject { ["startedAt"] = time } };

    static JsonObject Terminated(int exitCode, string started, string finished) => new()
    {
        ["terminated"] = new JsonObject
        {
            ["exitCode"] = exitCode,
            ["reason"] = exitCode == 0 ? "Completed" : "Error",
            ["startedAt"] = started,
            ["finishedAt"] = finished,
        },
    };

    static JsonObject ContainerStatus(Pod pod, Container c, JsonObject state, bool ready) => new()
    {
        ["name"] = c.Name,
        ["image"] = c.Image ?? "",
        ["imageID"] = c.Image ?? "",
        ["containerID"] = $"kwok://{pod.Metadata.Uid}-{c.Name}",
        ["ready"] = ready,
        ["started"] = state.ContainsKey("running"),
        ["restartCount"] = 0,
        ["state"] = state,
    };
}
