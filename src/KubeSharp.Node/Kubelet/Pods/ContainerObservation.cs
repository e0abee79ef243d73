using RuntimeStatus = KubeSharp.Node.Runtime.ContainerStatus;

namespace KubeSharp.Node.Kubelet.Pods;

/// <summary>
/// What the agent knows about one container of a pod at a sync: the runtime's latest and previous attempts,
/// why it is waiting (when it is), the probe verdicts, and the termination messages read from their files.
/// </summary>
public sealed record ContainerObservation(
    RuntimeStatus? Latest,
    RuntimeStatus? Previous = null,
    string? WaitingReason = null,
    string? WaitingMessage = null,
    bool Ready = false,
    bool Started = false,
    string? ImageId = null,
    string? LatestMessage = null,
    string? PreviousMessage = null);

/// <summary>Everything the pod status is computed from.</summary>
public sealed record PodStatusInput(
    KubeSharp.Api.Model.Core.Pod Pod,
    DateTimeOffset Now,
    string? PodIp,
    string HostIp,
    bool SandboxReady,
    IReadOnlyDictionary<string, ContainerObservation> Containers);
