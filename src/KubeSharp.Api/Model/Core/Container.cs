using System.ComponentModel;
using System.Text.Json.Serialization;

namespace KubeSharp.Api.Model.Core;

[Description("One container of a pod.")]
public sealed record Container
{
    [Proto(1), RequiredField, Description("Name of the container, unique within the pod.")]
    public string Name { get; init; } = "";

    [Proto(2), Description("Image to run.")]
    public string? Image { get; init; }

    [Proto(3), ListType("atomic"), Description("Entrypoint to run instead of the image's ENTRYPOINT.")]
    public List<string>? Command { get; init; }

    [Proto(4), ListType("atomic"), Description("Arguments to pass instead of the image's CMD.")]
    public List<string>? Args { get; init; }

    [Proto(5), Description("Working directory; the image's default when unset.")]
    public string? WorkingDir { get; init; }

    [Proto(6), Patch("merge", MergeKey = "containerPort"), ListType("map", "containerPort", "protocol"), Description("Ports the container exposes; informational, but used by named-port lookup.")]
    public List<ContainerPort>? Ports { get; init; }

    [Proto(19), ListType("atomic"), Description("Sources from which all keys become environment variables.")]
    public List<EnvFromSource>? EnvFrom { get; init; }

    [Proto(7), Patch("merge", MergeKey = "name"), ListType("map", "name"), Description("Environment variables to set.")]
    public List<EnvVar>? Env { get; init; }

    [Proto(8), Description("Compute resources requested and limited for the container.")]
    public ResourceRequirements? Resources { get; init; }

    [Proto(23), ListType("atomic"), Description("Whether each resource can be resized without restarting.")]
    public List<ContainerResizePolicy>? ResizePolicy { get; init; }

    [Proto(24), Description("Always makes an init container a sidecar that keeps running.")]
    public string? RestartPolicy { get; init; }

    [Proto(9), Patch("merge", MergeKey = "mountPath"), ListType("map", "mountPath"), Description("Volumes to mount into the container's filesystem.")]
    public List<VolumeMount>? VolumeMounts { get; init; }

    [Proto(21), Patch("merge", MergeKey = "devicePath"), ListType("map", "devicePath"), Description("Block volumes to expose as devices.")]
    public List<VolumeDevice>? VolumeDevices { get; init; }

    [Proto(10), Description("Probe whose failure restarts the container.")]
    public Probe? LivenessProbe { get; init; }

    [Proto(11), Description("Probe that decides whether the container receives traffic.")]
    public Probe? ReadinessProbe { get; init; }

    [Proto(22), Description("Probe that must succeed before the other probes run.")]
    public Probe? StartupProbe { get; init; }

    [Proto(12), Description("Hooks run after start and before stop.")]
    public Lifecycle? Lifecycle { get; init; }

    [Proto(13), Description("File whose content becomes the termination message.")]
    public string? TerminationMessagePath { get; init; }

    [Proto(20), Description("File or FallbackToLogsOnError.")]
    public string? TerminationMessagePolicy { get; init; }

    [Proto(14), Description("Always, Never or IfNotPresent.")]
    public string? ImagePullPolicy { get; init; }

    [Proto(15), Description("Security settings for this container.")]
    public SecurityContext? SecurityContext { get; init; }

    [Proto(16), Description("Keep a stdin buffer open for the container.")]
    public bool? Stdin { get; init; }

    [Proto(17), Description("Close stdin after the first attach session ends.")]
    public bool? StdinOnce { get; init; }

    [Proto(18), Description("Allocate a TTY for the container.")]
    public bool? TTY { get; init; }
}

[Description("A temporary container added to a running pod, typically for debugging.")]
public sealed record EphemeralContainer
{
    [ProtoEmbedded(1, 1), RequiredField, Description("Name of the container, unique within the pod.")]
    public string Name { get; init; } = "";

    [ProtoEmbedded(1, 2), Description("Image to run.")]
    public string? Image { get; init; }

    [ProtoEmbedded(1, 3), ListType("atomic"), Description("Entrypoint to run instead of the image's ENTRYPOINT.")]
    public List<string>? Command { get; init; }

    [ProtoEmbedded(1, 4), ListType("atomic"), Description("Arguments to pass instead of the image's CMD.")]
    public List<string>? Args { get; init; }

    [ProtoEmbedded(1, 5), Description("Working directory; the image's default when unset.")]
    public string? WorkingDir { get; init; }

    [ProtoEmbedded(1, 6), Patch("merge", MergeKey = "containerPort"), ListType("map", "containerPort", "protocol"), Description("Ports the container exposes; informational, but used by named-port lookup.")]
    public List<ContainerPort>? Ports { get; init; }

    [ProtoEmbedded(1, 19), ListType("atomic"), Description("Sources from which all keys become environment variables.")]
    public List<EnvFromSource>? EnvFrom { get; init; }

    [ProtoEmbedded(1, 7), Patch("merge", MergeKey = "name"), ListType("map", "name"), Description("Environment variables to set.")]
    public List<EnvVar>? Env { get; init; }

    [ProtoEmbedded(1, 8), Description("Compute resources requested and limited for the container.")]
    public ResourceRequirements? Resources { get; init; }

    [ProtoEmbedded(1, 23), ListType("atomic"), Description("Whether each resource can be resized without restarting.")]
    public List<ContainerResizePolicy>? ResizePolicy { get; init; }

    [ProtoEmbedded(1, 24), Description("Always makes an init container a sidecar that keeps running.")]
    public string? RestartPolicy { get; init; }

    [ProtoEmbedded(1, 9), Patch("merge", MergeKey = "mountPath"), ListType("map", "mountPath"), Description("Volumes to mount into the container's filesystem.")]
    public List<VolumeMount>? VolumeMounts { get; init; }

    [ProtoEmbedded(1, 21), Patch("merge", MergeKey = "devicePath"), ListType("map", "devicePath"), Description("Block volumes to expose as devices.")]
    public List<VolumeDevice>? VolumeDevices { get; init; }

    [ProtoEmbedded(1, 10), Description("Probe whose failure restarts the container.")]
    public Probe? LivenessProbe { get; init; }

    [ProtoEmbedded(1, 11), Description("Probe that decides whether the container receives traffic.")]
    public Probe? ReadinessProbe { get; init; }

    [ProtoEmbedded(1, 22), Description("Probe that must succeed before the other probes run.")]
    public Probe? StartupProbe { get; init; }

    [ProtoEmbedded(1, 12), Description("Hooks run after start and before stop.")]
    public Lifecycle? Lifecycle { get; init; }

    [ProtoEmbedded(1, 13), Description("File whose content becomes the termination message.")]
    public string? TerminationMessagePath { get; init; }

    [ProtoEmbedded(1, 20), Description("File or FallbackToLogsOnError.")]
    public string? TerminationMessagePolicy { get; init; }

    [ProtoEmbedded(1, 14), Description("Always, Never or IfNotPresent.")]
    public string? ImagePullPolicy { get; init; }

    [ProtoEmbedded(1, 15), Description("Security settings for this container.")]
    public SecurityContext? SecurityContext { get; init; }

    [ProtoEmbedded(1, 16), Description("Keep a stdin buffer open for the container.")]
    public bool? Stdin { get; init; }

    [ProtoEmbedded(1, 17), Description("Close stdin after the first attach session ends.")]
    public bool? StdinOnce { get; init; }

    [ProtoEmbedded(1, 18), Description("Allocate a TTY for the container.")]
    public bool? TTY { get; init; }

    [Proto(2), Description("Container whose namespaces the ephemeral container joins.")]
    public string? TargetContainerName { get; init; }
}

[Description("One network port of a container.")]
public sealed record ContainerPort
{
    [Proto(1), Description("Name of the port, which services can refer to.")]
    public string? Name { get; init; }

    [Proto(2), Description("Port to expose on the node.")]
    public int? HostPort { get; init; }

    [Proto(3), RequiredField, JsonPropertyName("containerPort"), Description("Port number on the pod's IP.")]
    public int? ContainerPortNumber { get; init; }

    [Proto(4), Description("TCP, UDP or SCTP; TCP when unset.")]
    public string? Protocol { get; init; }

    [Proto(5), Description("Node IP to bind the host port to.")]
    public string? HostIP { get; init; }
}

[Description("Resize behaviour for one resource.")]
public sealed record ContainerResizePolicy
{
    [Proto(1), RequiredField, Description("cpu or memory.")]
    public string ResourceName { get; init; } = "";

    [Proto(2), RequiredField, Description("NotRequired or RestartContainer.")]
    public string RestartPolicy { get; init; } = "";
}

[Description("Mounts one volume into a container.")]
public sealed record VolumeMount
{
    [Proto(1), RequiredField, Description("Volume to mount, by name.")]
    public string Name { get; init; } = "";

    [Proto(2), Description("Mount read-only.")]
    public bool? ReadOnly { get; init; }

    [Proto(7), Description("Disabled, IfPossible or Enabled: whether submounts are read-only too.")]
    public string? RecursiveReadOnly { get; init; }

    [Proto(3), RequiredField, Description("Path inside the container.")]
    public string MountPath { get; init; } = "";

    [Proto(4), Description("Sub-path of the volume to mount instead of its root.")]
    public string? SubPath { get; init; }

    [Proto(5), Description("None, HostToContainer or Bidirectional.")]
    public string? MountPropagation { get; init; }

    [Proto(6), Description("Like subPath, with $(VAR) references expanded from the environment.")]
    public string? SubPathExpr { get; init; }
}

[Description("Maps a block volume to a device path.")]
public sealed record VolumeDevice
{
    [Proto(1), RequiredField, Description("Claim volume to expose, by name.")]
    public string Name { get; init; } = "";

    [Proto(2), RequiredField, Description("Device path inside the container.")]
    public string DevicePath { get; init; } = "";
}

[Description("Compute resource requests and limits.")]
public sealed record ResourceRequirements
{
    [Proto(1), Description("Maximum amount of each resource the container may use.")]
    public Dictionary<string, Quantity>? Limits { get; init; }

    [Proto(2), Description("Amount of each resource the scheduler reserves.")]
    public Dictionary<string, Quantity>? Requests { get; init; }

    [Proto(3), ListType("map", "name"), Description("Pod resource claims this container uses.")]
    public List<ResourceClaim>? Claims { get; init; }
}

[Description("A reference to one of the pod's resource claims.")]
public sealed record ResourceClaim
{
    [Proto(1), RequiredField, Description("Name of a claim in the pod's resourceClaims.")]
    public string Name { get; init; } = "";

    [Proto(2), Description("Single request within the claim to use.")]
    public string? Request { get; init; }
}
