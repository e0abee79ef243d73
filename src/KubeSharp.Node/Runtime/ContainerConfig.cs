namespace KubeSharp.Node.Runtime;

/// <summary>What a container is created from (CRI <c>ContainerConfig</c>, reduced to what kubesharp uses).</summary>
/// <param name="Name">The container's name within the pod.</param>
/// <param name="Image">Image reference or id; it must already be in the image store.</param>
/// <param name="Command">Overrides the image's Entrypoint (Kubernetes <c>command</c>).</param>
/// <param name="Args">Overrides the image's Cmd (Kubernetes <c>args</c>).</param>
/// <param name="LogPath">Absolute path of the CRI-format log file the runtime appends to.</param>
/// <param name="Tty">The main process gets a terminal (output, stderr included, goes to the stdout stream).</param>
/// <param name="Stdin">The main process's stdin stays open for attach sessions to write to.</param>
/// <param name="StdinOnce">Without a terminal, stdin ends (EOF) once the first attach session that wrote to it leaves.</param>
/// <param name="OomScoreAdj">Negative values are clamped to 0: this host refuses them (no CAP_SYS_RESOURCE).</param>
public sealed record ContainerConfig(
    string Name,
    string Image,
    string LogPath,
    IReadOnlyList<string>? Command = null,
    IReadOnlyList<string>? Args = null,
    IReadOnlyList<EnvVar>? Env = null,
    string? WorkingDir = null,
    IReadOnlyList<Mount>? Mounts = null,
    bool Tty = false,
    bool Stdin = false,
    ContainerResources? Resources = null,
    int OomScoreAdj = 0,
    long? RunAsUser = null,
    long? RunAsGroup = null,
    int Attempt = 0,
    IReadOnlyDictionary<string, string>? Labels = null,
    IReadOnlyDictionary<string, string>? Annotations = null,
    bool StdinOnce = false);

public sealed record EnvVar(string Name, string Value);

/// <summary>A bind mount; propagation is always private (Kubernetes <c>mountPropagation: None</c>).</summary>
public sealed record Mount(string HostPath, string ContainerPath, bool ReadOnly = false);

/// <summary>Resource settings, in Kubernetes units; converted to cgroup v1 values by <see cref="CgroupResources"/>.</summary>
/// <param name="CpuRequestMillis">Becomes <c>cpu.shares</c>.</param>
/// <param name="CpuLimitMillis">Becomes <c>cpu.cfs_quota_us</c> over a 100 ms period.</param>
public sealed record ContainerResources(
    long? CpuRequestMillis = null,
    long? CpuLimitMillis = null,
    long? MemoryLimitBytes = null);
