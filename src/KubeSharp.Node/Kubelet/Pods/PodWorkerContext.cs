using KubeSharp.Api.Model;
using KubeSharp.Client;
using KubeSharp.Client.Events;
using KubeSharp.Node.Kubelet.Images;
using KubeSharp.Node.Prober;
using KubeSharp.Node.Runtime;
using KubeSharp.Node.Volumes;
using Microsoft.Extensions.Logging;

namespace KubeSharp.Node.Kubelet.Pods;

/// <summary>What every pod worker of a node shares.</summary>
public sealed record PodWorkerContext(
    IApiClient Api,
    IContainerRuntime Runtime,
    ImageManager Images,
    VolumeManager Volumes,
    ContainerConfigFactory Configs,
    ProbeManager Probes,
    ActionRunner Actions,
    EventRecorder? Events,
    KubeletOptions Options,
    string HostIp,
    IReadOnlyDictionary<string, Quantity> Allocatable,
    TimeProvider Time,
    ILogger Log)
{
    /// <summary>Restart back-off per pod uid and container name.</summary>
    public CrashBackoff RestartBackoff { get; } = new(Time);

    /// <summary>Bounds how many pods create sandboxes and start containers at once (the rest queue), to keep a burst from thrashing.</summary>
    public SemaphoreSlim StartGate { get; } = new(Math.Max(4, Environment.ProcessorCount * 4));

    /// <summary>Log each pod's start-up phases (<see cref="PodStartTrace"/>); off unless <c>KUBESHARP_POD_TRACE=1</c>.</summary>
    public bool TracePodStarts { get; init; } = PodStartTrace.Enabled;
}
