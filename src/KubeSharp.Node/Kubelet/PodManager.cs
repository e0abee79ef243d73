using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using KubeSharp.Api.Model;
using KubeSharp.Api.Model.Core;
using KubeSharp.Client;
using KubeSharp.Client.Cache;
using KubeSharp.Node.Kubelet.Pods;
using KubeSharp.Node.Runtime;
using ContainerState = KubeSharp.Node.Runtime.ContainerState;
using Microsoft.Extensions.Logging;

namespace KubeSharp.Node.Kubelet;

/// <summary>
/// Watches the pods bound to this node and runs one <see cref="PodWorker"/> per pod. A relist of the runtime
/// every second (upstream's PLEG) wakes the workers whose containers changed state; housekeeping removes what
/// the runtime, disk and network still hold for pods that no longer exist.
/// </summary>
internal sealed class PodManager : IAsyncDisposable
{
    readonly PodWorkerContext _ctx;
    readonly Informer _informer;
    readonly ConcurrentDictionary<string, PodWorker> _workers = new(StringComparer.Ordinal);
    readonly ConcurrentDictionary<string, byte> _finished = new(StringComparer.Ordinal);
    readonly Dictionary<string, (IReadOnlyList<PodSandboxInfo> Sandboxes, IReadOnlyList<ContainerInfo> Containers)> _adoptable = new(StringComparer.Ordinal);
    readonly CancellationTokenSource _stop = new();
    readonly List<Task> _loops = [];
    Dictionary<string, ContainerState> _lastRelist = new(StringComparer.Ordinal);

    public PodManager(PodWorkerContext ctx)
    {
        _ctx = ctx;
        _informer = new Informer(ctx.Api, NodeAgentResources.Pods, ctx.Time,
            new InformerOptions { FieldSelector = "spec.nodeName=" + ctx.Options.NodeName }, ctx.Log);
    }

    public int PodCount => _workers.Count;

    public async Task StartAsync(CancellationToken ct)
    {
        var token = CancellationTokenSource.CreateLinkedTokenSource(ct, _stop.Token).Token;
        // What the runtime holds from a previous run is handed to the workers of the same pods.
        var sandboxes = await _ctx.Runtime.ListPodSandboxesAsync(null, ct);
        var containers = await _ctx.Runtime.ListContainersAsync(null, ct);
        foreach (var group in sandboxes.GroupBy(s => s.Labels.GetValueOrDefault(KubeletLabels.PodUid) ?? ""))
            _adoptable[group.Key] = (group.ToList(), containers.Where(c => c.Labels.GetValueOrDefault(KubeletLabels.PodUid) == group.Key).ToList());
        foreach (var c in containers) _lastRelist[c.Id] = c.State;

        _informer.AddEventHandler(onAdd: Observe, onUpdate: (old, pod) => Observe(old, pod), onDelete: Forget);
        _loops.Add(Task.Run(() => _informer.RunAsync(token), CancellationToken.None));
        await _informer.WaitForSyncAsync(ct);
        _loops.Add(Task.Run(() => RelistLoopAsync(token), CancellationToken.None));
        _loops.Add(Task.Run(() => HousekeepingLoopAsync(token), CancellationToken.None));
    }

    void Observe(JsonObject pod) => Observe(null, pod);

    void Observe(JsonObject? old, JsonObject obj)
    {
        var uid = JsonMeta.Uid(obj);
        if (uid is null || _finished.ContainsKey(uid) || _stop.IsCancellationRequested) return;
        var pod = KubeJson.Deserialize<Pod>(obj);
        if (pod is null) return;
        if (_workers.TryGetValue(uid, out var existing))
        {
            existing.Update(pod, PodWorker.IsSignificant(old, obj));
            return;
        }
        var worker = new PodWorker(_ctx, pod, Finished);
        if (!_workers.TryAdd(uid, worker))
        {
            _workers[uid].Update(pod, true);
            return;
        }
        lock (_adoptable)
        {
            if (_adoptable.Remove(uid, out var held)) worker.Adopt(held.Sandboxes, held.Containers);
        }
        worker.Start(_stop.Token);
    }

    void Forget(JsonObject obj)
    {
        if (JsonMeta.Uid(obj) is { } uid && _workers.TryGetValue(uid, out var worker)) worker.Remove();
    }

    void Finished(string uid)
    {
        _finished[uid] = 0;
        _workers.TryRemove(uid, out _);
    }

    async Task RelistLoopAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(KubeletOptions.RelistInterval, _ctx.Time);
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                try
                {
                    await RelistAsync(ct);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    _ctx.Log.LogWarning(e, "relisting containers failed");
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
    }

    async Task RelistAsync(CancellationToken ct)
    {
        var current = new Dictionary<string, ContainerState>(StringComparer.Ordinal);
        var changedPods = new HashSet<string>(StringComparer.Ordinal);
        foreach (var c in await _ctx.Runtime.ListContainersAsync(null, ct))
        {
            current[c.Id] = c.State;
            if (!_lastRelist.TryGetValue(c.Id, out var before) || before != c.State)
                if (c.Labels.GetValueOrDefault(KubeletLabels.PodUid) is { } uid) changedPods.Add(uid);
        }
        _lastRelist = current;
        foreach (var uid in changedPods)
            if (_workers.TryGetValue(uid, out var worker)) worker.Wake();
    }

    async Task HousekeepingLoopAsync(CancellationToken ct)
    {
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(2), _ctx.Time, ct);
            while (!ct.IsCancellationRequested)
            {
                try
                {
                    await CleanUpOrphansAsync(ct);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    _ctx.Log.LogWarning(e, "housekeeping failed");
                }
                await Task.Delay(TimeSpan.FromSeconds(10), _ctx.Time, ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
    }

    /// <summary>Sandboxes, containers, volumes and logs of pods this node no longer runs.</summary>
    internal async Task CleanUpOrphansAsync(CancellationToken ct)
    {
        bool Known(string? uid) => uid is not null && _workers.ContainsKey(uid);
        foreach (var sandbox in await _ctx.Runtime.ListPodSandboxesAsync(null, ct))
        {
            var uid = sandbox.Labels.GetValueOrDefault(KubeletLabels.PodUid);
            if (Known(uid)) continue;
            _ctx.Log.LogInformation("removing sandbox {Sandbox} of pod {Pod} ({Uid}), which no longer exists", sandbox.Id[..12], sandbox.Metadata.Name, uid);
            await _ctx.Runtime.RemovePodSandboxAsync(sandbox.Id, ct);
        }
        lock (_adoptable) _adoptable.Clear();
        foreach (var uid in _ctx.Volumes.PodUidsOnDisk())
            if (!Known(uid)) await _ctx.Volumes.TearDownAsync(uid);
        if (Directory.Exists(_ctx.Options.LogsDirectory))
        {
            foreach (var dir in Directory.EnumerateDirectories(_ctx.Options.LogsDirectory))
            {
                var uid = Path.GetFileName(dir).Split('_').Last();
                if (!Known(uid)) Directory.Delete(dir, recursive: true);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_loops).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await Task.WhenAll(_workers.Values.Select(w => w.Completion)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
    }
}
