using System.Globalization;
using System.Text.Json.Nodes;
using KubeSharp.Api.Errors;
using KubeSharp.Api.Model;
using KubeSharp.Api.Model.Core;
using KubeSharp.Api.Resources;
using KubeSharp.Client;
using KubeSharp.Client.Cache;
using KubeSharp.Client.Queue;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace KubeSharp.Node.Simulated;

/// <summary>
/// Nodes that exist only as API objects, as kwok fakes them: N Ready nodes with 32 CPUs, 256Gi and 110
/// pod slots, a Lease each renewed every 10 s, and a make-believe kubelet that reports every pod bound to
/// them Running (with an IP from the node's range and all containers ready), lets scripted pods exit
/// (<see cref="SimulatedAnnotations"/>), and finishes graceful deletions at once. Status writes go
/// through a de-duplicating work queue with several workers, so thousands of pods do not queue up
/// behind one another.
/// </summary>
public sealed class SimulatedNodePool : IAsyncDisposable
{
    public const string DefaultNamePrefix = "kwok-node-";
    public static readonly GroupVersionResource NodesResource = new("", "v1", "nodes");
    public static readonly GroupVersionResource PodsResource = new("", "v1", "pods");
    public static readonly GroupVersionResource LeasesResource = new("coordination.k8s.io", "v1", "leases");
    public static readonly TimeSpan LeaseRenewInterval = TimeSpan.FromSeconds(10);

    readonly IApiClient _api;
    readonly TimeProvider _time;
    readonly string _prefix;
    readonly ILogger _log;
    readonly Dictionary<string, SimulatedNode> _nodes = new(StringComparer.Ordinal);
    readonly SharedInformerFactory _informers;
    readonly bool _ownsInformers;
    readonly Informer _pods;
    readonly WorkQueue<NamespacedName> _queue;
    readonly Controller<NamespacedName> _controller;
    readonly int _workers;
    readonly CancellationTokenSource _stop = new();
    readonly List<Task> _running = [];
    int _runs;
    long _started;
    long _exited;

    public SimulatedNodePool(IApiClient api, int count, string namePrefix, TimeProvider time, ILoggerFactory? logs = null,
        SharedInformerFactory? informers = null, int workers = 16)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        _api = api;
        _time = time;
        _prefix = namePrefix;
        _workers = workers;
        _log = (ILogger?)logs?.CreateLogger<SimulatedNodePool>() ?? NullLogger.Instance;
        for (var i = 0; i < count; i++)
        {
            var name = namePrefix + i.ToString(CultureInfo.InvariantCulture);
            _nodes[name] = new SimulatedNode(name, i);
        }
        _ownsInformers = informers is null;
        _informers = informers ?? new SharedInformerFactory(api, time, null, logs);
        _pods = _informers.InformerFor(PodsResource);
        _queue = new WorkQueue<NamespacedName>(time);
        _controller = new Controller<NamespacedName>("simulated-kubelet", _queue, ReconcileAsync, _log);
    }

    public IReadOnlyCollection<SimulatedNode> Nodes => _nodes.Values;

    /// <summary>Pods reported Running so far.</summary>
    public long StartedPods => Interlocked.Read(ref _started);

    /// <summary>Scripted pods that exited so far.</summary>
    public long ExitedPods => Interlocked.Read(ref _exited);

    /// <summary>Registers the nodes and their leases, then keeps them and their pods going in the background until disposed or <paramref name="ct"/> is cancelled.</summary>
    public async Task StartAsync(CancellationToken ct)
    {
        if (Interlocked.Exchange(ref _runs, 1) != 0) throw new InvalidOperationException("the pool runs once");
        var stop = CancellationTokenSource.CreateLinkedTokenSource(ct, _stop.Token).Token;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = _workers, CancellationToken = stop };
        await Parallel.ForEachAsync(_nodes.Values, parallel, async (node, token) => await RegisterAsync(node, token));
        if (_nodes.Count > 0) _log.Registered(_nodes.Count, _nodes.Values.First().Name, _nodes.Values.Last().Name);

        _pods.AddEventHandler(onAdd: Observe, onUpdate: (_, pod) => Observe(pod), onDelete: Forget);
        _informers.Start(stop);
        _running.Add(Task.Run(() => _controller.RunAsync(_workers, stop), CancellationToken.None));
        _running.Add(Task.Run(() => RenewLeasesAsync(stop), CancellationToken.None));
    }

    async Task RegisterAsync(SimulatedNode node, CancellationToken ct)
    {
        var now = _time.GetUtcNow();
        try { await _api.CreateAsync(NodesResource, null, SimulatedObjects.Node(node, now), null, null, ct); }
        catch (StatusError e) when (e.Code == 409) { } // registered by an earlier run
        await RenewLeaseAsync(node, ct);
    }

    async Task RenewLeasesAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(LeaseRenewInterval, _time);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, _workers / 2), CancellationToken = ct };
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
                await Parallel.ForEachAsync(_nodes.Values, parallel, async (node, token) =>
                {
                    try { await RenewLeaseAsync(node, token); }
                    catch (Exception e) when (e is not OperationCanceledException) { _log.LeaseFailed(node.Name, e); }
                });
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
    }

    async Task RenewLeaseAsync(SimulatedNode node, CancellationToken ct)
    {
        var lease = SimulatedObjects.Lease(node.Name, _time.GetUtcNow());
        try { await _api.UpdateAsync(LeasesResource, SimulatedObjects.LeaseNamespace, lease, null, null, ct); }
        catch (StatusError e) when (e.Code == 404) { await _api.CreateAsync(LeasesResource, SimulatedObjects.LeaseNamespace, lease, null, null, ct); }
    }

    /// <summary>Queues pods on our nodes that need something from the kubelet: starting, exiting, or finishing their deletion.</summary>
    void Observe(JsonObject pod)
    {
        if (NodeOf(pod) is null) return;
        var deleting = pod["metadata"]?["deletionTimestamp"] is not null;
        var phase = pod["status"]?["phase"]?.GetValue<string>();
        var scripted = pod["metadata"]?["annotations"]?[SimulatedAnnotations.ExitCode] is not null;
        if (deleting || phase is null or "Pending" || (phase == "Running" && scripted)) _queue.Add(JsonMeta.Key(pod));
    }

    void Forget(JsonObject pod)
    {
        if (NodeOf(pod) is { } node && JsonMeta.Uid(pod) is { } uid) node.Release(uid);
    }

    SimulatedNode? NodeOf(JsonObject pod) =>
        pod["spec"]?["nodeName"] is JsonValue v && v.TryGetValue<string>(out var name) && name.StartsWith(_prefix, StringComparison.Ordinal)
            ? _nodes.GetValueOrDefault(name)
            : null;

    async Task ReconcileAsync(NamespacedName key, CancellationToken ct)
    {
        if (_pods.Lister.Get(key) is not { } obj || NodeOf(obj) is not { } node) return;
        var pod = KubeJson.Deserialize<Pod>(obj) ?? throw new InvalidDataException($"pod {key} is unreadable");
        var uid = pod.Metadata.Uid ?? "";
        if (pod.Metadata.DeletionTimestamp is not null)
        {
            try { await _api.DeleteAsync(PodsResource, key.Namespace, key.Name, new Client.DeleteOptions { GracePeriodSeconds = 0, PreconditionUid = uid }, ct); }
            catch (StatusError e) when (e.Code is 404 or 409) { }
            node.Release(uid);
            return;
        }
        var status = pod.Status;
        if (status?.Phase is "Succeeded" or "Failed") return;
        if (status?.Phase != "Running" || string.IsNullOrEmpty(status.PodIP))
        {
            var ip = pod.Spec?.HostNetwork == true ? node.HostIp : node.AllocateIp(uid);
            if (ip is null)
            {
                _log.NoAddress(node.Name, key.ToString());
                return;
            }
            await PatchStatusAsync(key, SimulatedPodStatus.Running(pod, node, ip, _time.GetUtcNow()), ct);
            Interlocked.Increment(ref _started);
            return;
        }
        if (pod.Spec?.HostNetwork != true) node.Reserve(uid, status.PodIP);
        await ExitIfScriptedAsync(key, pod, ct);
    }

    async Task ExitIfScriptedAsync(NamespacedName key, Pod pod, CancellationToken ct)
    {
        var annotations = pod.Metadata.Annotations;
        if (annotations is null || !annotations.TryGetValue(SimulatedAnnotations.ExitCode, out var codeText)) return;
        if (pod.Spec?.RestartPolicy is not ("Never" or "OnFailure")) return;
        if (!int.TryParse(codeText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var code)) return;
        var duration = GoDuration.TryParse(annotations.GetValueOrDefault(SimulatedAnnotations.Duration), out var d) ? d : TimeSpan.Zero;
        var now = _time.GetUtcNow();
        var started = pod.Status?.StartTime ?? now;
        if (started + duration > now)
        {
            _queue.AddAfter(key, started + duration - now);
            return;
        }
        await PatchStatusAsync(key, SimulatedPodStatus.Exited(pod, code, started, now), ct);
        Interlocked.Increment(ref _exited);
    }

    async Task PatchStatusAsync(NamespacedName key, JsonObject patch, CancellationToken ct)
    {
        try { await _api.PatchAsync(PodsResource, key.Namespace, key.Name, PatchType.StrategicMerge, patch.ToJsonString(), "status", null, ct); }
        catch (StatusError e) when (e.Code == 404) { }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_running).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _queue.ShutDown();
        if (_ownsInformers) await _informers.DisposeAsync();
        _stop.Dispose();
    }
}
