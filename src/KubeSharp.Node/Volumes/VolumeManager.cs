using System.Globalization;
using KubeSharp.Api.Model.Core;
using KubeSharp.Node.Kubelet.Env;
using KubeSharp.Node.Runtime.Native;

namespace KubeSharp.Node.Volumes;

/// <summary>Where a volume lives on the host, and whether containers must see it read-only whatever they ask.</summary>
public sealed record VolumeSource(string HostPath, bool ForceReadOnly);

/// <summary>
/// Sets up a pod's volumes under <c>pods/{uid}/volumes/{plugin}/{name}</c> (emptyDir, memory-backed emptyDir as
/// tmpfs, hostPath with type checks, and configMap/secret/downwardAPI/projected through the atomic writer) and
/// tears them down. Setting up again refreshes the projected contents, which is how running pods see updates.
/// </summary>
public sealed class VolumeManager(IObjectSource objects, string podsDirectory, TimeProvider time)
{
    readonly ProjectionBuilder _projections = new(objects);

    public string PodDirectory(string podUid) => Path.Combine(podsDirectory, podUid);

    /// <exception cref="VolumeSetupException">A volume cannot be set up (yet).</exception>
    public async Task<IReadOnlyDictionary<string, VolumeSource>> SetUpAsync(Pod pod, PodRuntimeFacts facts, CancellationToken ct)
    {
        var uid = pod.Metadata.Uid ?? throw new ArgumentException("pod has no uid");
        var ns = pod.Metadata.Namespace ?? "default";
        var result = new Dictionary<string, VolumeSource>(StringComparer.Ordinal);
        foreach (var volume in pod.Spec?.Volumes ?? [])
        {
            try
            {
                result[volume.Name] = await SetUpOneAsync(pod, uid, ns, volume, facts, ct);
            }
            catch (ArgumentException e)
            {
                throw new VolumeSetupException(volume.Name, e.Message);
            }
            catch (IOException e)
            {
                throw new VolumeSetupException(volume.Name, e.Message);
            }
        }
        return result;
    }

    async Task<VolumeSource> SetUpOneAsync(Pod pod, string uid, string ns, Volume volume, PodRuntimeFacts facts, CancellationToken ct)
    {
        if (volume.EmptyDir is { } emptyDir)
        {
            var dir = VolumeDirectory(uid, "kubernetes.io~empty-dir", volume.Name);
            if (!Directory.Exists(dir))
            {
                Directory.CreateDirectory(dir);
                File.SetUnixFileMode(dir, (UnixFileMode)0x1FF); // 0777, as upstream
            }
            if (emptyDir.Medium == "Memory" && !Mounts.IsMountPoint(dir))
            {
                var options = "mode=1777";
                if (emptyDir.SizeLimit is { } limit && limit.IntegerValue() > 0)
                    options += ",size=" + limit.IntegerValue().ToString(CultureInfo.InvariantCulture);
                LibC.Check(LibC.mount("tmpfs", dir, "tmpfs", 0, options), $"mount tmpfs on {dir}");
            }
            return new VolumeSource(dir, false);
        }
        if (volume.HostPath is { } hostPath)
        {
            HostPathTypeChecker.Check(hostPath.Path, hostPath.Type);
            return new VolumeSource(hostPath.Path, false);
        }
        if (volume.ConfigMap is { } cm)
            return Publish(uid, "kubernetes.io~configmap", volume.Name,
                await _projections.ConfigMapAsync(ns, cm.Name, cm.Items, cm.Optional == true, cm.DefaultMode, ct) ?? []);
        if (volume.Secret is { } secret)
            return Publish(uid, "kubernetes.io~secret", volume.Name,
                await _projections.SecretAsync(ns, secret.SecretName, secret.Items, secret.Optional == true, secret.DefaultMode, ct) ?? []);
        if (volume.DownwardAPI is { } downward)
            return Publish(uid, "kubernetes.io~downward-api", volume.Name,
                ProjectionBuilder.DownwardApiFiles(pod, downward.Items, downward.DefaultMode, facts));
        if (volume.Projected is { } projected)
            return Publish(uid, "kubernetes.io~projected", volume.Name, await _projections.ProjectedAsync(pod, projected, facts, ct));
        if (volume.PersistentVolumeClaim is not null || volume.Ephemeral is not null)
            throw new ArgumentException("persistentVolumeClaim volumes are not supported yet");
        throw new ArgumentException("this volume type is not supported by kubesharp");
    }

    VolumeSource Publish(string uid, string plugin, string name, Dictionary<string, FileProjection> files)
    {
        var dir = VolumeDirectory(uid, plugin, name);
        new AtomicWriter(dir, time).Write(files);
        return new VolumeSource(dir, true);
    }

    string VolumeDirectory(string uid, string plugin, string name) => Path.Combine(PodDirectory(uid), "volumes", plugin, name);

    /// <summary>A host file for one container attempt's termination message, mounted at its <c>terminationMessagePath</c>.</summary>
    public string TerminationMessageFile(string podUid, string container, int attempt)
    {
        var dir = Path.Combine(PodDirectory(podUid), "containers", container);
        Directory.CreateDirectory(dir);
        var file = Path.Combine(dir, attempt.ToString(CultureInfo.InvariantCulture) + ".termination-log");
        if (!File.Exists(file))
        {
            using (File.Create(file)) { }
            File.SetUnixFileMode(file, (UnixFileMode)0x1B6); // 0666: non-root containers write it too
        }
        return file;
    }

    /// <summary>Unmounts what the pod's volumes mounted and deletes the pod directory.</summary>
    public Task TearDownAsync(string podUid)
    {
        var dir = PodDirectory(podUid);
        if (!Directory.Exists(dir)) return Task.CompletedTask;
        foreach (var mountPoint in Mounts.MountPointsUnder(dir)) Mounts.Unmount(mountPoint);
        if (Mounts.MountPointsUnder(dir).Count > 0) throw new IOException($"mounts remain under {dir}");
        Directory.Delete(dir, recursive: true);
        return Task.CompletedTask;
    }

    public IReadOnlyList<string> PodUidsOnDisk() =>
        Directory.Exists(podsDirectory) ? Directory.EnumerateDirectories(podsDirectory).Select(d => Path.GetFileName(d)!).ToList() : [];
}
