using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using KubeSharp.Api.Errors;
using KubeSharp.Api.Model;
using KubeSharp.Api.Resources;
using KubeSharp.Client;
using KubeSharp.Client.Cache;
using KubeSharp.Client.Events;
using DeleteOptions = KubeSharp.Client.DeleteOptions;

namespace KubeSharp.Controllers.Tests.Fakes;

/// <summary>
/// Adds to <see cref="AppsFakeApi"/> the strategic merge patches the ReplicaSet and Deployment controllers
/// send to adopt and release children: owner references merged by uid (with <c>$patch: delete</c>), maps
/// merged key by key, and the <c>metadata.uid</c> precondition.
/// </summary>
public sealed class StrategicPatchApi(AppsFakeApi inner) : IApiClient
{
    public AppsFakeApi Inner => inner;

    public Task<JsonObject> GetAsync(GroupVersionResource gvr, string? ns, string name, string? subresource = null, CancellationToken ct = default) =>
        inner.GetAsync(gvr, ns, name, subresource, ct);

    public Task<ObjectList> ListAsync(GroupVersionResource gvr, string? ns, ListOptions? options = null, CancellationToken ct = default) =>
        inner.ListAsync(gvr, ns, options, ct);

    public IAsyncEnumerable<WatchEvent> WatchAsync(GroupVersionResource gvr, string? ns, ListOptions options, CancellationToken ct = default) =>
        inner.WatchAsync(gvr, ns, options, ct);

    public Task<JsonObject> CreateAsync(GroupVersionResource gvr, string? ns, JsonObject obj, string? subresource = null, WriteOptions? options = null, CancellationToken ct = default) =>
        inner.CreateAsync(gvr, ns, obj, subresource, options, ct);

    public Task<JsonObject> UpdateAsync(GroupVersionResource gvr, string? ns, JsonObject obj, string? subresource = null, WriteOptions? options = null, CancellationToken ct = default) =>
        inner.UpdateAsync(gvr, ns, obj, subresource, options, ct);

    public Task<JsonObject> DeleteAsync(GroupVersionResource gvr, string? ns, string name, DeleteOptions? options = null, CancellationToken ct = default) =>
        inner.DeleteAsync(gvr, ns, name, options, ct);

    public async Task<JsonObject> PatchAsync(GroupVersionResource gvr, string? ns, string name, PatchType type, string patch, string? subresource = null, WriteOptions? options = null, CancellationToken ct = default)
    {
        if (type != PatchType.StrategicMerge) return await inner.PatchAsync(gvr, ns, name, type, patch, subresource, options, ct);
        var current = await inner.GetAsync(gvr, ns, name, null, ct);
        var body = JsonNode.Parse(patch)!.AsObject();
        var meta = (JsonObject)current["metadata"]!;
        if (body["metadata"] is JsonObject pm)
        {
            if (pm["uid"]?.GetValue<string>() is { } precondition && precondition != JsonMeta.Uid(current))
                throw StatusError.Conflict(gvr.Resource, name, "Precondition failed: UID mismatch");
            foreach (var map in new[] { "labels", "annotations" })
                if (pm[map] is JsonObject changes)
                {
                    var target = meta[map] as JsonObject ?? new JsonObject();
                    foreach (var (k, v) in changes)
                        if (v is null) target.Remove(k); else target[k] = v.DeepClone();
                    meta[map] = target;
                }
            if (pm["ownerReferences"] is JsonArray refs)
            {
                var list = (meta["ownerReferences"] as JsonArray)?.Select(r => r!.DeepClone()).ToList() ?? [];
                foreach (var r in refs.OfType<JsonObject>())
                {
                    var uid = r["uid"]?.GetValue<string>();
                    list.RemoveAll(e => e?["uid"]?.GetValue<string>() == uid);
                    if (r["$patch"]?.GetValue<string>() != "delete") list.Add(r.DeepClone());
                }
                if (list.Count == 0) meta.Remove("ownerReferences");
                else meta["ownerReferences"] = new JsonArray([.. list]);
            }
        }
        return await inner.UpdateAsync(gvr, ns, current, subresource, options, ct);
    }
}

/// <summary>Informers over the fake API plus the helpers the workload controller tests share.</summary>
public sealed class ReplicaHarness : IAsyncDisposable
{
    public static readonly GroupVersionResource Pods = new("", "v1", "pods");
    public static readonly GroupVersionResource ReplicaSets = new("apps", "v1", "replicasets");
    public static readonly GroupVersionResource Deployments = new("apps", "v1", "deployments");
    public static readonly GroupVersionResource ReplicationControllers = new("", "v1", "replicationcontrollers");
    public static readonly GroupVersionResource Budgets = new("policy", "v1", "poddisruptionbudgets");

    readonly CancellationTokenSource _stop = new();
    readonly List<Task> _running = [];

    public ReplicaHarness()
    {
        Clock = new SkewClock();
        Store = new AppsFakeApi(Clock);
        Api = new StrategicPatchApi(Store);
        Informers = new SharedInformerFactory(Api, Clock);
        Recorder = new EventRecorder(Store, new EventSource("test"), Clock);
    }

    public SkewClock Clock { get; }
    public AppsFakeApi Store { get; }
    public StrategicPatchApi Api { get; }
    public SharedInformerFactory Informers { get; }
    public EventRecorder Recorder { get; }

    /// <summary>Starts the informers and the controller's workers.</summary>
    public async Task StartAsync(Func<CancellationToken, Task> run)
    {
        Informers.Start(_stop.Token);
        await Informers.WaitForCacheSyncAsync(_stop.Token);
        _running.Add(Task.Run(() => run(_stop.Token)));
    }

    public static async Task EventuallyAsync(Func<bool> condition, string what, int timeoutMs = 10_000, [CallerArgumentExpression(nameof(condition))] string? expr = null)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new Xunit.Sdk.XunitException($"timed out waiting for {what} ({expr})");
            await Task.Delay(10);
        }
    }

    /// <summary>Waits until nothing has changed for a while: the controllers have converged.</summary>
    public async Task SettleAsync(int quietMs = 150)
    {
        var last = -1;
        var quietSince = DateTime.UtcNow;
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            var count = Store.Calls.Count;
            if (count != last)
            {
                last = count;
                quietSince = DateTime.UtcNow;
            }
            else if ((DateTime.UtcNow - quietSince).TotalMilliseconds > quietMs) return;
            await Task.Delay(10);
        }
    }

    public IReadOnlyList<JsonObject> PodsOf(string ns) => Store.Items(Pods, ns);

    /// <summary>What a kubelet would report: the pod running and ready since <paramref name="since"/> (now when null).</summary>
    public void MarkReady(string ns, string name, DateTimeOffset? since = null) =>
        Store.Mutate(Pods, ns, name, p =>
        {
            p["spec"]!.AsObject()["nodeName"] ??= "node-1";
            p["status"] = new JsonObject
            {
                ["phase"] = "Running",
                ["conditions"] = new JsonArray(new JsonObject
                {
                    ["type"] = "Ready",
                    ["status"] = "True",
                    ["lastTransitionTime"] = KubeJson.FormatTime(since ?? Clock.GetUtcNow()),
                }),
            };
        });

    public void MarkAllReady(string ns)
    {
        foreach (var p in PodsOf(ns))
            if (p["status"]?["phase"]?.GetValue<string>() != "Running") MarkReady(ns, JsonMeta.Name(p)!);
    }

    public static JsonObject PodTemplate(IReadOnlyDictionary<string, string> labels, string image = "nginx:1.25")
    {
        var l = new JsonObject();
        foreach (var (k, v) in labels) l[k] = v;
        return new JsonObject
        {
            ["metadata"] = new JsonObject { ["labels"] = l },
            ["spec"] = new JsonObject
            {
                ["containers"] = new JsonArray(new JsonObject { ["name"] = "app", ["image"] = image }),
            },
        };
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_running).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await Recorder.DisposeAsync(TimeSpan.FromMilliseconds(100));
        await Informers.DisposeAsync();
        Clock.Dispose();
        _stop.Dispose();
    }

    /// <summary>Starts a fake kubelet: every pod that shows up is marked running and ready on "node-1".</summary>
    public void RunKubelet(string ns) => _running.Add(Task.Run(async () =>
    {
        while (!_stop.IsCancellationRequested)
        {
            try { MarkAllReady(ns); }
            catch (KeyNotFoundException) { }
            try { await Task.Delay(15, _stop.Token); }
            catch (OperationCanceledException) { return; }
        }
    }));
}

/// <summary>
/// Real time plus an offset a test can push forward: retries and watches run on their own, while a test
/// can still jump past minReadySeconds or a progress deadline. Timers fire by the shifted clock.
/// </summary>
public sealed class SkewClock : TimeProvider, IDisposable
{
    readonly Lock _lock = new();
    readonly List<PumpTimer> _timers = [];
    readonly Timer _pump;
    TimeSpan _offset;

    public SkewClock() => _pump = new Timer(_ => Pump(), null, 5, 5);

    public override DateTimeOffset GetUtcNow() { lock (_lock) return DateTimeOffset.UtcNow + _offset; }

    public void Advance(TimeSpan by)
    {
        lock (_lock) _offset += by;
        Pump();
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var t = new PumpTimer(this, callback, state);
        t.Change(dueTime, period);
        return t;
    }

    void Pump()
    {
        while (true)
        {
            PumpTimer? due;
            lock (_lock)
            {
                var now = DateTimeOffset.UtcNow + _offset;
                due = _timers.Where(t => t.DueAt <= now).MinBy(t => t.DueAt);
                if (due is null) return;
                if (due.Period is { } p) due.DueAt = now + p;
                else _timers.Remove(due);
            }
            due.Fire();
        }
    }

    public void Dispose() => _pump.Dispose();

    sealed class PumpTimer(SkewClock owner, TimerCallback callback, object? state) : ITimer
    {
        public DateTimeOffset DueAt { get; set; }
        public TimeSpan? Period { get; private set; }

        public void Fire() => callback(state);

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (owner._lock)
            {
                owner._timers.Remove(this);
                if (dueTime == Timeout.InfiniteTimeSpan) return true;
                DueAt = DateTimeOffset.UtcNow + owner._offset + dueTime;
                Period = period == Timeout.InfiniteTimeSpan || period == TimeSpan.Zero ? null : period;
                owner._timers.Add(this);
            }
            return true;
        }

        public void Dispose()
        {
            lock (owner._lock) owner._timers.Remove(this);
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
