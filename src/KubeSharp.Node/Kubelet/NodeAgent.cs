using System.Text.Json;
using KubeSharp.Api.Model;
using KubeSharp.Client;
using KubeSharp.Client.Events;
using KubeSharp.Node.Images;
using KubeSharp.Node.Images.Registry;
using KubeSharp.Node.Kubelet.Env;
using KubeSharp.Node.Kubelet.Images;
using KubeSharp.Node.Kubelet.NodeStatus;
using KubeSharp.Node.Kubelet.Pods;
using KubeSharp.Node.Kubelet.StaticPods;
using KubeSharp.Node.Network;
using KubeSharp.Node.Prober;
using KubeSharp.Node.Runtime;
using KubeSharp.Node.Runtime.Native;
using KubeSharp.Node.Streams;
using KubeSharp.Node.Volumes;
using Microsoft.Extensions.Logging;
using KubeSharp.Client.NodeStreams;

namespace KubeSharp.Node.Kubelet;

/// <summary>
/// The node agent (the kubelet's job) on runc: registers the Node and keeps it alive, runs the pods bound to it,
/// and serves their logs, exec, attach and port-forward. Stopping it leaves the containers running for the next
/// start to adopt, unless <c>cleanupOnExit</c> asked for everything to be removed.
/// </summary>
public sealed class NodeAgent : IAsyncDisposable
{
    readonly KubeletOptions _options;
    readonly bool _cleanupOnExit;
    readonly ILogger _log;
    readonly RuncRuntime _runtime;
    readonly EventRecorder _events;
    readonly ActionRunner _actions;
    readonly ProbeManager _probes;
    readonly PodManager _pods;
    readonly StaticPodSource? _staticPods;
    readonly InstanceRegistry _registry;
    readonly CancellationTokenSource _stop;
    readonly List<Task> _loops;

    NodeAgent(KubeletOptions options, bool cleanupOnExit, ILogger log, RuncRuntime runtime, ImageStore images, EventRecorder events,
        ActionRunner actions, ProbeManager probes, PodManager pods, StaticPodSource? staticPods, InstanceRegistry registry,
        CancellationTokenSource stop, List<Task> loops)
    {
        _options = options;
        _cleanupOnExit = cleanupOnExit;
        _log = log;
        _runtime = runtime;
        Images = images;
        _events = events;
        _actions = actions;
        _probes = probes;
        _pods = pods;
        _staticPods = staticPods;
        _registry = registry;
        _stop = stop;
        _loops = loops;
        Streams = new PodStreamService(runtime, TimeProvider.System);
    }

    public string NodeName => _options.NodeName;

    public KubeletOptions Options => _options;

    /// <summary>exec, attach, logs and port-forward for pods on this node.</summary>
    public IPodStreamService Streams { get; }

    public IImageStore Images { get; }

    public int PodCount => _pods.PodCount;

    /// <summary>Why this machine cannot run a node agent (not root, no runc…), or null when it can.</summary>
    public static string? MissingRequirement()
    {
        if (!string.Equals(Environment.UserName, "root", StringComparison.Ordinal) && Environment.GetEnvironmentVariable("USER") != "root"
            && !File.ReadLines("/proc/self/status").Any(l => l.StartsWith("Uid:\t0\t", StringComparison.Ordinal)))
            return "the node agent needs root (namespaces, mounts, cgroups)";
        if (!File.Exists("/usr/sbin/runc")) return "runc is not installed (/usr/sbin/runc)";
        if (!File.Exists("/usr/sbin/ip") && !File.Exists("/sbin/ip")) return "iproute2 is not installed";
        return null;
    }

    public static async Task<NodeAgent> StartAsync(IApiClient api, KubeletOptions options, bool cleanupOnExit, ILoggerFactory logs, TimeProvider time, CancellationToken ct)
    {
        var log = logs.CreateLogger("KubeSharp.Node.Kubelet");
        Directory.CreateDirectory(options.AgentDirectory);
        var registry = new InstanceRegistry(log);
        await registry.SweepDeadInstancesAsync(options.InstancePrefix, ct);
        // Our own leftovers (a crash of this instance) are not swept: the runtime re-adopts them, and housekeeping
        // removes what belongs to pods that are gone.
        await registry.RegisterAsync(options.InstancePrefix, Path.GetDirectoryName(options.AgentDirectory) ?? options.AgentDirectory, options.RuntimeDirectory, cleanupOnExit, ct);

        var images = new ImageStore(options.ImagesDirectory);
        await new BusyboxImageBuilder(images).EnsureAsync(ct);
        await ImportFolderAsync(images, options.ImportDirectory, log, ct);

        var network = new BridgePodNetwork(new PodNetworkOptions(options.InstancePrefix, options.PodCidr, options.NetworkDirectory,
            Masquerade: File.Exists("/usr/sbin/iptables")));
        var runtime = await RuncRuntime.OpenAsync(new RuncRuntimeOptions(options.RuntimeDirectory, options.InstancePrefix), images, network, time, ct);

        var facts = NodeFacts.Read(options.AgentDirectory, options.NodeIp);
        var reporter = new NodeStatusReporter(api, options, facts, time, log);
        await reporter.RegisterAsync(ct);

        var events = new EventRecorder(api, new EventSource("kubelet", options.NodeName), time, log);
        var actions = new ActionRunner(runtime, time);
        var probes = new ProbeManager(actions, time);
        var objects = new ApiObjectSource(api);
        var volumes = new VolumeManager(objects, options.PodsDirectory, time);
        var configs = new ContainerConfigFactory(new EnvironmentResolver(objects), volumes, options);
        var allocatable = KubeJson.Deserialize<Dictionary<string, Quantity>>(NodeObjects.Status(options, facts, time.GetUtcNow(), null)["allocatable"]) ?? [];
        var ctx = new PodWorkerContext(api, runtime, new ImageManager(images, new RegistryImagePuller(images, timeProvider: time), time, new PullSecretResolver(api)), volumes, configs, probes, actions, events, options,
            facts.HostIp, allocatable, time, log);

        var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var pods = new PodManager(ctx);
        await pods.StartAsync(stop.Token);
        var loops = new List<Task> { Task.Run(() => reporter.RunAsync(stop.Token), CancellationToken.None) };
        StaticPodSource? staticPods = null;
        if (options.ManifestsDirectory is { } manifests)
        {
            staticPods = new StaticPodSource(api, manifests, options.NodeName, pods, time, log);
            pods.MirrorPodChanged = staticPods.Wake;
            // Before housekeeping first runs, so a restarted agent adopts its static pods' containers instead of removing them.
            try { await staticPods.SyncAsync(stop.Token); }
            catch (Exception e) when (e is not OperationCanceledException) { log.LogWarning(e, "syncing static pods failed"); }
            loops.Add(Task.Run(() => staticPods.RunAsync(stop.Token), CancellationToken.None));
        }
        log.LogInformation("node agent {Node} running: pod CIDR {Cidr}, bridge {Bridge}, runtime {Root}", options.NodeName, options.PodCidr,
            network.BridgeName, options.RuntimeDirectory);
        return new NodeAgent(options, cleanupOnExit, log, runtime, images, events, actions, probes, pods, staticPods, registry, stop, loops);
    }

    /// <summary>Imports every image tarball in the folder that was not imported before (by name, size and time).</summary>
    static async Task ImportFolderAsync(IImageStore images, string folder, ILogger log, CancellationToken ct)
    {
        if (!Directory.Exists(folder)) return;
        var indexPath = Path.Combine(folder, ".imported.json");
        var index = File.Exists(indexPath)
            ? JsonSerializer.Deserialize<Dictionary<string, string>>(await File.ReadAllTextAsync(indexPath, ct)) ?? []
            : new Dictionary<string, string>();
        var changed = false;
        foreach (var file in Directory.EnumerateFiles(folder).Where(f => f.EndsWith(".tar", StringComparison.Ordinal)
                     || f.EndsWith(".tar.gz", StringComparison.Ordinal) || f.EndsWith(".tgz", StringComparison.Ordinal)))
        {
            var info = new FileInfo(file);
            var stamp = $"{info.Length}:{info.LastWriteTimeUtc.Ticks}";
            if (index.GetValueOrDefault(info.Name) == stamp) continue;
            try
            {
                var references = await images.ImportAsync(file, ct);
                log.LogInformation("imported {File}: {References}", info.Name, string.Join(", ", references));
                index[info.Name] = stamp;
                changed = true;
            }
            catch (Exception e) when (e is InvalidDataException or IOException or JsonException)
            {
                log.LogWarning(e, "importing image {File} failed", info.Name);
            }
        }
        if (changed) await File.WriteAllTextAsync(indexPath, JsonSerializer.Serialize(index), ct);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_loops).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await _pods.DisposeAsync();
        await _probes.DisposeAsync();
        _actions.Dispose();
        await _events.DisposeAsync(TimeSpan.FromSeconds(1));
        if (_cleanupOnExit)
        {
            _log.LogInformation("removing every pod, mount, link and cgroup of node agent {Prefix}", _options.InstancePrefix);
            // Killing the containers first lets every log pump see its FIFOs hang up, so the runtime closes at once.
            await RuntimeSweeper.SweepAsync(_options.InstancePrefix, _options.RuntimeDirectory, deleteRootDirectory: false, CancellationToken.None);
        }
        await _runtime.DisposeAsync();
        if (_cleanupOnExit)
        {
            await RuntimeSweeper.SweepAsync(_options.InstancePrefix, _options.RuntimeDirectory, deleteRootDirectory: true, CancellationToken.None);
            foreach (var mountPoint in Mounts.MountPointsUnder(_options.AgentDirectory)) Mounts.Unmount(mountPoint);
            _registry.Unregister(_options.InstancePrefix);
        }
        _stop.Dispose();
    }
}
