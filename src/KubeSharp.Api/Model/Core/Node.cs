using System.ComponentModel;
using System.Text.Json.Serialization;

namespace KubeSharp.Api.Model.Core;

[Kind("", "v1", "Node"), Description("A machine that runs pods.")]
public sealed record Node : KubernetesObject
{
    [Proto(2), Description("How the node is configured.")]
    public NodeSpec? Spec { get; init; }

    [Proto(3), Description("Most recently observed state of the node.")]
    public NodeStatus? Status { get; init; }
}

[Description("A page of nodes.")]
public sealed record NodeList : KubernetesList<Node>;

[Description("Desired configuration of a node.")]
public sealed record NodeSpec
{
    [Proto(1), Description("Pod IP range assigned to the node.")]
    public string? PodCIDR { get; init; }

    [Proto(7), Patch("merge"), ListType("set"), Description("Pod IP ranges assigned to the node, one per address family.")]
    public List<string>? PodCIDRs { get; init; }

    [Proto(3), Description("ID of the node at the cloud provider.")]
    public string? ProviderID { get; init; }

    [Proto(4), Description("Keep new pods off the node.")]
    public bool? Unschedulable { get; init; }

    [Proto(5), ListType("atomic"), Description("Taints that repel pods without a matching toleration.")]
    public List<Taint>? Taints { get; init; }

    [Proto(6), Description("Deprecated dynamic kubelet configuration source.")]
    public NodeConfigSource? ConfigSource { get; init; }

    [Proto(2), Description("Deprecated; not used.")]
    public string? ExternalID { get; init; }
}

[Description("Observed state of a node.")]
public sealed record NodeStatus
{
    [Proto(1), Description("Total resources of the node.")]
    public Dictionary<string, Quantity>? Capacity { get; init; }

    [Proto(2), Description("Resources available to pods.")]
    public Dictionary<string, Quantity>? Allocatable { get; init; }

    [Proto(3), Description("Deprecated lifecycle phase.")]
    public string? Phase { get; init; }

    [Proto(4), Patch("merge", MergeKey = "type"), ListType("map", "type"), Description("Current conditions such as Ready and MemoryPressure.")]
    public List<NodeCondition>? Conditions { get; init; }

    [Proto(5), Patch("merge", MergeKey = "type"), ListType("map", "type"), Description("Addresses the node is reachable at.")]
    public List<NodeAddress>? Addresses { get; init; }

    [Proto(6), Description("Ports of daemons running on the node.")]
    public NodeDaemonEndpoints? DaemonEndpoints { get; init; }

    [Proto(7), Description("Versions and identifiers reported by the node.")]
    public NodeSystemInfo? NodeInfo { get; init; }

    [Proto(8), ListType("atomic"), Description("Container images present on the node.")]
    public List<ContainerImage>? Images { get; init; }

    [Proto(9), ListType("atomic"), Description("Attached volumes that are in use.")]
    public List<string>? VolumesInUse { get; init; }

    [Proto(10), ListType("atomic"), Description("Volumes attached to the node.")]
    public List<AttachedVolume>? VolumesAttached { get; init; }

    [Proto(11), Description("Status of the dynamic kubelet configuration.")]
    public NodeConfigStatus? Config { get; init; }

    [Proto(12), ListType("atomic"), Description("Runtime handlers the node offers.")]
    public List<NodeRuntimeHandler>? RuntimeHandlers { get; init; }

    [Proto(13), Description("Optional features the node supports.")]
    public NodeFeatures? Features { get; init; }
}

[Description("A mark on a node that repels pods that do not tolerate it.")]
public sealed record Taint
{
    [Proto(1), RequiredField, Description("Taint key.")]
    public string Key { get; init; } = "";

    [Proto(2), Description("Taint value.")]
    public string? Value { get; init; }

    [Proto(3), RequiredField, Description("NoSchedule, PreferNoSchedule or NoExecute.")]
    public string Effect { get; init; } = "";

    [Proto(4), Description("When a NoExecute taint was added.")]
    public DateTimeOffset? TimeAdded { get; init; }
}

[Description("Deprecated source of node configuration.")]
public sealed record NodeConfigSource
{
    [Proto(2), Description("ConfigMap holding the configuration.")]
    public ConfigMapNodeConfigSource? ConfigMap { get; init; }
}

[Description("Deprecated reference to a ConfigMap with kubelet configuration.")]
public sealed record ConfigMapNodeConfigSource
{
    [Proto(1), RequiredField, Description("Namespace of the ConfigMap.")]
    public string Namespace { get; init; } = "";

    [Proto(2), RequiredField, Description("Name of the ConfigMap.")]
    public string Name { get; init; } = "";

    [Proto(3), Description("UID of the ConfigMap.")]
    public string? UID { get; init; }

    [Proto(4), Description("Resource version of the ConfigMap.")]
    public string? ResourceVersion { get; init; }

    [Proto(5), RequiredField, Description("Key holding the KubeletConfiguration.")]
    public string KubeletConfigKey { get; init; } = "";
}

[Description("One condition of a node.")]
public sealed record NodeCondition
{
    [Proto(1), RequiredField, Description("Ready, MemoryPressure, DiskPressure, PIDPressure or NetworkUnavailable.")]
    public string Type { get; init; } = "";

    [Proto(2), RequiredField, Description("True, False or Unknown.")]
    public string Status { get; init; } = "";

    [Proto(3), Description("When the condition was last reported.")]
    public DateTimeOffset? LastHeartbeatTime { get; init; }

    [Proto(4), Description("When the condition last changed status.")]
    public DateTimeOffset? LastTransitionTime { get; init; }

    [Proto(5), Description("Short machine-readable reason in CamelCase.")]
    public string? Reason { get; init; }

    [Proto(6), Description("Human-readable details.")]
    public string? Message { get; init; }
}

[Description("One address of a node.")]
public sealed record NodeAddress
{
    [Proto(1), RequiredField, Description("Hostname, InternalIP, ExternalIP, InternalDNS or ExternalDNS.")]
    public string Type { get; init; } = "";

    [Proto(2), RequiredField, Description("The address.")]
    public string Address { get; init; } = "";
}

[Description("Ports opened by daemons on the node.")]
public sealed record NodeDaemonEndpoints
{
    [Proto(1), Description("Where the kubelet listens.")]
    public DaemonEndpoint? KubeletEndpoint { get; init; }
}

[Description("One daemon port.")]
public sealed record DaemonEndpoint
{
    [Proto(1), RequiredField, JsonPropertyName("Port"), Description("Port number.")]
    public int? Port { get; init; }
}

[Description("Identifiers and versions a node reports about itself.")]
public sealed record NodeSystemInfo
{
    [Proto(1), RequiredField, Description("Machine ID from /etc/machine-id.")]
    public string MachineID { get; init; } = "";

    [Proto(2), RequiredField, Description("System UUID from the firmware.")]
    public string SystemUUID { get; init; } = "";

    [Proto(3), RequiredField, Description("ID of the current boot.")]
    public string BootID { get; init; } = "";

    [Proto(4), RequiredField, Description("Kernel version.")]
    public string KernelVersion { get; init; } = "";

    [Proto(5), RequiredField, Description("Operating system image, as from /etc/os-release.")]
    public string OSImage { get; init; } = "";

    [Proto(6), RequiredField, Description("Container runtime name and version.")]
    public string ContainerRuntimeVersion { get; init; } = "";

    [Proto(7), RequiredField, Description("Kubelet version.")]
    public string KubeletVersion { get; init; } = "";

    [Proto(8), RequiredField, Description("Deprecated kube-proxy version.")]
    public string KubeProxyVersion { get; init; } = "";

    [Proto(9), RequiredField, Description("Operating system, such as linux.")]
    public string OperatingSystem { get; init; } = "";

    [Proto(10), RequiredField, Description("CPU architecture, such as amd64.")]
    public string Architecture { get; init; } = "";
}

[Description("An image present on a node.")]
public sealed record ContainerImage
{
    [Proto(1), ListType("atomic"), Description("Names the image is known by.")]
    public List<string>? Names { get; init; }

    [Proto(2), Description("Size of the image.")]
    public long? SizeBytes { get; init; }
}

[Description("A volume attached to a node.")]
public sealed record AttachedVolume
{
    [Proto(1), RequiredField, Description("Name of the volume.")]
    public string Name { get; init; } = "";

    [Proto(2), RequiredField, Description("Device path where the volume is available.")]
    public string DevicePath { get; init; } = "";
}

[Description("Deprecated status of dynamic kubelet configuration.")]
public sealed record NodeConfigStatus
{
    [Proto(1), Description("Configuration the node is told to use.")]
    public NodeConfigSource? Assigned { get; init; }

    [Proto(2), Description("Configuration the node runs with.")]
    public NodeConfigSource? Active { get; init; }

    [Proto(3), Description("Configuration the node falls back to.")]
    public NodeConfigSource? LastKnownGood { get; init; }

    [Proto(4), Description("Problem applying the configuration.")]
    public string? Error { get; init; }
}

[Description("A runtime handler the node offers.")]
public sealed record NodeRuntimeHandler
{
    [Proto(1), Description("Handler name; empty for the default.")]
    public string? Name { get; init; }

    [Proto(2), Description("Features the handler supports.")]
    public NodeRuntimeHandlerFeatures? Features { get; init; }
}

[Description("Features of a runtime handler.")]
public sealed record NodeRuntimeHandlerFeatures
{
    [Proto(1), Description("Supports recursive read-only mounts.")]
    public bool? RecursiveReadOnlyMounts { get; init; }

    [Proto(2), Description("Supports user namespaces.")]
    public bool? UserNamespaces { get; init; }
}

[Description("Optional features implemented by a node.")]
public sealed record NodeFeatures
{
    [Proto(1), Description("Supports the supplementalGroupsPolicy pod setting.")]
    public bool? SupplementalGroupsPolicy { get; init; }
}
