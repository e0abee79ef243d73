namespace KubeSharp.Node.Runtime;

public enum ContainerState
{
    Created,
    Running,
    Exited,
    Unknown,
}

public enum PodSandboxState
{
    Ready,
    NotReady,
}

/// <summary>A container as listed (CRI <c>Container</c>).</summary>
public sealed record ContainerInfo(
    string Id,
    string PodSandboxId,
    string Name,
    int Attempt,
    string Image,
    string ImageId,
    ContainerState State,
    DateTimeOffset CreatedAt,
    IReadOnlyDictionary<string, string> Labels,
    IReadOnlyDictionary<string, string> Annotations);

/// <summary>The detailed state of one container (CRI <c>ContainerStatus</c>).</summary>
/// <param name="Reason">For exited containers: <c>Completed</c>, <c>Error</c>, <c>OOMKilled</c> or <c>StartError</c>.</param>
public sealed record ContainerStatus(
    string Id,
    string PodSandboxId,
    string Name,
    int Attempt,
    string Image,
    string ImageId,
    ContainerState State,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    int? ExitCode,
    string? Reason,
    string? Message,
    string LogPath,
    int? Pid,
    IReadOnlyDictionary<string, string> Labels,
    IReadOnlyDictionary<string, string> Annotations);

/// <summary>A pod sandbox as listed (CRI <c>PodSandbox</c> + <c>PodSandboxStatus</c>).</summary>
public sealed record PodSandboxInfo(
    string Id,
    PodSandboxMetadata Metadata,
    PodSandboxState State,
    DateTimeOffset CreatedAt,
    string? Ip,
    string NetnsPath,
    IReadOnlyDictionary<string, string> Labels,
    IReadOnlyDictionary<string, string> Annotations);

public sealed record RunPodSandboxResult(string Id, string Ip);

/// <summary>Filters for <see cref="IContainerRuntime.ListContainersAsync"/>; null fields match everything.</summary>
public sealed record ContainerFilter(
    string? Id = null,
    string? PodSandboxId = null,
    ContainerState? State = null,
    IReadOnlyDictionary<string, string>? LabelSelector = null);

public sealed record PodSandboxFilter(
    string? Id = null,
    PodSandboxState? State = null,
    IReadOnlyDictionary<string, string>? LabelSelector = null);
