using System.Globalization;
using System.Text.Json.Nodes;
using KubeSharp.Api.Model;

namespace KubeSharp.Node.Kubelet.NodeStatus;

/// <summary>The Node object and its Lease as this agent registers and refreshes them.</summary>
public static class NodeObjects
{
    public const string LeaseNamespace = "kube-node-lease";
    public const int LeaseDurationSeconds = 40;

    public static JsonObject Node(KubeletOptions options, NodeFacts facts)
    {
        var labels = new JsonObject
        {
            ["kubernetes.io/hostname"] = options.NodeName,
            ["kubernetes.io/os"] = "linux",
            ["kubernetes.io/arch"] = "amd64",
            ["beta.kubernetes.io/os"] = "linux",
            ["beta.kubernetes.io/arch"] = "amd64",
        };
        if (options.ControlPlane)
        {
            labels["node-role.kubernetes.io/control-plane"] = "true";
            labels["node-role.kubernetes.io/master"] = "true";
        }
        return new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Node",
            ["metadata"] = new JsonObject
            {
                ["name"] = options.NodeName,
                ["labels"] = labels,
                ["annotations"] = new JsonObject { ["node.alpha.kubernetes.io/ttl"] = "0" },
            },
            ["spec"] = new JsonObject { ["podCIDR"] = options.PodCidr, ["podCIDRs"] = new JsonArray(options.PodCidr) },
        };
    }

    /// <summary>The full node status; condition transition times are kept from <paramref name="previous"/> while a condition holds.</summary>
    public static JsonObject Status(KubeletOptions options, NodeFacts facts, DateTimeOffset now, JsonObject? previous)
    {
        var time = KubeJson.FormatTime(now);
        JsonObject Condition(string type, string status, string reason, string message)
        {
            var transition = time;
            if (previous?["conditions"] is JsonArray old
                && old.OfType<JsonObject>().FirstOrDefault(c => (string?)c["type"] == type) is { } before
                && (string?)before["status"] == status && before["lastTransitionTime"] is JsonValue t)
                transition = t.GetValue<string>();
            return new JsonObject
            {
                ["type"] = type,
                ["status"] = status,
                ["lastHeartbeatTime"] = time,
                ["lastTransitionTime"] = transition,
                ["reason"] = reason,
                ["message"] = message,
            };
        }
        var capacity = Resources(facts, facts.MemoryBytes, facts.EphemeralStorageBytes);
        // Like upstream's defaults: 100Mi hard eviction threshold for memory, 10% for ephemeral storage.
        var allocatable = Resources(facts, Math.Max(0, facts.MemoryBytes - 100L * 1024 * 1024), facts.EphemeralStorageBytes * 9 / 10);
        return new JsonObject
        {
            ["capacity"] = capacity,
            ["allocatable"] = allocatable,
            ["phase"] = "Running",
            ["conditions"] = new JsonArray(
                Condition("MemoryPressure", "False", "KubeletHasSufficientMemory", "kubelet has sufficient memory available"),
                Condition("DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure"),
                Condition("PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available"),
                Condition("Ready", "True", "KubeletReady", "kubelet is posting ready status")),
            ["addresses"] = new JsonArray(
                new JsonObject { ["type"] = "InternalIP", ["address"] = facts.HostIp },
                new JsonObject { ["type"] = "Hostname", ["address"] = options.NodeName }),
            ["daemonEndpoints"] = new JsonObject { ["kubeletEndpoint"] = new JsonObject { ["Port"] = 10250 } },
            ["nodeInfo"] = new JsonObject
            {
                ["machineID"] = facts.MachineId,
                ["systemUUID"] = facts.MachineId,
                ["bootID"] = facts.BootId,
                ["kernelVersion"] = facts.KernelVersion,
                ["osImage"] = facts.OsImage,
                ["containerRuntimeVersion"] = KubeletOptions.RuntimeVersion,
                ["kubeletVersion"] = KubeletOptions.KubeletVersion,
                ["kubeProxyVersion"] = "",
                ["operatingSystem"] = "linux",
                ["architecture"] = "amd64",
            },
        };
    }

    static JsonObject Resources(NodeFacts facts, long memory, long storage) => new()
    {
        ["cpu"] = facts.Cpus.ToString(CultureInfo.InvariantCulture),
        ["memory"] = (memory / 1024).ToString(CultureInfo.InvariantCulture) + "Ki",
        ["pods"] = KubeletOptions.MaxPods.ToString(CultureInfo.InvariantCulture),
        ["ephemeral-storage"] = storage.ToString(CultureInfo.InvariantCulture),
        ["hugepages-1Gi"] = "0",
        ["hugepages-2Mi"] = "0",
    };

    public static JsonObject Lease(string nodeName, string? nodeUid, DateTimeOffset now)
    {
        var metadata = new JsonObject { ["name"] = nodeName, ["namespace"] = LeaseNamespace };
        if (nodeUid is not null)
            metadata["ownerReferences"] = new JsonArray(new JsonObject
            {
                ["apiVersion"] = "v1", ["kind"] = "Node", ["name"] = nodeName, ["uid"] = nodeUid,
            });
        return new JsonObject
        {
            ["apiVersion"] = "coordination.k8s.io/v1",
            ["kind"] = "Lease",
            ["metadata"] = metadata,
            ["spec"] = new JsonObject
            {
                ["holderIdentity"] = nodeName,
                ["leaseDurationSeconds"] = LeaseDurationSeconds,
                ["renewTime"] = KubeJson.FormatMicroTime(now),
            },
        };
    }
}
