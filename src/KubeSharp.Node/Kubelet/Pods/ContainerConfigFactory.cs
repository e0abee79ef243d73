using System.Globalization;
using KubeSharp.Api.Model.Core;
using KubeSharp.Node.Kubelet.Env;
using KubeSharp.Node.Runtime;
using KubeSharp.Node.Volumes;
using RuntimeMount = KubeSharp.Node.Runtime.Mount;

namespace KubeSharp.Node.Kubelet.Pods;

/// <summary>Turns a container of the pod spec into the runtime's <see cref="ContainerConfig"/>.</summary>
public sealed class ContainerConfigFactory(EnvironmentResolver env, VolumeManager volumes, KubeletOptions options)
{
    public const string DefaultTerminationMessagePath = "/dev/termination-log";

    public string LogPath(Pod pod, string container, int attempt) =>
        Path.Combine(options.LogsDirectory, $"{pod.Metadata.Namespace}_{pod.Metadata.Name}_{pod.Metadata.Uid}", container,
            attempt.ToString(CultureInfo.InvariantCulture) + ".log");

    public string PodLogDirectory(string ns, string name, string uid) => Path.Combine(options.LogsDirectory, $"{ns}_{name}_{uid}");

    /// <exception cref="ContainerConfigException">Something the container refers to is missing.</exception>
    public async Task<ContainerConfig> BuildAsync(Pod pod, Container container, int attempt, PodRuntimeFacts facts,
        IReadOnlyDictionary<string, VolumeSource> podVolumes, CancellationToken ct)
    {
        var uid = pod.Metadata.Uid ?? "";
        var environment = await env.ResolveAsync(pod, container, facts, ct);
        var lookup = environment.ToDictionary(e => e.Name, e => e.Value, StringComparer.Ordinal);
        var mounts = new List<RuntimeMount>();
        foreach (var mount in container.VolumeMounts ?? [])
        {
            if (!podVolumes.TryGetValue(mount.Name, out var source))
                throw new ContainerConfigException($"cannot find volume \"{mount.Name}\" to mount into container \"{container.Name}\"");
            var hostPath = source.HostPath;
            var subPath = !string.IsNullOrEmpty(mount.SubPathExpr)
                ? VarExpansion.Expand(mount.SubPathExpr, n => lookup.GetValueOrDefault(n))
                : mount.SubPath;
            if (!string.IsNullOrEmpty(subPath))
            {
                if (subPath.StartsWith('/') || subPath.Split('/').Contains(".."))
                    throw new ContainerConfigException($"failed to prepare subPath for volumeMount \"{mount.Name}\" of container \"{container.Name}\": invalid subpath \"{subPath}\"");
                hostPath = Path.Combine(hostPath, subPath);
                // Like upstream, a missing subPath of a writable volume is created as a directory.
                if (!File.Exists(hostPath) && !Directory.Exists(hostPath))
                {
                    if (source.ForceReadOnly)
                        throw new ContainerConfigException($"failed to prepare subPath for volumeMount \"{mount.Name}\" of container \"{container.Name}\": {subPath} does not exist");
                    Directory.CreateDirectory(hostPath);
                }
                // Resolve symlinks (configMap keys are links through ..data), binding the file itself.
                hostPath = new FileInfo(hostPath).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? hostPath;
            }
            mounts.Add(new RuntimeMount(hostPath, mount.MountPath, mount.ReadOnly == true || source.ForceReadOnly));
        }

        var messagePath = string.IsNullOrEmpty(container.TerminationMessagePath) ? DefaultTerminationMessagePath : container.TerminationMessagePath;
        var messageFile = volumes.TerminationMessageFile(uid, container.Name, attempt);
        if (!mounts.Exists(m => m.ContainerPath == messagePath)) mounts.Add(new RuntimeMount(messageFile, messagePath));

        var kind = ContainerKinds.Of(pod, container.Name);
        var security = container.SecurityContext;
        var podSecurity = pod.Spec?.SecurityContext;
        return new ContainerConfig(
            container.Name,
            container.Image ?? "",
            LogPath(pod, container.Name, attempt),
            EnvironmentResolver.ExpandAll(container.Command, environment),
            EnvironmentResolver.ExpandAll(container.Args, environment),
            environment,
            string.IsNullOrEmpty(container.WorkingDir) ? null : container.WorkingDir,
            mounts,
            container.TTY == true,
            container.Stdin == true,
            Resources(container),
            OomScoreAdj(pod, container),
            security?.RunAsUser ?? podSecurity?.RunAsUser,
            security?.RunAsGroup ?? podSecurity?.RunAsGroup,
            attempt,
            new Dictionary<string, string>
            {
                [KubeletLabels.PodUid] = uid,
                [KubeletLabels.PodName] = pod.Metadata.Name ?? "",
                [KubeletLabels.PodNamespace] = pod.Metadata.Namespace ?? "",
                [KubeletLabels.ContainerName] = container.Name,
                [KubeletLabels.ContainerKind] = ContainerKinds.Label(kind),
            },
            new Dictionary<string, string>
            {
                [KubeletLabels.TerminationMessageFile] = messageFile,
                [KubeletLabels.TerminationMessagePath] = messagePath,
                [KubeletLabels.TerminationMessagePolicy] = container.TerminationMessagePolicy ?? "File",
            },
            container.StdinOnce == true);
    }

    public static ContainerResources? Resources(Container container)
    {
        var requests = container.Resources?.Requests;
        var limits = container.Resources?.Limits;
        long? cpuRequest = requests?.GetValueOrDefault("cpu")?.MilliValue() ?? limits?.GetValueOrDefault("cpu")?.MilliValue();
        long? cpuLimit = limits?.GetValueOrDefault("cpu")?.MilliValue();
        long? memoryLimit = limits?.GetValueOrDefault("memory")?.IntegerValue();
        if (cpuRequest is null && cpuLimit is null && memoryLimit is null) return null;
        return new ContainerResources(cpuRequest, cpuLimit, memoryLimit);
    }

    /// <summary>Upstream's OOM score policy by QoS class (the runtime clamps negative scores to 0 on this host).</summary>
    static int OomScoreAdj(Pod pod, Container container)
    {
        var qos = pod.Status?.QOSClass ?? "BestEffort";
        if (qos == "Guaranteed") return -997;
        if (qos == "BestEffort") return 1000;
        var request = container.Resources?.Requests?.GetValueOrDefault("memory")?.IntegerValue() ?? 0;
        var capacity = MemoryCapacity();
        if (capacity <= 0) return 1000;
        var score = 1000 - (int)(1000 * request / capacity);
        return Math.Clamp(score, 2, 999);
    }

    static long MemoryCapacity()
    {
        try
        {
            var line = File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
        }
        catch (IOException) { return 0; }
    }
}
