namespace KubeSharp.Node.Runtime;

/// <summary>
/// A CRI-shaped container runtime: pod sandboxes (shared network, hosts and DNS files) and the containers in them.
/// The node agent's pod workers drive it; nothing here knows about the Kubernetes API.
/// </summary>
public interface IContainerRuntime
{
    /// <summary>Creates the pod's network namespace and shared files; returns the sandbox id and pod IP.</summary>
    Task<RunPodSandboxResult> RunPodSandboxAsync(PodSandboxConfig config, CancellationToken cancellationToken);

    /// <summary>Kills the sandbox's containers and releases its network; the sandbox stays listed as NotReady.</summary>
    Task StopPodSandboxAsync(string podSandboxId, CancellationToken cancellationToken);

    /// <summary>Stops (if needed) and removes the sandbox and all its containers.</summary>
    Task RemovePodSandboxAsync(string podSandboxId, CancellationToken cancellationToken);

    Task<PodSandboxInfo?> PodSandboxStatusAsync(string podSandboxId, CancellationToken cancellationToken);

    Task<IReadOnlyList<PodSandboxInfo>> ListPodSandboxesAsync(PodSandboxFilter? filter, CancellationToken cancellationToken);

    /// <summary>Prepares the container (root filesystem, bundle); it does not run yet.</summary>
    Task<string> CreateContainerAsync(string podSandboxId, ContainerConfig config, CancellationToken cancellationToken);

    /// <summary>Starts a created container; returns once its process exists (or throws if it could not start).</summary>
    Task StartContainerAsync(string containerId, CancellationToken cancellationToken);

    /// <summary>Sends SIGTERM, then SIGKILL once <paramref name="timeout"/> has passed; returns when the container has exited.</summary>
    Task StopContainerAsync(string containerId, TimeSpan timeout, CancellationToken cancellationToken);

    Task RemoveContainerAsync(string containerId, CancellationToken cancellationToken);

    Task<IReadOnlyList<ContainerInfo>> ListContainersAsync(ContainerFilter? filter, CancellationToken cancellationToken);

    Task<ContainerStatus?> ContainerStatusAsync(string containerId, CancellationToken cancellationToken);

    /// <summary>Runs a command in a running container; returns its exit code.</summary>
    Task<int> ExecAsync(string containerId, ExecRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// Connects to a running container's main process, from now on, until it exits, the session detaches (see
    /// <see cref="AttachRequest.Stdin"/>) or <paramref name="cancellationToken"/> ends it; the process keeps running.
    /// </summary>
    Task AttachAsync(string containerId, AttachRequest request, CancellationToken cancellationToken);
}
