using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using KubeSharp.Api.Model;
using KubeSharp.Api.Model.Core;
using KubeSharp.Api.Resources;
using KubeSharp.Client;
using KubeSharp.Client.Cache;
using KubeSharp.Node.Kubelet.Pods;
using KubeSharp.Node.Kubelet.StaticPods;
using KubeSharp.Node.Runtime;
using ContainerState = KubeSharp.Node.Runtime.ContainerState;
using Microsoft.Extensions.Logging;

namespace KubeSharp.Node.Kubelet;

/// <summary>
/// Watches the pods bound to this node and runs one <see cref="PodWorker"/> per pod. A relist of the runtime
/// every second (upstream's PLEG) wakes the workers whose containers changed state; housekeeping removes what
/// the runtime, disk and network still hold for pods that no longer exist.
/// </summary>
internal sealed class PodManager : IAsyncDisposable, IStaticPodSink
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

    /// <summary>Called when a mirror pod in the API changed or went away (the static pod source re-checks them).</summary>
    public Action? MirrorPodChanged { get; set; }

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
        // Mirror pods only reflect static pods, which run from their files (see StaticPodSource).
        if (StaticPodFactory.IsMirror(obj))
        {
            if (old is null) RewriteStaticStatus(obj);
            // Our own status writes change mirrors all the time; only a deletion needs the source's attention.
            if (obj["metadata"]?["deletionTimestamp"] is not null) MirrorPodChanged?.Invoke();
            return;
        }
        var uid = JsonMeta.Uid(obj);
        if (uid is null || _finished.ContainsKey(uid) || _stop.IsCancellationRequested) return;
        var pod = KubeJson.Deserialize<Pod>(obj);
        if (pod is null) return;
        if (_workers.TryGetValue(uid, out var existing))
        {
            existing.Update(pod, PodWorker.IsSignificant(old, obj));
            return;
        }
        StartWorker(uid, pod);
    }

    void StartWorker(string uid, Pod pod)
    {
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
        if (StaticPodFactory.IsMirror(obj))
        {
            MirrorPodChanged?.Invoke();
            return;
        }
        if (JsonMeta.Uid(obj) is { } uid && _workers.TryGetValue(uid, out var worker)) worker.Remove();
    }

    void Finished(string uid)
    {
        _finished[uid] = 0;
        _workers.TryRemove(uid, out _);
        _staticRunning.TryRemove(uid, out _);
    }

    // Static pods wanted now, and the static workers still running (a removed version may still be terminating).
    readonly ConcurrentDictionary<string, Pod> _static = new(StringComparer.Ordinal);
    readonly ConcurrentDictionary<string, string> _staticRunning = new(StringComparer.Ordinal);
    readonly Lock _staticLock = new();

    /// <summary>
    /// Runs exactly the given static pods: removed ones terminate with their grace period; new ones start once no other
    /// version of the same pod runs any more (upstream starts one static pod per full name at a time).
    /// </summary>
    public void SetStaticPods(IReadOnlyCollection<Pod> pods)
    {
        lock (_staticLock)
        {
            var wanted = pods.Where(p => p.Metadata.Uid is not null).ToDictionary(p => p.Metadata.Uid!, StringComparer.Ordinal);
            foreach (var (uid, pod) in _static)
            {
                if (wanted.ContainsKey(uid)) continue;
                _static.TryRemove(uid, out _);
                var grace = pod.Spec?.TerminationGracePeriodSeconds ?? 30;
                var deleted = pod with { Metadata = pod.Metadata with { DeletionTimestamp = _ctx.Time.GetUtcNow(), DeletionGracePeriodSeconds = grace } };
                if (_workers.TryGetValue(uid, out var worker)) worker.Update(deleted, significant: true);
            }
            foreach (var (uid, pod) in wanted)
            {
                if (!_static.TryAdd(uid, pod)) continue;
                var key = StaticKey(pod);
                var previous = _staticRunning.Where(r => r.Value == key)
                    .Select(r => _workers.TryGetValue(r.Key, out var w) ? w.Completion : Task.CompletedTask).ToList();
                if (previous.Count == 0) StartStatic(uid);
                else _ = Task.WhenAll(previous).ContinueWith(_ => StartStatic(uid), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
            }
        }
    }

    void StartStatic(string uid)
    {
        lock (_staticLock)
        {
            if (_stop.IsCancellationRequested || !_static.TryGetValue(uid, out var pod) || _workers.ContainsKey(uid)) return;
            _finished.TryRemove(uid, out _);
            _staticRunning[uid] = StaticKey(pod);
            StartWorker(uid, pod);
        }
    }

    static string StaticKey(Pod pod) => $"{pod.Metadata.Namespace}/{pod.Metadata.Name}";

    /// <summary>A new mirror pod starts with an empty status: the static pod's worker writes its whole status again.</summary>
    void RewriteStaticStatus(JsonObject mirror)
    {
        var key = $"{mirror["metadata"]?["namespace"]}/{mirror["metadata"]?["name"]}";
        foreach (var (uid, running) in _staticRunning)
            if (running == key && _workers.TryGetValue(uid, out var worker)) worker.RewriteStatus();
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
