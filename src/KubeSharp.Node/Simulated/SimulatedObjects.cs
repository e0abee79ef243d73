using System.Text.Json.Nodes;
using KubeSharp.Api.Model;

namespace KubeSharp.Node.Simulated;

/// <summary>The Node and Lease objects a simulated node registers and renews.</summary>
static class SimulatedObjects
{
    public const string LeaseNamespace = "kube-node-lease";
    public const int LeaseDurationSeconds = 40;

    public static JsonObject Node(SimulatedNode node, DateTimeOffset now)
    {
        var time = KubeJson.FormatTime(now);
        JsonObject Condition(string type, string status, string reason, string message) => new()
        {
            ["type"] = type,
            ["status"] = status,
            ["lastHeartbeatTime"] = time,
            ["lastTransitionTime"] = time,
            ["reason"] = reason,
            ["message"] = message,
        };
        JsonObject Resources() => new() { ["cpu"] = "32", ["memory"] = "256Gi", ["pods"] = "110", ["ephemeral-storage"] = "1Ti" };
        return new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Node",
            ["metadata"] = new JsonObject
            {
                ["name"] = node.Name,
                ["labels"] = new JsonObject
                {
                    ["kubernetes.io/hostname"] = node.Name,
                    ["kubernetes.io/os"] = "linux",
                    ["kubernetes.io/arch"] = "amd64",
                    ["beta.kubernetes.io/os"] = "linux",
                    ["beta.kubernetes.io/arch"] = "amd64",
                    ["node.kubernetes.io/instance-type"] = "kwok",
                    ["type"] = "kwok",
                },
                ["annotations"] = new JsonObject { ["node.alpha.kubernetes.io/ttl"] = "0", ["kwok.x-k8s.io/node"] = "fake" },
            },
            ["spec"] = new JsonObject { ["podCIDR"] = node.PodCidr, ["podCIDRs"] = new JsonArray(node.PodCidr) },
            ["status"] = new JsonObject
            {
                ["capacity"] = Resources(),
                ["allocatable"] = Resources(),
                ["phase"] = "Running",
                ["conditions"] = new JsonArray(
                    Condition("MemoryPressure", "False", "KubeletHasSufficientMemory", "kubelet has sufficient memory available"),
                    Condition("DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure"),
                    Condition("PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available"),
                    Condition("Ready", "True", "KubeletReady", "kubelet is posting ready status")),
                ["addresses"] = new JsonArray(
                    new JsonObject { ["type"] = "InternalIP", ["address"] = node.HostIp },
                    new JsonObject { ["type"] = "Hostname", ["address"] = node.Name }),
                ["daemonEndpoints"] = new JsonObject { ["kubeletEndpoint"] = new JsonObject { ["Port"] = 10250 } },
                ["nodeInfo"] = new JsonObject
                {
                    ["machineID"] = "",
                    ["systemUUID"] = "",
                    ["bootID"] = "",
                    ["kernelVersion"] = "",
                    ["osImage"] = "",
                    ["containerRuntimeVersion"] = "kwok",
                    ["kubeletVersion"] = "v1.32.0-kubesharp",
                    ["kubeProxyVersion"] = "",
                    ["operatingSystem"] = "linux",
                    ["architecture"] = "amd64",
                },
            },
        };
    }

    public static JsonObject Lease(string nodeName, DateTimeOffset now) => new()
    {
        ["apiVersion"] = "coordination.k8s.io/v1",
        ["kind"] = "Lease",
        ["metadata"] = new JsonObject { ["name"] = nodeName, ["namespace"] = LeaseNamespace },
        ["spec"] = new JsonObject
        {
            ["holderIdentity"] = nodeName,
            ["leaseDurationSeconds"] = LeaseDurationSeconds,
            ["renewTime"] = KubeJson.FormatMicroTime(now),
        },
    };
}
