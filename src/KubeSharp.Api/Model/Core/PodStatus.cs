using System.ComponentModel;

namespace KubeSharp.Api.Model.Core;

[Description("Observed state of a pod.")]
public sealed record PodStatus
{
    [Proto(1), Description("Pending, Running, Succeeded, Failed or Unknown.")]
    public string? Phase { get; init; }

    [Proto(2), Patch("merge", MergeKey = "type"), ListType("map", "type"), Description("Current conditions of the pod, such as Ready and PodScheduled.")]
    public List<PodCondition>? Conditions { get; init; }

    [Proto(3), Description("Human-readable reason for the pod's state.")]
    public string? Message { get; init; }

    [Proto(4), Description("Short reason for the pod's state, such as Evicted.")]
    public string? Reason { get; init; }

    [Proto(11), Description("Node the pod may run on once preemption completes.")]
    public string? NominatedNodeName { get; init; }

    [Proto(5), Description("Primary IP of the node the pod runs on.")]
    public string? HostIP { get; init; }

    [Proto(16), Patch("merge", MergeKey = "ip"), ListType("atomic"), Description("IPs of the node the pod runs on, one per address family.")]
    public List<HostIP>? HostIPs { get; init; }

    [Proto(6), Description("Primary IP of the pod.")]
    public string? PodIP { get; init; }

    [Proto(12), Patch("merge", MergeKey = "ip"), ListType("map", "ip"), Description("IPs of the pod, one per address family.")]
    public List<PodIP>? PodIPs { get; init; }

    [Proto(7), Description("When the kubelet accepted the pod.")]
    public DateTimeOffset? StartTime { get; init; }

    [Proto(10), ListType("atomic"), Description("Status of each init container.")]
    public List<ContainerStatus>? InitContainerStatuses { get; init; }

    [Proto(8), ListType("atomic"), Description("Status of each app container.")]
    public List<ContainerStatus>? ContainerStatuses { get; init; }

    [Proto(9), Description("Guaranteed, Burstable or BestEffort, from the resource requests and limits.")]
    public string? QOSClass { get; init; }

    [Proto(13), ListType("atomic"), Description("Status of each ephemeral container.")]
    public List<ContainerStatus>? EphemeralContainerStatuses { get; init; }

    [Proto(14), Description("Progress of an in-place resource resize.")]
    public string? Resize { get; init; }

    [Proto(15), Patch("merge,retainKeys", MergeKey = "name"), ListType("map", "name"), Description("Names of the ResourceClaims generated for the pod.")]
    public List<PodResourceClaimStatus>? ResourceClaimStatuses { get; init; }
}

[Description("One condition of a pod.")]
public sealed record PodCondition
{
    [Proto(1), RequiredField, Description("PodScheduled, Initialized, ContainersReady, Ready or another condition type.")]
    public string Type { get; init; } = "";

    [Proto(2), RequiredField, Description("True, False or Unknown.")]
    public string Status { get; init; } = "";

    [Proto(3), Description("When the condition was last checked.")]
    public DateTimeOffset? LastProbeTime { get; init; }

    [Proto(4), Description("When the condition last changed status.")]
    public DateTimeOffset? LastTransitionTime { get; init; }

    [Proto(5), Description("Short machine-readable reason in CamelCase.")]
    public string? Reason { get; init; }

    [Proto(6), Description("Human-readable details.")]
    public string? Message { get; init; }
}

[Description("One IP address of a pod.")]
public sealed record PodIP
{
    [Proto(1), RequiredField, Description("The address.")]
    public string IP { get; init; } = "";
}

[Description("One IP address of a pod's node.")]
public sealed record HostIP
{
    [Proto(1), RequiredField, Description("The address.")]
    public string IP { get; init; } = "";
}

[Description("The ResourceClaim generated for one of the pod's claims.")]
public sealed record PodResourceClaimStatus
{
    [Proto(1), RequiredField, Description("Name of the claim entry in the pod spec.")]
    public string Name { get; init; } = "";

    [Proto(2), Description("Name of the generated ResourceClaim.")]
    public string? ResourceClaimName { get; init; }
}

[Description("Observed state of one container.")]
public sealed record ContainerStatus
{
    [Proto(1), RequiredField, Description("Name of the container, as in the pod spec.")]
    public string Name { get; init; } = "";

    [Proto(2), Description("Current state of the container.")]
    public ContainerState? State { get; init; }

    [Proto(3), Description("State the container was in when it last stopped.")]
    public ContainerState? LastState { get; init; }

    [Proto(4), RequiredField, Description("Whether the container passes its readiness probe.")]
    public bool? Ready { get; init; }

    [Proto(5), RequiredField, Description("Number of times the container has restarted.")]
    public int? RestartCount { get; init; }

    [Proto(6), RequiredField, Description("Image the container runs.")]
    public string Image { get; init; } = "";

    [Proto(7), RequiredField, Description("Digest-qualified ID of the image that runs.")]
    public string ImageID { get; init; } = "";

    [Proto(8), Description("Runtime ID of the container, as runtime://id.")]
    public string? ContainerID { get; init; }

    [Proto(9), Description("Whether the container passed its startup probe.")]
    public bool? Started { get; init; }

    [Proto(10), Description("Resources the node allocated to the container.")]
    public Dictionary<string, Quantity>? AllocatedResources { get; init; }

    [Proto(11), Description("Resource requests and limits in effect for the running container.")]
    public ResourceRequirements? Resources { get; init; }

    [Proto(12), Patch("merge", MergeKey = "mountPath"), ListType("map", "mountPath"), Description("Status of the container's volume mounts.")]
    public List<VolumeMountStatus>? VolumeMounts { get; init; }

    [Proto(13), Description("Identity the container's first process runs as.")]
    public ContainerUser? User { get; init; }

    [Proto(14), Patch("merge", MergeKey = "name"), ListType("map", "name"), Description("Health of the devices assigned to the container.")]
    public List<ResourceStatus>? AllocatedResourcesStatus { get; init; }
}

[Description("State of a container; exactly one member is set.")]
public sealed record ContainerState
{
    [Proto(1), Description("Set while the container is not yet running.")]
    public ContainerStateWaiting? Waiting { get; init; }

    [Proto(2), Description("Set while the container runs.")]
    public ContainerStateRunning? Running { get; init; }

    [Proto(3), Description("Set once the container has stopped.")]
    public ContainerStateTerminated? Terminated { get; init; }
}

[Description("A container that has not started yet.")]
public sealed record ContainerStateWaiting
{
    [Proto(1), Description("Why it waits, such as ContainerCreating or ImagePullBackOff.")]
    public string? Reason { get; init; }

    [Proto(2), Description("Human-readable details.")]
    public string? Message { get; init; }
}

[Description("A running container.")]
public sealed record ContainerStateRunning
{
    [Proto(1), Description("When the container last started.")]
    public DateTimeOffset? StartedAt { get; init; }
}

[Description("A container that has stopped.")]
public sealed record ContainerStateTerminated
{
    [Proto(1), RequiredField, Description("Exit code of the last run.")]
    public int? ExitCode { get; init; }

    [Proto(2), Description("Signal that stopped the container.")]
    public int? Signal { get; init; }

    [Proto(3), Description("Why it stopped, such as Completed, Error or OOMKilled.")]
    public string? Reason { get; init; }

    [Proto(4), Description("Human-readable details.")]
    public string? Message { get; init; }

    [Proto(5), Description("When the last run started.")]
    public DateTimeOffset? StartedAt { get; init; }

    [Proto(6), Description("When the last run ended.")]
    public DateTimeOffset? FinishedAt { get; init; }

    [Proto(7), Description("Runtime ID of the stopped container.")]
    public string? ContainerID { get; init; }
}

[Description("Status of one volume mount.")]
public sealed record VolumeMountStatus
{
    [Proto(1), RequiredField, Description("Name of the mount, matching a volumeMount.")]
    public string Name { get; init; } = "";

    [Proto(2), RequiredField, Description("Where the volume is mounted.")]
    public string MountPath { get; init; } = "";

    [Proto(3), Description("Whether the mount is read-only.")]
    public bool? ReadOnly { get; init; }

    [Proto(4), Description("Whether submounts are read-only too.")]
    public string? RecursiveReadOnly { get; init; }
}

[Description("Identities the container's process runs as.")]
public sealed record ContainerUser
{
    [Proto(1), Description("Linux user and group IDs.")]
    public LinuxContainerUser? Linux { get; init; }
}

[Description("Linux identity of a container process.")]
public sealed record LinuxContainerUser
{
    [Proto(1), RequiredField, Description("User ID.")]
    public long? UID { get; init; }

    [Proto(2), RequiredField, Description("Primary group ID.")]
    public long? GID { get; init; }

    [Proto(3), ListType("atomic"), Description("Supplementary group IDs.")]
    public List<long>? SupplementalGroups { get; init; }
}

[Description("Health of the devices backing one resource.")]
public sealed record ResourceStatus
{
    [Proto(1), RequiredField, Description("Resource name, such as a device plugin resource or claim.")]
    public string Name { get; init; } = "";

    [Proto(2), ListType("map", "resourceID"), Description("Health of each allocated device.")]
    public List<ResourceHealth>? Resources { get; init; }
}

[Description("Health of one device.")]
public sealed record ResourceHealth
{
    [Proto(1), RequiredField, Description("ID of the device.")]
    public string ResourceID { get; init; } = "";

    [Proto(2), Description("Healthy, Unhealthy or Unknown.")]
    public string? Health { get; init; }
}
